import type { ResolvedGuardOptions } from '@lifeboat/schema';
import type { RunOptions } from '../types.js';
import { invoke, type Work } from './invoke.js';
import { retrying } from './retry.js';

/** What opossum fires: one call of the work, or the retry loop around it. */
export type Action = (work: Work, ctrl: AbortController | undefined, options: RunOptions<unknown> | undefined) => unknown;

/**
 * The guard's action: the retry loop when `retries` > 0, else one plain call. Its own module so a
 * build whose guards never retry (a size-bound loader) can alias it to `() => invoke` (saves ~0.42 kB gzip).
 */
export function actionFor(o: ResolvedGuardOptions, allowed: () => boolean): Action {
  return (o.retries > 0 ? retrying(o, allowed) : invoke) as Action;
}
