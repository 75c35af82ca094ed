import type { RunOptions } from '../types.js';

/** The work as `run` receives it. */
export type Work = (signal: AbortSignal) => unknown;

/**
 * Calls the work once. opossum needs a thenable back (a `void` work would otherwise be a
 * TypeError and count as a failure). With a caller's signal, the call also ends the moment that
 * signal (linked to `ctrl`) aborts, even if the work ignores it.
 */
export function invoke(work: Work, ctrl: AbortController | undefined, options: RunOptions<unknown> | undefined): unknown {
  const r = work((ctrl && ctrl.signal) as AbortSignal);
  if (!options?.signal || !ctrl) return r == null ? Promise.resolve(r) : r;
  const signal = ctrl.signal;
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    Promise.resolve(r).then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/** Waits `ms`, or less if `signal` aborts first (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
