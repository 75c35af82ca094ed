/**
 * Where a guard gets opossum's `CircuitBreaker` class. This default provider imports it eagerly:
 * the npm builds, `lifeboat.browser.js` and the unit tests always have it, so every call goes
 * through opossum's `fire` (the common path, allocation-free beyond its promises).
 *
 * The Shopify loader build aliases this module to `packages/shopify/src/lazy/opossum.ts`, which
 * has no class until `loadBreaker()` fetched `lifeboat.shopify.breaker.js` (opossum is ~4.7 kB
 * gzip of a 10 kB budget). Until then a closed guard runs its calls directly under its own timer
 * and remembers its successes; the page's first counted failure or timeout loads the class,
 * creates the breaker and replays those successes and that failure into it, so opossum takes the
 * same decision it would have taken from the first call (see `Guard.ts`, `direct`/`replay`).
 *
 * @example
 * ```ts
 * const C = breakerClass() ?? (await loadBreaker());
 * const breaker = new C(action, { timeout: 3000 });
 * ```
 */
import CircuitBreaker from 'opossum';

/** Whether the class may be missing: false here, so bundlers drop the guard's direct path. */
export const lazy = false;

/** The class if it is here already (always, in this provider). */
export const breakerClass = (): typeof CircuitBreaker | undefined => CircuitBreaker;

/** The class, loading it first if needed (resolves at once here). */
export const loadBreaker = (): Promise<typeof CircuitBreaker> => Promise.resolve(CircuitBreaker);
