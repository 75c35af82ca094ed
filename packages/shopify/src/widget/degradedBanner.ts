import type { Lifeboat } from '@lifeboat/sdk';
import { chooseNoticeText, showBanner } from '../banner/index.js';
import { noticePlace } from './bannerPlace.js';

/** The page's languages, most specific first: `<html lang>`, then Shopify's storefront locale. */
export function pageLanguages(doc: Document = document): string[] {
  const locale = (doc.defaultView as unknown as { Shopify?: { locale?: unknown } } | null)?.Shopify?.locale;
  return [doc.documentElement.lang, typeof locale === 'string' ? locale : ''].filter(Boolean);
}

/**
 * Shows the degraded-mode notice for `guard` where the native cart serves the shopper
 * (bannerPlace.ts), in the page's language: the fleet's banner text wins over the config's
 * `text`, which wins over `texts[lang]` and the built-in texts.
 */
export function showDegradedBanner(lifeboat: Lifeboat, guard: string): void {
  const cfg = lifeboat.config.banner;
  if (!cfg.enabled) return;
  const t = chooseNoticeText(pageLanguages(), { fleet: lifeboat.fleet(guard)?.banner, text: cfg.text, texts: cfg.texts });
  const { place } = noticePlace();
  showBanner({
    text: t.text,
    dismissLabel: t.dismiss,
    lang: t.lang,
    place,
    onShown: () => lifeboat.report({ type: 'banner', action: 'shown', guard }),
    onDismiss: () => lifeboat.report({ type: 'banner', action: 'dismissed', guard }),
  });
}
