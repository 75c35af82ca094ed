import type { PageType } from '@lifeboat/schema/lite';

// A leading locale segment (`/fr`, `/en-ca`) does not change what the page is.
const LOCALE = /^\/[a-z]{2}(?:-[a-z]{2,4})?(?=\/|$)/i;

/** The page type beacons carry, from a path; never the URL itself. */
export function detectPage(pathname: string): PageType {
  const p = pathname.replace(LOCALE, '') || '/';
  if (p.includes('/products/')) return 'product';
  if (/^\/collections(\/|$)/.test(p)) return 'collection';
  if (/^\/cart(\/|$)/.test(p)) return 'cart';
  return p === '/' ? 'home' : 'other';
}
