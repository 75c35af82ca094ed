import type { ResolvedGuardOptions } from '@lifeboat/schema/lite';
import type { RunOptions } from '../types.js';
import { invoke, type Work } from './invoke.js';
import { retrying } from './retry.js';

/** What the breaker fires: one call of the work, or the retry loop around it. */
export type Action = (work: Work, ctrl: AbortController | undefined, options: RunOptions<unknown> | undefined) => unknown;

/**
 * Makes a guard's action — one of the SDK core's parts. `allowed()` is false while a retry would
 * be wrong (a half-open probe gets one attempt).
 */
export type ActionProvider = (o: ResolvedGuardOptions, allowed: () => boolean) => Action;

/** The retry loop when `retries` > 0, else one plain call. */
export const retryingAction: ActionProvider = (o, allowed) => (o.retries > 0 ? retrying(o, allowed) : invoke) as Action;
