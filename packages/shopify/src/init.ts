/**
 * npm counterpart of the script-tag loader: one call wires a whole storefront config.
 */
import { formatProblems, parseShopifyConfig, type RecommendationsConfig } from '@lifeboat/schema';
import { createLifeboat, type Lifeboat } from '@lifeboat/sdk';
import { splitConfig } from './config/split.js';
import { guardWidget, type DegradedPath, type WidgetHandle, type WidgetOptions } from './widget/guardWidget.js';
import { fillRecommendations } from './recommendations/fill.js';
import { takeOverAndWatch } from './widget/lateWidget.js';
import { serveNative } from './native/serve.js';
import { showDegradedBanner } from './widget/degradedBanner.js';

/** The degraded path bundled in (npm users): take-over, native cart, banner. */
export const degradedPath: DegradedPath = {
  takeOver: takeOverAndWatch,
  serveNative,
  showBanner: (lifeboat: Lifeboat, guard: string) => showDegradedBanner(lifeboat, guard),
};

export interface ShopifyInstance {
  lifeboat: Lifeboat;
  widgets: WidgetHandle[];
  /** Problems found in the config; when any, no widget was loaded (native mode). */
  problems: Array<{ path: string; message: string }>;
  stop(): void;
}

/**
 * Validates a storefront config (the script tag's JSON shape), creates the Lifeboat instance,
 * guards the widgets and starts the recommendations chain. An invalid config is printed (field and
 * fix) and leaves the store native: the instance exists, no widget script is loaded.
 *
 * @example
 * ```ts
 * import { initShopify } from '@lifeboat/shopify';
 * const { lifeboat } = initShopify({
 *   app: 'smartcart', publicKey: 'pk_live_smartcart', collector: 'https://collector.example.com',
 *   guards: { smartcart: { timeout: 3500, volumeThreshold: 1 } },
 *   widgets: [{ name: 'smartcart', script: 'https://cdn.smartcart.example/smartcart.js',
 *     ready: { event: 'smartcart:ready' }, budget: 3000, standDown: 'SmartCart.destroy' }],
 * });
 * ```
 */
export function initShopify(config: unknown): ShopifyInstance {
  const r = parseShopifyConfig(config);
  if (!r.ok) console.error(`[lifeboat] invalid config, the store stays in native mode:\n${formatProblems(r.problems)}`);
  const parts = splitConfig(r.ok ? (r.value as Record<string, unknown>) : {});
  const lifeboat = createLifeboat(parts.sdk);
  const widgets = r.ok ? parts.widgets.map((w) => guardWidget(lifeboat, w as unknown as WidgetOptions, { degraded: async () => degradedPath, cartGuard: parts.cartGuard })) : [];
  const recs = parts.recommendations as RecommendationsConfig | undefined;
  const stopRecs = r.ok && (recs || document.querySelector('[data-lifeboat-recommendations]')) ? fillRecommendations(lifeboat, recs ?? {}) : () => {};
  return {
    lifeboat,
    widgets,
    problems: r.ok ? [] : r.problems,
    stop() {
      stopRecs();
      for (const w of widgets) w.stop();
    },
  };
}
