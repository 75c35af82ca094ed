/**
 * The loader's action part: its own guards (widget readiness) never retry, so the retry loop and
 * its budget are not in the per-page file. A guard configured with `retries` gets them from the
 * degraded chunk on its first call. Retrying guards are the ones the degraded chunk runs anyway
 * (native cart, recommendations), so it is loaded by then; otherwise that first call waits for
 * the chunk inside its time budget.
 */
import { invoke, type Action, type ActionProvider } from '@lifeboat/sdk/core';
import { degraded as chunk, type DegradedChunk } from '../chunks.js';

export const chunkAction =
  (load: () => Promise<Pick<DegradedChunk, 'retrying'>> = chunk): ActionProvider =>
  (o, allowed) => {
    if (!(o.retries > 0)) return invoke as Action;
    let loop: Promise<Action> | undefined;
    return (work, ctrl, options) => (loop ??= load().then((d) => d.retrying(o, allowed) as Action)).then((f) => f(work, ctrl, options));
  };
