/**
 * The SDK core's parts in the storefront build (`lifeboat.shopify.core.js`): what a healthy page
 * never needs is fetched when it is — opossum on a page's first counted failure (the breaker
 * chunk), the retry loop from the degraded chunk. The config was checked by the loader.
 */
import { checkedConfig, checkStatus, lazyBreaker, type CoreParts } from '@lifeboat/sdk/core';
import { breaker } from '../chunks.js';
import { chunkAction } from './action.js';

export const LOADER_PARTS: CoreParts = {
  config: checkedConfig,
  breaker: lazyBreaker(breaker),
  action: chunkAction(),
  // In the core chunk itself (~0.3 kB gzip): every first view reads a new status document, and
  // fetching the degraded chunk for its check cost a healthy first page 7.8 kB gzip.
  checkStatus,
};
