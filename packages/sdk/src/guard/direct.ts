import type { RunOptions, RunResult } from '../types.js';
import { counts } from './failure.js';
import type { Work } from './invoke.js';
import type { BreakerContext } from './breakerProvider.js';
import type { Rotation } from './rotation.js';

type Err = { code?: unknown } | null | undefined;

/** Calls run without opossum, and the successes they leave to replay into it. */
export interface Direct {
  run<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>>;
  /** This page's successes per window bucket, oldest first; undefined before the first call. */
  successes(): number[] | undefined;
  /** Forgets them (replayed, or the window started again). */
  clear(): void;
}

/**
 * A closed guard's calls before opossum is here (lazyBreaker.ts): the work runs under our own
 * timer, with the same signal, events and answers as through opossum, and its successes are kept
 * per window bucket. A counted failure or timeout goes to `lost`, which brings opossum.
 * `unprime` is called when the bucket a previous page's counts live in rotates out.
 */
export function direct(x: BreakerContext, clock: Rotation, lost: <T>(e: Err, options: RunOptions<T> | undefined) => Promise<RunResult<T>>, unprime: () => void): Direct {
  const { name, o, emit } = x;
  let w: number[] | undefined;
  return {
    successes: () => w,
    clear() {
      w = undefined;
    },
    run<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
      if (!w) {
        const v = (w = [0]);
        // The window's buckets, as opossum's would rotate; a priming window lives in the first one.
        clock.rotate = () => {
          if (v.push(0) > o.rollingCountBuckets) v.shift(), unprime();
        };
      }
      clock.turn();
      const signal = options?.signal;
      if (signal?.aborted) return Promise.reject(signal.reason);
      const ctrl = work.length > 0 || o.retries > 0 || signal ? new AbortController() : undefined;
      const abort = () => ctrl!.abort(signal!.reason);
      signal?.addEventListener('abort', abort, { once: true });
      const start = options?.startedAt ?? Date.now();
      return new Promise<RunResult<T>>((resolve, reject) => {
        let done = false;
        // `failed` throws the caller's abort reason or a non-failure's own error.
        const end = (f: () => RunResult<T> | Promise<RunResult<T>>) => {
          done = true;
          clearTimeout(t);
          signal?.removeEventListener('abort', abort);
          try {
            resolve(f());
          } catch (e) {
            reject(e);
          }
        };
        // Successes, and what opossum's errorFilter passes as one (the caller's abort, isFailure → false).
        const tally = () => w && w[w.length - 1]++;
        const t = setTimeout(() => {
          ctrl?.abort(new DOMException(`${name}: ${o.timeout} ms budget spent`, 'TimeoutError'));
          emit('timeout', { guard: name, ms: Date.now() - start });
          if (signal?.aborted) return tally(), end(() => x.failed(signal.reason, options));
          end(() => lost(Object.assign(new Error(`Timed out after ${o.timeout}ms`), { code: 'ETIMEDOUT' }), options));
        }, o.timeout);
        let r: unknown;
        try {
          r = x.action(work, ctrl, options as RunOptions<unknown>);
        } catch (e) {
          r = Promise.reject(e);
        }
        Promise.resolve(r).then(
          (value) => {
            if (done) return;
            tally();
            if (x.has('success')) emit('success', { guard: name, ms: Date.now() - start });
            end(() => ({ value: value as T, fromFallback: false }));
          },
          (e: Err) => {
            if (done) return;
            const ms = Date.now() - start;
            if (signal?.aborted) return tally(), end(() => x.failed(e, options));
            if (e?.code !== 'ETIMEDOUT' && !counts(e, options as RunOptions<unknown>)) {
              tally();
              if (x.has('success')) emit('success', { guard: name, ms });
              return end(() => x.failed(e, options));
            }
            emit('failure', { guard: name, ms, error: e });
            end(() => lost(e, options));
          },
        );
      });
    },
  };
}
