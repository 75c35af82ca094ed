import type { BreakerState, FallbackReason, GuardStatus, ResolvedGuardOptions, TransitionReason } from '@lifeboat/schema';
import type { LifeboatEventMap, LifeboatEventName, RunOptions, RunResult } from '../types.js';
import { openPeriod } from '../breaker/period.js';
import type { BreakerRecord, WindowRecord } from '../breaker/record.js';
import { counts } from './failure.js';
import { GuardError } from './GuardError.js';
import { actionFor } from './action.js';
import type { Work } from './invoke.js';
// The loader build aliases both to a provider that loads opossum and its glue on a page's first failure.
import { breakerClass, lazy, loadBreaker } from './opossum.js';
import { attachBreaker, type AttachedBreaker } from './breakerGlue.js';
// The page builds give opossum this `events` (rollup alias); the import puts it in the TS program.
import type {} from '../lib/events.js';

/** What a guard needs from its Lifeboat instance. */
export interface GuardHost {
  emit<K extends LifeboatEventName>(type: K, event: LifeboatEventMap[K]): void;
  has(type: LifeboatEventName): boolean;
  /** Persists and shares one of this guard's own transitions. */
  save(guard: Guard): void;
  /** Persists this guard's rolling-window counts (after a failure). */
  count(guard: Guard, counts: WindowRecord): void;
  /** This page load's draw in [0, 1): it probes a fleet-throttled breaker when below `probe`. */
  readonly draw: number;
}

/** One named guard, as the instance drives it. */
export interface Guard {
  readonly name: string;
  readonly o: ResolvedGuardOptions;
  /** Runs `work` under this guard. Never throws synchronously; rejects only as documented. */
  run<T>(work: Work, options?: RunOptions<T>): Promise<RunResult<T>>;
  /** The state `lifeboat.state()` reports: the fleet's `open` wins over the local breaker. */
  view(): BreakerState;
  /** This guard's persisted form. */
  record(): BreakerRecord;
  /**
   * Takes a record from storage (`restored`) or another tab (`tab`) if it is newer than what this
   * page knows. A restored breaker stays open for the rest of its period; if that already ended,
   * it is half-open (one probe) straight away.
   */
  adopt(record: BreakerRecord, reason: 'restored' | 'tab'): void;
  /** Applies the fleet's word: `closed` force-closes a locally open breaker, `open` fails fast. */
  setFleet(status: GuardStatus | undefined): void;
  /** Starts the rolling window with a previous page's counts (if no call has started one yet). */
  prime(counts: WindowRecord): void;
  /** Stops the timer and the opossum breaker. */
  destroy(): void;
}

type Err = { code?: unknown } | null | undefined;

const ok = <T>(value: T): RunResult<T> => ({ value, fromFallback: false });

/**
 * Creates a guard: an opossum breaker (made on first use, `breakerGlue.ts`) counts failures, runs
 * the time budget and the bulkhead; this closure owns what opossum cannot keep across page loads —
 * open → half-open timing (`openUntil`, jittered and backed off), persisted and shared between
 * tabs — and the fleet's word, the answers, and (loader build) the direct path before opossum.
 * (A closure rather than a class: its state minifies to one-letter names in the 10 kB loader.)
 */
