/**
 * Entry of `lifeboat.shopify.recs.js`: the recommendations chain, fetched at idle only by pages
 * with a slot. Its own chunk, so a healthy product page does not fetch the degraded path with it.
 */
export { fillRecommendations } from './recommendations/fill.js';
