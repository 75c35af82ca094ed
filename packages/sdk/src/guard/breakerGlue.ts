import type CircuitBreaker from 'opossum';
import type { CircuitBreakerOptions } from 'opossum';
import type { RunOptions, RunResult } from '../types.js';
import type { WindowRecord } from '../breaker/record.js';
import { counts } from './failure.js';
import { invoke, type Work } from './invoke.js';
import type { Action } from './actionProvider.js';
import type { BreakerContext } from './breakerProvider.js';
import type { Rotation } from './rotation.js';

/** A guard's opossum breaker, as its provider (eagerBreaker.ts, lazyBreaker.ts) drives it. */
export interface AttachedBreaker {
  /** Runs one call through opossum. Rejects only as `failed` does. */
  fire<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>>;
  /** The bulkhead (`capacity`) is full. */
  full(): boolean;
  /**
   * Fires the direct path's successes (per window bucket, oldest first; read as it goes: more may
   * land, or the guard may drop them) and then its failure `e` into this fresh breaker, without
   * running the work again or emitting the events a second time.
   */
  replay(successes: () => number[] | undefined, e: unknown): Promise<void>;
  close(): void;
  shutdown(): void;
}

type Breaker = CircuitBreaker<Parameters<Action>>;
type Err = { code?: unknown } | null | undefined;

const ok = <T>(value: T): RunResult<T> => ({ value, fromFallback: false });

// setTimeout's largest delay: opossum's own open → half-open timer must never fire; we time it.
const NEVER = 2 ** 31 - 1;

/**
 * Makes the opossum breaker of a guard: its options, the listeners that turn opossum's events
 * into the guard's, the call path. Its own module because it runs only once a breaker exists: the
 * Shopify loader gets it with opossum from the breaker chunk (`@lifeboat/sdk/breaker`), on a
 * page's first counted failure.
 *
 * @example
 * ```ts
 * const b = attachBreaker(CircuitBreaker, ctx, rotation(ctx.o), primed);
 * if (!b.full()) await b.fire(work, options);
 * ```
 */