export function createGuard(name: string, o: ResolvedGuardOptions, host: GuardHost, fleet?: GuardStatus): Guard {
  let state: BreakerState = 'closed';
  let openedAt = 0;
  let openUntil = 0;
  let failedProbes = 0;
  let updatedAt = 0;
  let b: AttachedBreaker | undefined;
  let rotate: (() => void) | undefined;
  let rotateAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let primed: WindowRecord | undefined;
  // Without opossum's class yet (loader build): this page's successes per window bucket, oldest
  // first, to replay into the breaker when the first failure brings the class (see `direct`).
  let w: number[] | undefined;
  // The class load (and replay) in progress: calls wait for it instead of running directly.
  let pending: Promise<void> | undefined;
  const emit = host.emit;
  const action = actionFor(o, () => state === 'closed'); // no retries in a half-open probe

  const view = (): BreakerState => (fleet?.mode === 'open' ? 'open' : state);
  /**
   * Whether the fleet lets this page load call at all: `closed` always; otherwise only the share
   * `probe` of page loads (by their draw) — none under `open` without one, all under `auto`
   * without one. The rest are refused (reason `status`), so a recovery ramp is a ramp for the
   * whole fleet, not only for browsers whose own breaker opened.
   */
  const admitted = () => fleet?.mode === 'closed' || host.draw < (fleet?.probe ?? (fleet?.mode === 'open' ? 0 : 1));
  const drop = () => {
    b?.shutdown();
    b = w = rotate = undefined;
    rotateAt = 0;
  };
  const schedule = () => {
    clearTimeout(timer);
    // In Node (tests, server rendering) the open period must not keep the process alive.
    if (state === 'open') ((timer = setTimeout(expire, Math.max(0, openUntil - Date.now()))) as { unref?: () => void }).unref?.();
  };
  const notify = (from: BreakerState, reason: TransitionReason) => {
    const to = view();
    if (to !== from) emit('transition', { guard: name, from, to, reason });
  };

  /** Every state change goes through here: timers, opossum, persistence, the transition event. */
  function set(next: BreakerState, reason: TransitionReason, own: boolean, from = view()) {
    state = next;
    if (next === 'closed') {
      openedAt = openUntil = failedProbes = 0;
      b?.close();
    } else if (next === 'half-open') drop(); // the next call gets a fresh breaker, half-open
    schedule();
    if (own) {
      updatedAt = Math.max(Date.now(), updatedAt + 1);
      host.save(guard);
    }
    notify(from, reason);
  }

  /** The open period is over. Returns true when this browser may probe now (half-open). */
  function expire(): boolean {
    if (state !== 'open') return state === 'half-open';
    if (!admitted()) {
      // The fleet lets only a share of browsers probe: this one waits another (jittered) period.
      openUntil = Date.now() + openPeriod(o, failedProbes);
      schedule();
      return false;
    }
    set('half-open', 'reset-timeout', true);
    return true;
  }

  /** Makes the opossum breaker (`breakerGlue.ts`); this guard keeps the decisions it leads to. */
  function create(): AttachedBreaker {
    const n = attachBreaker(
      breakerClass()!,
      {
        guard,
        host,
        action,
        state: () => state,
        turn,
        failed,
        opened() {
          // The fleet says the dependency is healthy: this browser does not trip on its own.
          if (fleet?.mode === 'closed') return true;
          if (state === 'open') return;
          const probe = state === 'half-open';
          if (probe) failedProbes++;
          openedAt = Date.now();
          openUntil = openedAt + openPeriod(o, failedProbes);
          set('open', probe ? 'probe-failed' : 'failures', true);
        },
        closed(aborted) {
          if (state !== 'half-open') return;
          // The caller aborted the probe: no verdict; the next call probes on a fresh half-open breaker.
          if (aborted) return drop();
          set('closed', 'probe-succeeded', true);
        },
      },
      primed,
    );
    primed = undefined;
    rotate = n.rotate;
    return (b = n);
  }

  /** The fallback's answer, or the documented GuardError rejection. */
  async function serve<T>(reason: FallbackReason, options: RunOptions<T> | undefined, error?: unknown): Promise<RunResult<T>> {
    const fb = options?.fallback;
    if (fb === undefined) throw new GuardError(name, reason, error);
    emit('fallback', { guard: name, reason, error });
    try {
      const value = typeof fb === 'function' ? await (fb as (i: { reason: FallbackReason; error?: unknown }) => T | Promise<T>)({ reason, error }) : fb;
      return { value, fromFallback: true, reason, error };
    } catch (x) {
      emit('sdk-error', { code: 'fallback-threw', message: `fallback of "${name}" threw`, guard: name, error: x });
      throw new GuardError(name, reason, x);
    }
  }

  function refuse<T>(why: 'open' | 'capacity' | 'status', options: RunOptions<T> | undefined): Promise<RunResult<T>> {
    emit('reject', { guard: name, reason: why });
    return serve(why === 'capacity' ? 'rejected' : why, options);
  }

  function failed<T>(e: unknown, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
    const signal = options?.signal;
    if (signal?.aborted) throw signal.reason;
    const code = (e as Err)?.code;
    const reason: FallbackReason = code === 'ETIMEDOUT' ? 'timeout' : code === 'EOPENBREAKER' ? 'open' : code === 'ESEMLOCKED' ? 'rejected' : 'error';
    // The shopper's answer (a 422 "sold out") is the caller's business, not an outage.
    if (reason === 'error' && !counts(e, options as RunOptions<unknown>)) throw e;
    if (reason === 'open' || reason === 'rejected') emit('reject', { guard: name, reason: reason === 'open' ? 'open' : 'capacity' });
    return serve(reason, options, e);
  }

  function turn() {
    const now = Date.now();
    if (now >= rotateAt) {
      // Rotate opossum's window by the buckets that elapsed since the last call (none while idle).
      const size = o.rollingCountTimeout / o.rollingCountBuckets;
      if (rotateAt) for (let k = Math.min(o.rollingCountBuckets, Math.floor((now - rotateAt) / size) + 1); k > 0; k--) rotate?.();
      rotateAt = now + size;
    }
  }

  /** Tracks a class load (or replay) calls wait for; never rejects (a failed load is an sdk-error). */
  function wait(p: Promise<unknown>): Promise<void> {
    const q: Promise<void> = (pending = p.then(
      () => {
        if (pending === q) pending = undefined;
      },
      (x) => {
        if (pending === q) pending = undefined;
        emit('sdk-error', { code: 'breaker-unavailable', message: `${name}: the circuit breaker did not load`, guard: name, error: x });
      },
    ));
    return q;
  }

  /**
   * A closed guard without opossum's class (loader build): the work runs under our own timer,
   * with the same signal, events and answers as through opossum, and its successes are kept per
   * window bucket. A counted failure or timeout goes to `lost`.
   */
  function direct<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
    if (!w) {
      const v = (w = [0]);
      // The window's buckets, as opossum's would rotate; a priming window lives in the first one.
      rotate = () => {
        if (v.push(0) > o.rollingCountBuckets) v.shift(), (primed = undefined);
      };
    }
    turn();
    const signal = options?.signal;
    if (signal?.aborted) return Promise.reject(signal.reason);
    const ctrl = work.length > 0 || o.retries > 0 || signal ? new AbortController() : undefined;
    const abort = () => ctrl!.abort(signal!.reason);
    signal?.addEventListener('abort', abort, { once: true });
    const start = Date.now();
    return new Promise<RunResult<T>>((resolve, reject) => {
      let done = false;
      // `failed` throws the caller's abort reason or a non-failure's own error.
      const end = (f: () => RunResult<T> | Promise<RunResult<T>>) => {
        done = true;
        clearTimeout(t);
        signal?.removeEventListener('abort', abort);
        try {
          resolve(f());
        } catch (x) {
          reject(x);
        }
      };
      // Successes, and what opossum's errorFilter passes as one (the caller's abort, isFailure → false).
      const tally = () => w && w[w.length - 1]++;
      const t = setTimeout(() => {
        ctrl?.abort(new DOMException(`${name}: ${o.timeout} ms budget spent`, 'TimeoutError'));
        emit('timeout', { guard: name, ms: Date.now() - start });
        if (signal?.aborted) return tally(), end(() => failed(signal.reason, options));
        end(() => lost(Object.assign(new Error(`Timed out after ${o.timeout}ms`), { code: 'ETIMEDOUT' }), options));
      }, o.timeout);
      let r: unknown;
      try {
        r = action(work, ctrl, options as RunOptions<unknown>);
      } catch (e) {
        r = Promise.reject(e);
      }
      Promise.resolve(r).then(
        (value) => {
          if (done) return;
          tally();
          if (host.has('success')) emit('success', { guard: name, ms: Date.now() - start });
          end(() => ok(value as T));
        },
        (e: Err) => {
          if (done) return;
          const ms = Date.now() - start;
          if (signal?.aborted) return tally(), end(() => failed(e, options));
          if (e?.code !== 'ETIMEDOUT' && !counts(e, options as RunOptions<unknown>)) {
            tally();
            if (host.has('success')) emit('success', { guard: name, ms });
            return end(() => failed(e, options));
          }
          emit('failure', { guard: name, ms, error: e });
          end(() => lost(e, options));
        },
      );
    });
  }

  /**
   * A counted failure without a breaker: load the class (now, on this page's first failure), make
   * the breaker and replay into it this page's successes bucket by bucket, then this failure, so
   * opossum opens — or not — exactly as it would have; then the fallback, as through opossum.
   */
  function lost<T>(e: Err, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
    const replay = () => (b || create()).replay(() => w, e).then(() => void (w = undefined));
    return wait(Promise.all([loadBreaker(), pending]).then(replay)).then(() => failed(e, options));
  }

  /**
   * A call that needs opossum before it has loaded: a half-open probe, a bulkhead, or any call
   * while a failure is being replayed. It waits for the class at most one time budget.
   */
  function later<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
    if (state === 'half-open' && (options?.idempotent || options?.probe)) {
      later(options.probe || work, { isFailure: options.isFailure }).catch(() => {});
      return serve('open', options);
    }
    const p = pending || wait(loadBreaker());
    // Without the class (its chunk did not load) a closed guard still runs the call directly.
    return new Promise<boolean>((resolve) => {
      const t = setTimeout(resolve, o.timeout, false);
      p.then(() => (clearTimeout(t), resolve(true)));
    }).then((here) => (here && (breakerClass() || (state === 'closed' && !o.capacity)) ? guard.run(work, options) : serve(here ? 'error' : 'timeout', options)));
  }

  const guard: Guard = {
    name,
    o,
    view,
    run(work, options) {
      try {
        if (!admitted()) return refuse('status', options);
        if (state === 'open' && fleet?.mode !== 'closed' && !(Date.now() >= openUntil && expire())) return refuse('open', options);
        if (lazy && (pending || (!b && !breakerClass()))) return !pending && state === 'closed' && !o.capacity ? direct(work, options) : later(work, options);
        const n = b || create();
        if (n.full()) return refuse('capacity', options);
        if (state === 'half-open' && (options?.idempotent || options?.probe)) {
          // A read (or the caller's health request) probes in the background: its answer only decides the breaker.
          n.fire(options.probe || work, { isFailure: options.isFailure }).catch(() => {});
          return serve('open', options);
        }
        return n.fire(work, options);
      } catch (e) {
        return serve('error', options, e);
      }
    },
    record: () => ({ state, openedAt, openUntil, failedProbes, updatedAt }),
    adopt(r, reason) {
      if (!(r.updatedAt > updatedAt)) return;
      ({ updatedAt, openedAt, openUntil, failedProbes } = r);
      let next = r.state;
      if (next === 'open' && reason === 'restored' && Date.now() >= openUntil) {
        if (admitted()) next = 'half-open';
        else openUntil = Date.now() + openPeriod(o, failedProbes);
      }
      set(next, reason, false);
    },
    setFleet(s) {
      const from = view();
      fleet = s;
      if (s?.mode === 'closed' && state !== 'closed') set('closed', 'status', true, from);
      else notify(from, 'status');
    },
    prime(c) {
      if (!b && !w && Date.now() - c.at < o.rollingCountTimeout && c.at > updatedAt) primed = c;
    },
    destroy() {
      clearTimeout(timer);
      drop();
    },
  };
  return guard;
}
