/**
 * The SDK core's parts in the loader (`lifeboat.shopify.js`): what a healthy page never needs is
 * fetched when it is — opossum on a page's first counted failure (the breaker chunk), the retry
 * loop and the status check from the degraded chunk. The config was checked by the loader.
 */
import { checkedConfig, lazyBreaker, type CoreParts } from '@lifeboat/sdk/core';
import { breaker } from '../chunks.js';
import { chunkAction } from './action.js';
import { chunkCheck } from './check.js';

export const LOADER_PARTS: CoreParts = {
  config: checkedConfig,
  breaker: lazyBreaker(breaker),
  action: chunkAction(),
  checkStatus: chunkCheck,
};
