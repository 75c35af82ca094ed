import type CircuitBreaker from 'opossum';
import type { RunOptions, RunResult } from '../types.js';
import type { WindowRecord } from '../breaker/record.js';
import type { Breaker, BreakerContext, BreakerProvider } from './breakerProvider.js';
import type { attachBreaker, AttachedBreaker } from './breakerGlue.js';
import { direct } from './direct.js';
import type { Work } from './invoke.js';
import { rotation } from './rotation.js';

/** What the breaker chunk exports (`@lifeboat/sdk/breaker`): opossum's class and the glue for it. */
export interface BreakerModule {
  default: typeof CircuitBreaker;
  attachBreaker: typeof attachBreaker;
}

type Err = { code?: unknown } | null | undefined;

/**
 * The breaker provider for a page that must not carry opossum (~5 kB gzip with the glue) until it
 * is needed: the Shopify loader. On a healthy page a guard makes a call or two, and what opossum
 * would count then dies with the page; so until the class is here a closed guard runs its calls
 * directly (direct.ts) and keeps its successes, and the first counted failure or timeout loads
 * opossum (`load`, e.g. the breaker chunk), makes the breaker and replays those successes and that
 * failure into it — opossum decides exactly as it would have from the first call. A half-open
 * probe, a guard with a bulkhead, or any call while a failure is being replayed waits for the
 * class, at most one time budget. `load` may reject (offline): the next failure tries again, and a
 * closed guard keeps running directly meanwhile.
 *
 * @example
 * ```ts
 * import { createCore, lazyBreaker } from '@lifeboat/sdk/core';
 * const breaker = lazyBreaker(() => import('./lifeboat.breaker.js'));
 * ```
 */
export function lazyBreaker(load: () => Promise<BreakerModule>): BreakerProvider {
  let m: BreakerModule | undefined;
  const fetchClass = () => load().then((x) => void (m = x));
  return (x: BreakerContext): Breaker => {
    const { name, o } = x;
    const clock = rotation(o);
    let b: AttachedBreaker | undefined;
    let primed: WindowRecord | undefined;
    // The class load (and replay) in progress: calls wait for it instead of running directly.
    let pending: Promise<void> | undefined;
    const create = (): AttachedBreaker => {
      const n = (b = m!.attachBreaker(m!.default, x, clock, primed));
      primed = undefined;
      return n;
    };
    const drop = () => {
      b?.shutdown();
      b = undefined;
      calls.clear();
      clock.reset();
    };

    /** Tracks a class load (or replay) calls wait for; never rejects (a failed load is an sdk-error). */
    function wait(p: Promise<unknown>): Promise<void> {
      const q: Promise<void> = (pending = p.then(
        () => {
          if (pending === q) pending = undefined;
        },
        (e) => {
          if (pending === q) pending = undefined;
          x.emit('sdk-error', { code: 'breaker-unavailable', message: `${name}: the circuit breaker did not load`, guard: name, error: e });
        },
      ));
      return q;
    }

    /**
     * A counted failure without a breaker: load the class, make the breaker and replay into it
     * this page's successes bucket by bucket, then this failure; then the fallback, as through opossum.
     */
    function lost<T>(e: Err, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
      const replay = () => (b || create()).replay(calls.successes, e).then(calls.clear);
      return wait(Promise.all([fetchClass(), pending]).then(replay)).then(() => x.failed(e, options));
    }

    function later<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
      const p = pending || wait(fetchClass());
      // Without the class (its chunk did not load) a closed guard still runs the call directly.
      return new Promise<boolean>((resolve) => {
        const t = setTimeout(resolve, o.timeout, false);
        p.then(() => (clearTimeout(t), resolve(true)));
      }).then((here) => (here && (m || (x.state() === 'closed' && !o.capacity)) ? x.rerun(work, options) : x.serve(here ? 'error' : 'timeout', options)));
    }

    const calls = direct(x, clock, lost, () => (primed = undefined));
    return {
      run(work, options) {
        if (pending || (!b && !m)) return !pending && x.state() === 'closed' && !o.capacity ? calls.run(work, options) : later(work, options);
        const n = b || create();
        return n.full() ? x.full(options) : n.fire(work, options);
      },
      close: () => b?.close(),
      reset: drop,
      prime(c) {
        if (!b && !calls.successes()) primed = c;
      },
      destroy: drop,
    };
  };
}