export function attachBreaker(C: typeof CircuitBreaker, x: BreakerContext, clock: Rotation, primed?: WindowRecord): AttachedBreaker {
  const { name, o, action, emit, failed } = x;
  let rotate: (() => void) | undefined;
  // Set while opossum settles a call its caller aborted: neither a success nor a verdict on a probe.
  let quiet = false;
  // Set while a replay fires into the breaker: its events were emitted when the calls happened.
  let replaying = false;
  // A fresh breaker made half-open: its first call is the probe, and one tab of the browser
  // profile probes at a time (Web Locks: the origin's tabs share the lock; where there are none,
  // each tab probes for itself, as before).
  let elect = x.state() === 'half-open' && typeof navigator != 'undefined' && !!navigator.locks;

  // opossum counts a "filtered" error as a success: for the caller's own abort and isFailure → false.
  const filter = (e: Err, _w: Work, _c: AbortController | undefined, options: RunOptions<unknown> | undefined): boolean => {
    if (options?.signal?.aborted) return (quiet = true);
    return e?.code !== 'ETIMEDOUT' && !counts(e, options);
  };

  // The guard options opossum reads (they share its names); the rest are the guard's own.
  const opts: CircuitBreakerOptions = {
    name,
    timeout: o.timeout,
    errorThresholdPercentage: o.errorThresholdPercentage,
    volumeThreshold: o.volumeThreshold,
    rollingCountTimeout: o.rollingCountTimeout,
    rollingCountBuckets: o.rollingCountBuckets,
    capacity: o.capacity,
    resetTimeout: NEVER,
    // The defaults sort every latency of the window on each failure and run two timers per breaker.
    rollingPercentilesEnabled: false,
    enableSnapshots: false,
    // The window rotates when calls happen (rotation.ts), not on a setInterval per breaker.
    rotateBucketController: {
      on: (_: string, f: () => void) => (clock.rotate = rotate = f),
      removeListener: () => {
        if (clock.rotate === rotate) clock.rotate = undefined;
        rotate = undefined;
      },
      listenerCount: () => (rotate ? 1 : 0),
    },
    errorFilter: filter,
    // After the open period a fresh breaker starts half-open: opossum lets exactly one call through.
    state: x.state() === 'half-open' ? { closed: false, halfOpen: true } : undefined,
  };
  // A previous page's counts start the window (built by us: opossum's `status` option given plain
  // stats would make a Status with default options — percentiles, snapshots, its own interval).
  if (primed && x.state() === 'closed') opts.status = C.newStatus({ ...opts, stats: { fires: primed.fires, failures: primed.failures } });
  const n: Breaker = new C<Parameters<Action>>(action, opts);
  n.on('success', (_: unknown, ms: number) => {
    if (quiet) quiet = false;
    else if (!replaying && x.has('success')) emit('success', { guard: name, ms });
  });
  n.on('failure', (error: Err, ms: number) => {
    if (!replaying && error?.code !== 'ETIMEDOUT') emit('failure', { guard: name, ms, error });
    if (o.persist && x.state() === 'closed') x.count({ fires: n.stats.fires, failures: n.stats.failures, at: Date.now() });
  });
  // opossum's timer is the time budget: abort this call's own signal (args = [work, ctrl, options]).
  n.on('timeout', (_: unknown, ms: number, args: Parameters<Action>) => {
    args[1]?.abort(new DOMException(`${name}: ${o.timeout} ms budget spent`, 'TimeoutError'));
    emit('timeout', { guard: name, ms });
  });
  n.on('open', () => {
    if (x.opened()) n.close();
  });
  n.on('close', () => x.closed(quiet));

  // The common path allocates nothing but opossum's promise, ours and the result: no async frame,
  // no per-call closure unless the caller passed options.
  const failedBare = (e: unknown) => failed(e, undefined);

  // The caller's signal aborts this call's own controller; the link is removed when the call ends.
  async function linked<T>(work: Work, options: RunOptions<T>, signal: AbortSignal): Promise<RunResult<T>> {
    if (signal.aborted) throw signal.reason;
    const ctrl = new AbortController();
    const abort = () => ctrl.abort(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    try {
      return ok((await n.fire(work, ctrl, options as RunOptions<unknown>)) as T);
    } catch (e) {
      return failed(e, options);
    } finally {
      signal.removeEventListener('abort', abort);
    }
  }

  /**
   * The probe under the profile's lock, held until its answer: another tab that reaches the end
   * of the same open period meanwhile is refused as if its breaker were still open, and learns
   * the verdict from the probing tab's record (BroadcastChannel) when it comes.
   */
  function probe<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
    const run = () => ((elect = false), api.fire(work, options));
    try {
      // Settles as the callback's promise does: the probe's own answer or rejection. Refused, this
      // tab stays half-open and asks for the lock again on its next call.
      return navigator.locks.request(`lifeboat-probe:${name}`, { ifAvailable: true }, (lock) =>
        lock ? run() : failed<T>(Object.assign(new Error(`${name}: another tab is probing`), { code: 'EOPENBREAKER' }), options),
      ) as unknown as Promise<RunResult<T>>;
    } catch {
      return run(); // a lock manager that refuses (opaque origin): probe alone
    }
  }

  const api: AttachedBreaker = {
    fire<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
      if (elect) return probe(work, options);
      clock.turn();
      const signal = options?.signal;
      if (signal) return linked(work, options!, signal);
      // A per-call AbortController costs ~1-2 µs: only when the work takes the signal, or retries
      // must stop when the budget runs out.
      const ctrl = work.length > 0 || o.retries > 0 ? new AbortController() : undefined;
      return n.fire(work, ctrl, options as RunOptions<unknown>).then(ok as (v: unknown) => RunResult<T>, options ? (e) => failed(e, options) : (failedBare as (e: unknown) => Promise<RunResult<T>>));
    },
    full: () => n.semaphore.count < 1,
    async replay(successes, e) {
      replaying = true;
      // The work already ran (and may retry): the replay must not run the guard's action again.
      n.action = invoke as Action;
      try {
        for (let i = 0, w; (w = successes()) && i < w.length; i++) {
          if (i) rotate?.();
          for (let k = 0; k < w[i]; k++) await n.fire(() => 0, undefined, undefined);
        }
        await n.fire(() => Promise.reject(e), undefined, undefined).catch(() => {});
      } finally {
        replaying = false;
        n.action = action;
      }
    },
    close() {
      if (!n.closed) n.close();
    },
    shutdown: () => n.shutdown(),
  };
  return api;
}
