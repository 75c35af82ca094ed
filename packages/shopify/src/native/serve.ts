import type { Held } from '../widget/hold.js';
import { nativeAddToCart, openNativeCart } from './cart.js';

/** Serves a held shopper action with the store's native cart. */
export function serveNative(h: Held, opts: { fetch?: typeof fetch } = {}): Promise<unknown> {
  return h.kind === 'add' ? nativeAddToCart(h.el as HTMLFormElement, opts, h.submitter) : openNativeCart(opts, h.el);
}
