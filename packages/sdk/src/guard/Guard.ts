import type { BreakerState, FallbackReason, GuardStatus, ResolvedGuardOptions, TransitionReason } from '@lifeboat/schema/lite';
import type { LifeboatEventMap, LifeboatEventName, RunOptions, RunResult } from '../types.js';
import { openPeriod } from '../breaker/period.js';
import type { BreakerRecord, WindowRecord } from '../breaker/record.js';
import { counts } from './failure.js';
import { GuardError } from './GuardError.js';
import type { ActionProvider } from './actionProvider.js';
import type { Breaker, BreakerProvider } from './breakerProvider.js';
import type { Work } from './invoke.js';

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
  /** Where the guard's breaker comes from, and its action (the core's parts). */
  readonly breaker: BreakerProvider;
  readonly action: ActionProvider;
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
  /** Stops the timer and the breaker. */
  destroy(): void;
}

type Err = { code?: unknown } | null | undefined;

/**
 * Creates a guard: its breaker (`host.breaker`, breakerProvider.ts) counts failures, runs the time budget
 * and the bulkhead; the guard owns what opossum cannot keep across page loads — open → half-open
 * timing (`openUntil`, jittered and backed off), persisted and shared between tabs — the fleet's
 * word, and the answers. (A closure rather than a class: its state minifies to one-letter names.)
 */
export function createGuard(name: string, o: ResolvedGuardOptions, host: GuardHost, fleet?: GuardStatus): Guard {
  let state: BreakerState = 'closed';
  let openedAt = 0;
  let openUntil = 0;
  let failedProbes = 0;
  let updatedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const emit = host.emit;

  const view = (): BreakerState => (fleet?.mode === 'open' ? 'open' : state);
  /**
   * Whether the fleet lets this page load call at all: `closed` always; otherwise only the share
   * `probe` of page loads (by their draw) — none under `open` without one, all under `auto`
   * without one. The rest are refused (reason `status`), so a recovery ramp is a ramp for the
   * whole fleet, not only for browsers whose own breaker opened.
   */
  const admitted = () => fleet?.mode === 'closed' || host.draw < (fleet?.probe ?? (fleet?.mode === 'open' ? 0 : 1));
  const schedule = () => {
    clearTimeout(timer);
    // In Node (tests, server rendering) the open period must not keep the process alive.
    if (state === 'open') ((timer = setTimeout(expire, Math.max(0, openUntil - Date.now()))) as { unref?: () => void }).unref?.();
  };
  const notify = (from: BreakerState, reason: TransitionReason) => {
    const to = view();
    if (to !== from) emit('transition', { guard: name, from, to, reason });
  };

  /** Every state change goes through here: timers, the breaker, persistence, the transition event. */
  function set(next: BreakerState, reason: TransitionReason, own: boolean, from = view()) {
    state = next;
    if (next === 'closed') {
      openedAt = openUntil = failedProbes = 0;
      breaker.close();
    } else if (next === 'half-open') breaker.reset(); // the next call gets a fresh breaker, half-open
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

  /** The fallback's answer, or the documented GuardError rejection. */
  async function serve<T>(reason: FallbackReason, options: RunOptions<T> | undefined, error?: unknown): Promise<RunResult<T>> {
    const fb = options?.fallback;
    if (fb === undefined) throw new GuardError(name, reason, error);
    emit('fallback', { guard: name, reason, error, served: options?.served });
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

  const breaker: Breaker = host.breaker({
    name,
    o,
    emit,
    has: host.has,
    action: host.action(o, () => state === 'closed'), // no retries in a half-open probe
    state: () => state,
    count: (c) => host.count(guard, c),
    failed,
    serve,
    full: (options) => refuse('capacity', options),
    rerun: (work, options) => guard.run(work, options),
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
      if (aborted) return breaker.reset();
      set('closed', 'probe-succeeded', true);
    },
  });

  const guard: Guard = {
    name,
    o,
    view,
    run(work, options) {
      try {
        if (!admitted()) return refuse('status', options);
        if (state === 'open' && fleet?.mode !== 'closed' && !(Date.now() >= openUntil && expire())) return refuse('open', options);
        if (state === 'half-open' && (options?.idempotent || options?.probe)) {
          // A read (or the caller's health request) probes in the background: its answer only decides the breaker.
          breaker.run(options.probe || work, { isFailure: options.isFailure }).catch(() => {});
          return serve('open', options);
        }
        return breaker.run(work, options);
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
      if (Date.now() - c.at < o.rollingCountTimeout && c.at > updatedAt) breaker.prime(c);
    },
    destroy() {
      clearTimeout(timer);
      breaker.destroy();
    },
  };
  return guard;
}
