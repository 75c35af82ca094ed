/**
 * Where the degraded-mode notice goes on a Shopify storefront: where the shopper looks when the
 * native cart serves them.
 * - The cart page (a cart form outside any drawer): a toast clear of checkout. Lines already on
 *   screen cannot get a notice above them without moving (a layout shift).
 * - A theme drawer — Dawn's `<cart-drawer>` (`.drawer__inner`: header, `<cart-drawer-items>`,
 *   footer) or Horizon's `<cart-drawer-component>` (`.cart-drawer__inner`: header,
 *   `<cart-items-component>`): inside it, above the lines, put in while the drawer is closed and
 *   kept there through its re-renders. The shopper sees it when the drawer opens with their item.
 * - Anything else: the toast.
 */
import type { BannerPlace, Spot } from '../banner/index.js';

export type NoticeSpotKind = 'cart-page' | 'dawn-drawer' | 'horizon-drawer' | 'toast';

/** What the toast never covers: checkout, add-to-cart, the cart icon, a drawer's close button. */
export const NOTICE_AVOID = [
  '[name="checkout"]',
  'a[href*="/checkout"]',
  'form[action*="/cart/add"] button',
  'form[action*="/cart/add"] [type="submit"]',
  '#cart-icon-bubble',
  'a[href$="/cart"]',
  '.drawer__close',
].join(', ');

/** Containers whose cart form is not the cart page's. */
const OVERLAYS = 'cart-drawer, cart-drawer-component, theme-drawer, cart-notification, dialog, [role="dialog"]';
/** `/cart`, or under a locale prefix (`/fr/cart`, `/en-ca/cart`); not `/products/cart`. */
const CART_PATH = /^(\/[a-z]{2,3}(-[a-z0-9]{2,4})?)?\/cart\/?$/i;
const pathOf = (url: string, base: string) => {
  try {
    return new URL(url, base).pathname;
  } catch {
    return '';
  }
};

/** True on the cart page: the path is the cart's, or a cart form (`action` `/cart`) is in the page itself. */
export function onCartPage(doc: Document = document): boolean {
  const here = doc.defaultView?.location.href ?? 'http://localhost/';
  if (CART_PATH.test(pathOf(here, here))) return true;
  return [...doc.querySelectorAll('form[action]')].some((f) => CART_PATH.test(pathOf(f.getAttribute('action') ?? '', here)) && !f.closest(OVERLAYS));
}

const child = (parent: Element, sel: string) => [...parent.children].find((c) => c.matches(sel)) ?? null;

/** Above the lines of Dawn's drawer (in its empty state: at the top of what it shows instead). */
export function dawnSpot(doc: Document = document): Spot | undefined {
  const drawer = doc.querySelector('cart-drawer');
  const inner = drawer?.querySelector('.drawer__inner');
  if (!drawer || !inner) return undefined;
  const empty = drawer.classList.contains('is-empty') ? inner.querySelector('.drawer__inner-empty') : null;
  if (empty) return { parent: empty, before: empty.firstElementChild };
  const items = child(inner, 'cart-drawer-items');
  if (items) return { parent: inner, before: items };
  const header = child(inner, '.drawer__header');
  return { parent: inner, before: header ? header.nextElementSibling : inner.firstElementChild };
}

/** Above the lines of Horizon's drawer, below its header. */
export function horizonSpot(doc: Document = document): Spot | undefined {
  const component = doc.querySelector('cart-drawer-component');
  const inner = component?.querySelector('.cart-drawer__inner');
  if (!inner) return undefined;
  const items = child(inner, 'cart-items-component, .cart-items-component');
  if (items) return { parent: inner, before: items };
  const header = child(inner, '.theme-drawer__header');
  return { parent: inner, before: header ? header.nextElementSibling : inner.firstElementChild };
}

/** The notice's place on this page, and its name (for tests and debugging). */
export function noticePlace(doc: Document = document): { kind: NoticeSpotKind; place: BannerPlace } {
  const toast = { toast: { avoid: NOTICE_AVOID } };
  if (onCartPage(doc)) return { kind: 'cart-page', place: toast };
  // Horizon pads the drawer's header and content, not `.cart-drawer__inner` itself.
  if (horizonSpot(doc)) return { kind: 'horizon-drawer', place: { inline: () => horizonSpot(doc), margin: '0 var(--cart-drawer-padding, 16px) 12px' } };
  if (dawnSpot(doc)) return { kind: 'dawn-drawer', place: { inline: () => dawnSpot(doc) } };
  return { kind: 'toast', place: toast };
}
