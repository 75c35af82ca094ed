/**
 * The degraded chunk (`lifeboat.shopify.degraded.js`): everything the per-page loader needs only
 * when something failed or is worth a closer look — the take-over, the native cart, the banner,
 * the full config validation with clear messages — plus the lazily started recommendations chain.
 */
import { parseShopifyConfig, formatProblems } from '@lifeboat/schema';
import type { Lifeboat } from '@lifeboat/sdk';
import { takeOver as undo, type TakeOverContext } from './widget/takeover.js';
import { serveNative as serve } from './native/serve.js';
import { showDegradedBanner } from './widget/banner.js';
import type { Held } from './widget/hold.js';

export { fillRecommendations } from './recommendations/fill.js';

export function takeOver(ctx: TakeOverContext): string[] {
  return undo(ctx);
}

export function serveNative(h: Held, opts: { fetch?: typeof fetch }): Promise<unknown> {
  return serve(h, opts).catch(() => {
    // Last resort: the browser's own form post or the cart page.
    if (h.kind === 'add') HTMLFormElement.prototype.submit.call(h.el);
    else location.assign('/cart');
  });
}

export function showBanner(lifeboat: Lifeboat, guard: string): void {
  try {
    showDegradedBanner(lifeboat, guard);
  } catch {}
}

/** Full validation of the script tag's JSON; prints each problem with its field and fix. */
export function validate(raw: unknown): boolean {
  const r = parseShopifyConfig(raw);
  if (!r.ok) console.error(`[lifeboat] invalid config, the store stays in native mode:\n${formatProblems(r.problems)}`);
  return r.ok;
}
