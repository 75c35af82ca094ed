/**
 * The guard's action in the loader build (rollup aliases the SDK's `guard/action.ts` here). The
 * loader's own guards (widget readiness) never retry, so the retry loop and its budget are not in
 * the per-page file: a guard configured with `retries` gets them from the degraded chunk on its
 * first call. Retrying guards are the ones the degraded chunk runs anyway (native cart,
 * recommendations), so it is loaded by then; otherwise that first call waits for the chunk
 * inside its time budget.
 */
import type { ResolvedGuardOptions } from '@lifeboat/schema';
import type { Action } from '../../../sdk/src/guard/action.js';
import { invoke } from '../../../sdk/src/guard/invoke.js';
import { degraded as chunk, type DegradedChunk } from '../chunks.js';

export type { Action };

export function actionFor(o: ResolvedGuardOptions, allowed: () => boolean, load: () => Promise<Pick<DegradedChunk, 'retrying'>> = chunk): Action {
  if (!(o.retries > 0)) return invoke as Action;
  let loop: Promise<Action> | undefined;
  return (work, ctrl, options) => (loop ??= load().then((d) => d.retrying(o, allowed) as Action)).then((f) => f(work, ctrl, options));
}
