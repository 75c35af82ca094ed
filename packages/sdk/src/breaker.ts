/**
 * @packageDocumentation
 * `@lifeboat/sdk/breaker`: opossum's `CircuitBreaker` and the guard's glue for it, as one module —
 * what `lazyBreaker(load)` loads on a page's first failure (the Shopify loader's breaker chunk),
 * and `eagerBreaker`, the provider with opossum in the bundle.
 *
 * @example
 * ```ts
 * import { lazyBreaker } from '@lifeboat/sdk/core';
 * const breaker = lazyBreaker(() => import('@lifeboat/sdk/breaker'));
 * ```
 */
// The page builds give opossum this `events` (rollup alias); the import puts it in the TS program.
import type {} from './lib/events.js';

export { default } from 'opossum';
export { attachBreaker, type AttachedBreaker } from './guard/breakerGlue.js';
export { eagerBreaker } from './guard/eagerBreaker.js';
