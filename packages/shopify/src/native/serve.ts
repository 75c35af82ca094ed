import type { Lifeboat } from '@lifeboat/sdk';
import type { Held } from '../widget/hold.js';
import { createCartGuard } from '../cart/cartFetch.js';
import { nativeAddToCart, openNativeCart } from './cart.js';

export interface ServeOptions {
  /** The page's original fetch (a failed widget may have patched the current one). */
  fetch?: typeof fetch;
  /** With an instance, the native cart calls run under the cart guard (`cartGuard`, default `cart`). */
  lifeboat?: Lifeboat;
  cartGuard?: string;
}

/**
 * Serves a held shopper action with the store's native cart. Under the cart guard, a store cart
 * API that hangs or fails falls through to the browser's own form post within the guard's budget;
 * a 422 "sold out" is shown, not counted.
 */
export function serveNative(h: Held, opts: ServeOptions = {}): Promise<unknown> {
  const f = opts.lifeboat ? createCartGuard(opts.lifeboat, { guard: opts.cartGuard, fetch: opts.fetch }).fetch : opts.fetch;
  return h.kind === 'add' ? nativeAddToCart(h.el as HTMLFormElement, { fetch: f }, h.submitter) : openNativeCart({ fetch: f }, h.el);
}
