/**
 * The script-tag / app-embed loader (`lifeboat.shopify.js`, ≤ 10 kB gzip). Reads the JSON config,
 * creates the instance on `window.Lifeboat` (the only global), gates and watches the widgets, and
 * starts recommendations lazily (their own chunk, pages with a slot only). Anything needed only
 * when degraded comes from the degraded chunk; opossum from the breaker chunk (parts/).
 * Whatever happens here, the store keeps its native behaviour.
 */
import { checkShopifyConfig } from '@lifeboat/schema/lite';
import { createCore, scrub, type Lifeboat } from '@lifeboat/sdk/core';
import { readConfigElement } from './config/read.js';
import { splitConfig } from './config/split.js';
import { guardWidget, type WidgetOptions } from './widget/guardWidget.js';
import type { RecommendationsOptions } from './recommendations/types.js';
import { degraded, recs as recsChunk, validator } from './chunks.js';
import { LOADER_PARTS } from './parts/index.js';

type Win = { Lifeboat?: Lifeboat };

/** Native mode: the instance exists (empty config), no widget script is loaded. */
const native = () => ((window as Win).Lifeboat = createCore({}, undefined, LOADER_PARTS));

/** Runs only with a config the check passed. */
function wire(raw: Record<string, unknown>) {
  const parts = splitConfig(raw);
  const lifeboat = ((window as Win).Lifeboat = createCore(parts.sdk, undefined, LOADER_PARTS));
  const recs = parts.recommendations as Partial<RecommendationsOptions> | undefined;
  // Only a page with a slot fetches the chunk for it. A bad selector throws here, before any
  // widget is loaded: the store stays native and the loader reports it (start()).
  if (document.querySelector(recs?.selector ?? '[data-lifeboat-recommendations]')) {
    const go = () =>
      recsChunk()
        .then((c) => c.fillRecommendations(lifeboat, recs))
        .catch((e) => lifeboat.report({ type: 'sdk-error', code: 'recs-failed', message: scrub(e) }));
    // The chain observes its slots itself; fetching the chunk waits for the page to settle.
    // Without requestIdleCallback, setTimeout takes the options as its delay: NaN, i.e. 0.
    const idle = (window as { requestIdleCallback?: (cb: () => void, o?: object) => number }).requestIdleCallback ?? setTimeout;
    const later = () => idle(go, { timeout: 2000 } as never);
    if (document.readyState === 'complete') later();
    else addEventListener('load', later, { once: true });
  }
  for (const w of parts.widgets) guardWidget(lifeboat, w as unknown as WidgetOptions, { degraded, cartGuard: parts.cartGuard });
}

function start() {
  // Included twice (app embed and a leftover script tag): one instance, one widget load.
  if ((window as Win).Lifeboat) return;
  const read = readConfigElement();
  if (!read.ok) {
    console.error('[lifeboat] config problems; the store stays in native mode:', read.error);
    native();
    return;
  }
  const raw = read.value as Record<string, unknown>;
  // The store's config is the same for every shopper: it is validated where it is written (the
  // theme app extension build, `npx lifeboat validate`). Here only the cheap check runs (no zod,
  // the same verdict); a config it refuses leaves the store native and only then fetches the
  // validate chunk, for zod's explanation of each problem (field, fix, what it got).
  if (!checkShopifyConfig(raw).length) return wire(raw);
  const lifeboat = native();
  validator()
    .then((v) => v.validate(raw))
    .catch((e) => lifeboat.report({ type: 'sdk-error', code: 'validator-unavailable', message: scrub(e) }));
}

function failed(e: unknown) {
  try {
    (window as Win).Lifeboat?.report({ type: 'sdk-error', code: 'loader-failed', message: scrub(e) });
  } catch {}
  console.error('[lifeboat] loader failed; the store stays in native mode', e);
}

try {
  start();
} catch (e) {
  failed(e);
}
