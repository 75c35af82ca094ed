// opossum's `require('./cache')` in the Shopify loader build (rollup alias). opossum constructs
// its MemoryCache only when a breaker is given the `cache` or `coalesce` option; Lifeboat's guards
// pass neither (their options are the validated guard options), so 0.5 kB of cache stays out.
export default class NoCache {
  constructor() {
    throw new Error('opossum cache/coalesce is not available in the Lifeboat loader build');
  }
}
