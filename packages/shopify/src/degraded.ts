/**
 * The degraded chunk (`lifeboat.shopify.degraded.js`): everything the per-page loader needs only
 * when something failed or is worth a closer look — the take-over, the native cart, the banner —
 * plus the retry loop of guards that retry.
 */
import type { Lifeboat } from '@lifeboat/sdk';
import { takeOverAndWatch } from './widget/lateWidget.js';
import { serveNative as serve, type ServeOptions } from './native/serve.js';
import { showDegradedBanner } from './widget/degradedBanner.js';
import type { Held } from './widget/hold.js';

/** The retry loop of guards configured with `retries` (parts/action.ts). */
export { retrying } from '@lifeboat/sdk/core';

export const takeOver = takeOverAndWatch;

export function serveNative(h: Held, opts: ServeOptions): Promise<unknown> {
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
