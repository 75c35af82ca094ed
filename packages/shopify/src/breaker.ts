/**
 * Entry of `lifeboat.shopify.breaker.js`: opossum's `CircuitBreaker` and the guard's glue for it
 * (`attachBreaker`: options, listeners, call path), which the loader fetches on a page's first
 * failure (`lazy/opossum.ts`). Built with the page builds' `events` shim and without opossum's
 * cache, like the loader was.
 */
export { default } from 'opossum';
export { attachBreaker } from '../../sdk/src/guard/breakerGlue.js';
