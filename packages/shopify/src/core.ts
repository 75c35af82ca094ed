/**
 * Entry of `lifeboat.shopify.core.js`: the SDK core with the loader's parts, the widget guard,
 * the recommendations start. The loader (stage 0) fetches it at idle — at once when a widget
 * failed, a guard must decide, or page code calls `run` — and hands over what it started.
 */
import { createCore, scrub, type Lifeboat } from '@lifeboat/sdk/core';
import { splitConfig } from './config/split.js';
import { degraded, recs as recsChunk } from './chunks.js';
import { LOADER_PARTS } from './parts/index.js';
import type { RecommendationsOptions } from './recommendations/types.js';
import type { Started } from './stage0/startWidget.js';
import { guardWidget, type WidgetOptions } from './widget/guardWidget.js';

/** The instance of a store in native mode: no widget, nothing to guard. */
export const native = (): Lifeboat => createCore({}, undefined, LOADER_PARTS);

/**
 * The instance for a checked config; `started[i]` is what the loader started of widget `i`
 * (undefined: the guard decides and loads it). `slot`: the page has a recommendation slot.
 */
export function wire(raw: Record<string, unknown>, started: Array<Promise<Started | undefined>>, slot: boolean): Lifeboat {
  const parts = splitConfig(raw);
  const lifeboat = createCore(parts.sdk, undefined, LOADER_PARTS);
  if (slot)
    recsChunk()
      .then((c) => c.fillRecommendations(lifeboat, parts.recommendations as Partial<RecommendationsOptions> | undefined))
      .catch((e) => lifeboat.report({ type: 'sdk-error', code: 'recs-failed', message: scrub(e) }));
  parts.widgets.forEach((w, i) => guardWidget(lifeboat, w as unknown as WidgetOptions, { degraded, cartGuard: parts.cartGuard, started: started[i] }));
  return lifeboat;
}
