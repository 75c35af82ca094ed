import type { ResolvedGuardOptions } from '@lifeboat/schema/lite';
import type { RunOptions } from '../types.js';
import { decorrelated } from '../lib/jitter.js';
import { counts, retryable } from './failure.js';
import { invoke, sleep, type Work } from './invoke.js';
import { retryBudget } from './retryBudget.js';

/**
 * The guard's action when `retries` > 0: up to `retries` more attempts after an error worth
 * retrying, with decorrelated-jitter delays, all inside the one time budget (the signal aborts
 * when it runs out, which also cuts a pending delay short) and within the retry budget.
 * `allowed()` lets the guard refuse retries for a half-open probe.
 */
export function retrying(o: ResolvedGuardOptions, allowed: () => boolean) {
  const budget = retryBudget(o.retryBudget, o.rollingCountTimeout, o.rollingCountBuckets);
  return async (work: Work, ctrl: AbortController, options: RunOptions<unknown> | undefined): Promise<unknown> => {
    const start = Date.now();
    const signal = ctrl.signal;
    budget.call(start);
    let delay = o.retryDelay;
    for (let n = 0; ; n++) {
      try {
        return await invoke(work, ctrl, options);
      } catch (e) {
        if (n >= o.retries || signal.aborted || !retryable(e) || !counts(e, options) || !allowed()) throw e;
        delay = decorrelated(delay, o.retryDelay, o.retryMaxDelay);
        // A retry that cannot finish inside the budget only adds load.
        if (Date.now() - start + delay >= o.timeout || !budget.take(Date.now())) throw e;
        await sleep(delay, signal);
        if (signal.aborted) throw e;
      }
    }
  };
}
