/**
 * @packageDocumentation
 * `@lifeboat/sdk/core`: the SDK core with its parts chosen by the caller, for builds that must
 * choose them — the Shopify loader takes opossum on a page's first failure (`lazyBreaker`) and
 * its retry loop from a chunk. `@lifeboat/sdk`'s `createLifeboat` is `createCore` with the npm parts.
 *
 * @example
 * ```ts
 * import { createCore, checkedConfig, lazyBreaker, retryingAction, checkStatus } from '@lifeboat/sdk/core';
 * const lifeboat = createCore({ guards: { cart: { timeout: 2500 } } }, undefined, {
 *   config: checkedConfig,
 *   breaker: lazyBreaker(() => import('@lifeboat/sdk/breaker')),
 *   action: retryingAction,
 *   checkStatus,
 * });
 * ```
 */
export { createCore, type CoreParts } from './createCore.js';
export { checkedConfig, readWith, resolveConfig } from './config/resolve.js';
export { lazyBreaker, type BreakerModule } from './guard/lazyBreaker.js';
export { retryingAction, type Action, type ActionProvider } from './guard/actionProvider.js';
export { invoke, type Work } from './guard/invoke.js';
export { retrying } from './guard/retry.js';
export { checkStatus } from './status/checkStatus.js';
// The storage limits the Shopify loader's gate reads by, as the core does.
export { STORAGE_WAIT_MS } from './breaker/persist.js';
export { CACHE_LIMIT } from './status/statusClient.js';
export { scrub } from './transport/scrub.js';
export { GuardError } from './guard/GuardError.js';
export { VERSION } from './version.js';
export type { Breaker, BreakerContext, BreakerProvider } from './guard/breakerProvider.js';
export type { Rotation } from './guard/rotation.js';
export type * from './types.js';
