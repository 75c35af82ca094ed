/**
 * Entry of `lifeboat.shopify.breaker.js`: opossum's `CircuitBreaker` and the guard's glue for it
 * (`@lifeboat/sdk/breaker`), which the loader's `lazyBreaker` fetches on a page's first counted
 * failure (parts/index.ts). Built with the page builds' `events` shim and without opossum's cache.
 */
export { default, attachBreaker } from '@lifeboat/sdk/breaker';
