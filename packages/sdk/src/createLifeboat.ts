import type { LifeboatConfig } from '@lifeboat/schema/lite';
import { createCore, type CoreParts } from './createCore.js';
import { quickConfig } from './config/resolve.js';
import { retryingAction } from './guard/actionProvider.js';
import { eagerBreaker } from './guard/eagerBreaker.js';
import { checkStatus } from './status/checkStatus.js';
import type { Lifeboat, LifeboatParts } from './types.js';

/** The npm build's parts: the cheap config check (no zod), opossum in the bundle, the retry loop, the status check. */
const NPM: CoreParts = { config: quickConfig, breaker: eagerBreaker, action: retryingAction, checkStatus };

/**
 * Creates a Lifeboat instance: named guards with a time budget, a circuit breaker whose state
 * survives page loads and is shared by the shop's tabs, retries and fallbacks.
 *
 * Never throws: an invalid config is reported once on the console and as an `sdk-error`
 * (`config-invalid`), and the defaults stand in for the bad parts. The check is a cheap one
 * without zod (same verdict and field paths); for zod's explanations, pass
 * `{ config: readConfig(config) }` from `@lifeboat/sdk/validate`, or validate in your tests. With `collector` and
 * `publicKey` set, beacons are sent and the fleet status document is applied.
 *
 * @example
 * ```ts
 * const lifeboat = createLifeboat({ guards: { cart: { timeout: 2500 } } });
 * const r = await lifeboat.run('cart', (signal) => fetch('/cart.js', { signal }).then((res) => res.json()), {
 *   fallback: () => null,
 * });
 * if (r.fromFallback) showNativeCart(r.reason);
 * ```
 */
export function createLifeboat(config?: LifeboatConfig, parts?: LifeboatParts): Lifeboat;
/** Untrusted input (the script tag's JSON) is accepted too: it is checked, never trusted. */
export function createLifeboat(config?: unknown, parts?: LifeboatParts): Lifeboat;
export function createLifeboat(config?: unknown, parts?: LifeboatParts): Lifeboat {
  return createCore(config, parts, NPM);
}
