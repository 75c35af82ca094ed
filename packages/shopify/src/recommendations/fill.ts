/**
 * Lazy start of the chain: a slot is filled when it nears the viewport (the rootMargin Dawn uses),
 * or when the page is idle if IntersectionObserver is missing.
 */
import type { Lifeboat } from '@lifeboat/sdk';
import { routesRoot } from '../native/cart.js';
import { createRecCache, type RecCache } from './cache.js';
import { fillSlot } from './chain.js';
import { RECOMMENDATIONS_DEFAULTS, type RecSource, type RecommendationsOptions } from './types.js';

/**
 * Themes hide empty elements (Dawn's base.css: `div:empty, section:empty, … { display: none }`):
 * an empty slot has no box, so no IntersectionObserver ever reports it. A placeholder child makes
 * it non-empty, so its reserved height (`min-height`) applies. Slots should be rendered with one
 * (docs/shopify.md), then nothing moves; this covers slots rendered without.
 */
function reserve(slot: HTMLElement) {
  const p = slot.ownerDocument.createElement('span');
  p.setAttribute('data-lifeboat-placeholder', '');
  p.setAttribute('aria-hidden', 'true');
  p.style.display = 'block';
  slot.append(p);
}

/**
 * Fills every `[data-lifeboat-recommendations]` slot (with `data-product-id`) lazily.
 * Returns a stop function.
 *
 * @example
 * ```html
 * <div data-lifeboat-recommendations data-product-id="123" style="min-height:320px"><span data-lifeboat-placeholder aria-hidden="true" style="display:block"></span></div>
 * ```
 * ```ts
 * fillRecommendations(lifeboat, { vendor: 'https://recs.example/api/related?product={productId}&limit={limit}' });
 * ```
 */
export function fillRecommendations(
  lifeboat: Lifeboat,
  options: Partial<RecommendationsOptions> = {},
  deps: { fetch?: typeof fetch; cache?: RecCache; onFilled?: (slot: HTMLElement, source: RecSource) => void } = {},
): () => void {
  const opts: RecommendationsOptions = { ...RECOMMENDATIONS_DEFAULTS, ...options };
  const cache = deps.cache ?? createRecCache();
  const f = deps.fetch ?? fetch.bind(globalThis);
  const slots = [...document.querySelectorAll<HTMLElement>(opts.selector)].filter((s) => !s.dataset.lifeboatSource);
  for (const s of slots) if (!s.firstChild) reserve(s);
  const started = new WeakSet<Element>();
  const start = (slot: HTMLElement) => {
    if (started.has(slot)) return;
    started.add(slot);
    fillSlot(slot, { lifeboat, opts, cache, fetch: f, root: routesRoot() })
      .then((source) => deps.onFilled?.(slot, source))
      .catch(() => {});
  };
  if (typeof IntersectionObserver === 'undefined') {
    const idle = (window as { requestIdleCallback?: (cb: () => void) => number }).requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(() => slots.forEach(start));
    return () => {};
  }
  const near = new IntersectionObserver(
    (entries) => {
      for (const e of entries)
        if (e.isIntersecting) {
          near.unobserve(e.target);
          start(e.target as HTMLElement);
        }
    },
    { rootMargin: '0px 0px 400px 0px' },
  );
  const visible = new IntersectionObserver((entries) => {
    for (const e of entries) {
      // An empty slot that scrolled away below the viewport can collapse without moving anything on screen.
      if (!e.isIntersecting && (e.target as HTMLElement).dataset.lifeboatSource === 'empty' && e.boundingClientRect.top >= (e.rootBounds?.height ?? innerHeight))
        (e.target as HTMLElement).style.display = 'none';
    }
  });
  for (const s of slots) {
    near.observe(s);
    visible.observe(s);
  }
  return () => {
    near.disconnect();
    visible.disconnect();
  };
}
