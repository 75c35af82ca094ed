import CircuitBreaker from 'opossum';
import type { BreakerState, FallbackReason, GuardStatus, ResolvedGuardOptions, TransitionReason } from '@lifeboat/schema';
import type { LifeboatEventMap, LifeboatEventName, RunOptions, RunResult } from '../types.js';
import { openPeriod } from '../breaker/period.js';
import type { BreakerRecord } from '../breaker/record.js';
import { counts } from './failure.js';
import { GuardError } from './GuardError.js';
import { invoke, type Work } from './invoke.js';
import { retrying } from './retry.js';

/** What a guard needs from its Lifeboat instance. */
export interface GuardHost {
  emit<K extends LifeboatEventName>(type: K, event: LifeboatEventMap[K]): void;
  has(type: LifeboatEventName): boolean;
  /** Persists and shares one of this guard's own transitions. */
  save(guard: Guard): void;
  /** This page load's draw in [0, 1): it probes a fleet-throttled breaker when below `probe`. */
  readonly draw: number;
}

// setTimeout's largest delay: opossum's own open → half-open timer must never fire; we time it.
const NEVER = 2 ** 31 - 1;

type Action = (work: Work, ctrl: AbortController | undefined, options: RunOptions<unknown> | undefined) => unknown;

/** Lets opossum's rolling window rotate when calls happen instead of on a setInterval per breaker. */
class Rotator {
  fn: (() => void) | undefined;
  on(_: string, fn: () => void) {
    this.fn = fn;
  }
  removeListener() {
    this.fn = undefined;
  }
  listenerCount() {
    return this.fn ? 1 : 0;
  }
}

/**
 * One named guard: an opossum breaker (created on first use) for counting, the time budget and the
 * bulkhead, plus the state opossum cannot keep across page loads. This class owns open → half-open:
 * `openUntil` is jittered and backed off, survives reloads and is shared between tabs.
 */
export class Guard {
  state: BreakerState = 'closed';
  openedAt = 0;
  openUntil = 0;
  failedProbes = 0;
  updatedAt = 0;
  /** The fleet's word from the status document, if it named this guard. */
  fleet: GuardStatus | undefined;
  private b: CircuitBreaker<Parameters<Action>> | undefined;
  private rot = new Rotator();
  private rotateAt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  // Set while opossum settles a call its caller aborted: neither a success nor a verdict on a probe.
  private quiet = false;
  private readonly action: Action;

  constructor(
    readonly name: string,
    readonly o: ResolvedGuardOptions,
    private readonly host: GuardHost,
  ) {
    this.action = o.retries > 0 ? (retrying(o, () => this.state === 'closed') as Action) : invoke;
  }

  /** The state `lifeboat.state()` reports: the fleet's `open` wins over the local breaker. */
  view(): BreakerState {
    return this.fleet?.mode === 'open' ? 'open' : this.state;
  }

  /** This guard's persisted form. */
  record(): BreakerRecord {
    return { state: this.state, openedAt: this.openedAt, openUntil: this.openUntil, failedProbes: this.failedProbes, updatedAt: this.updatedAt };
  }

  /** Runs `work` under this guard. Never throws synchronously; rejects only as documented. */
  run<T>(work: Work, options?: RunOptions<T>): Promise<RunResult<T>> {
    try {
      const mode = this.fleet?.mode;
      if (mode === 'open') return this.refuse('status', options);
      if (this.state === 'open' && mode !== 'closed' && !(Date.now() >= this.openUntil && this.expire()))
        return this.refuse('open', options);
      const b = this.b || this.create();
      if (b.semaphore.count < 1) return this.refuse('capacity', options);
      return this.call(b, work, options);
    } catch (e) {
      return this.serve('error', options, e);
    }
  }

  private async call<T>(b: CircuitBreaker<Parameters<Action>>, work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
    const now = Date.now();
    if (now >= this.rotateAt) this.rotate(now);
    const signal = options?.signal;
    let ctrl: AbortController | undefined;
    let unlink: (() => void) | undefined;
    // A per-call controller costs ~1 µs: only when the work takes the signal, the caller passed
    // one, or retries need to stop when the budget runs out.
    if (signal || work.length > 0 || this.o.retries > 0) {
      if (signal?.aborted) throw signal.reason;
      const c = (ctrl = new AbortController());
      if (signal) {
        const abort = () => c.abort(signal.reason);
        signal.addEventListener('abort', abort, { once: true });
        unlink = () => signal.removeEventListener('abort', abort);
      }
    }
    try {
      return { value: (await b.fire(work, ctrl, options as RunOptions<unknown>)) as T, fromFallback: false };
    } catch (e) {
      return this.failed(e, options);
    } finally {
      if (unlink) unlink();
    }
  }

  private failed<T>(e: unknown, options: RunOptions<T> | undefined): Promise<RunResult<T>> {
    const signal = options?.signal;
    if (signal?.aborted) throw signal.reason;
    const code = (e as { code?: unknown } | null)?.code;
    const reason: FallbackReason = code === 'ETIMEDOUT' ? 'timeout' : code === 'EOPENBREAKER' ? 'open' : code === 'ESEMLOCKED' ? 'rejected' : 'error';
    // The shopper's answer (a 422 "sold out") is the caller's business, not an outage.
    if (reason === 'error' && !counts(e, options as RunOptions<unknown>)) throw e;
    if (reason === 'open' || reason === 'rejected') this.host.emit('reject', { guard: this.name, reason: reason === 'open' ? 'open' : 'capacity' });
    return this.serve(reason, options, e);
  }

  private refuse<T>(why: 'open' | 'capacity' | 'status', options: RunOptions<T> | undefined): Promise<RunResult<T>> {
    this.host.emit('reject', { guard: this.name, reason: why });
    return this.serve(why === 'capacity' ? 'rejected' : why, options);
  }

  /** The fallback's answer, or the documented GuardError rejection. */
  private async serve<T>(reason: FallbackReason, options: RunOptions<T> | undefined, error?: unknown): Promise<RunResult<T>> {
    const fb = options?.fallback;
    if (fb === undefined) throw new GuardError(this.name, reason, error);
    this.host.emit('fallback', { guard: this.name, reason, error });
    try {
      const value = typeof fb === 'function' ? await (fb as (i: { reason: FallbackReason; error?: unknown }) => T | Promise<T>)({ reason, error }) : fb;
      return { value, fromFallback: true, reason, error };
    } catch (x) {
      this.host.emit('sdk-error', { code: 'fallback-threw', message: `The fallback of guard "${this.name}" threw`, guard: this.name, error: x });
      throw new GuardError(this.name, reason, x);
    }
  }

  // Rotates opossum's window by the buckets that elapsed since the last call (none when idle).
  private rotate(now: number) {
    const size = this.o.rollingCountTimeout / this.o.rollingCountBuckets;
    if (this.rotateAt) for (let n = Math.min(this.o.rollingCountBuckets, Math.floor((now - this.rotateAt) / size) + 1); n > 0; n--) this.rot.fn?.();
    this.rotateAt = now + size;
  }

  private create(): CircuitBreaker<Parameters<Action>> {
    const o = this.o;
    this.rot = new Rotator();
    this.rotateAt = 0;
    const b = new CircuitBreaker<Parameters<Action>>(this.action, {
      name: this.name,
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
      rotateBucketController: this.rot,
      errorFilter: this.filter,
      // After the open period a fresh breaker starts half-open: opossum lets exactly one call through.
      state: this.state === 'half-open' ? { closed: false, halfOpen: true } : undefined,
    });
    b.on('success', this.onSuccess).on('failure', this.onFailure).on('timeout', this.onTimeout).on('open', this.onOpen).on('close', this.onClose);
    return (this.b = b);
  }

  // opossum counts a "filtered" error as a success: for the caller's own abort and isFailure → false.
  private filter = (e: unknown, _w: Work, _c: AbortController | undefined, options: RunOptions<unknown> | undefined): boolean => {
    if (options?.signal?.aborted) return (this.quiet = true);
    return (e as { code?: unknown } | null)?.code !== 'ETIMEDOUT' && !counts(e, options);
  };

  private onSuccess = (_: unknown, ms: number) => {
    if (this.quiet) this.quiet = false;
    else if (this.host.has('success')) this.host.emit('success', { guard: this.name, ms });
  };

  private onFailure = (error: { code?: unknown } | null, ms: number) => {
    if (error?.code !== 'ETIMEDOUT') this.host.emit('failure', { guard: this.name, ms, error });
  };

  // opossum's timer is the time budget: abort this call's own signal (args = [work, ctrl, options]).
  private onTimeout = (_: unknown, ms: number, args: Parameters<Action>) => {
    args[1]?.abort(new DOMException(`Lifeboat guard "${this.name}" ran out of its ${this.o.timeout} ms budget`, 'TimeoutError'));
    this.host.emit('timeout', { guard: this.name, ms });
  };

  private onOpen = () => {
    // The fleet says the dependency is healthy: this browser does not trip on its own.
    if (this.fleet?.mode === 'closed') return this.b?.close();
    if (this.state === 'open') return;
    const probe = this.state === 'half-open';
    if (probe) this.failedProbes++;
    const now = Date.now();
    this.openedAt = now;
    this.openUntil = now + openPeriod(this.o, this.failedProbes);
    this.set('open', probe ? 'probe-failed' : 'failures', true);
  };

  private onClose = () => {
    if (this.state !== 'half-open') return;
    // The caller aborted the probe: no verdict; the next call probes on a fresh half-open breaker.
    if (this.quiet) return this.drop();
    this.set('closed', 'probe-succeeded', true);
  };

  /** The open period is over. Returns true when this browser may probe now (half-open). */
  private expire = (): boolean => {
    if (this.state !== 'open') return this.state === 'half-open';
    if (!this.mayProbe()) {
      // The fleet lets only a share of browsers probe: this one waits another (jittered) period.
      this.openUntil = Date.now() + openPeriod(this.o, this.failedProbes);
      this.schedule();
      return false;
    }
    this.set('half-open', 'reset-timeout', true);
    return true;
  };

  private mayProbe(): boolean {
    const f = this.fleet;
    return !(f && f.mode === 'auto' && f.probe !== undefined && this.host.draw >= f.probe);
  }

  private schedule() {
    clearTimeout(this.timer);
    if (this.state === 'open') this.timer = setTimeout(this.expire, Math.max(0, this.openUntil - Date.now()));
  }

  private drop() {
    this.b?.shutdown();
    this.b = undefined;
  }

  /** Every state change goes through here: timers, opossum, persistence, the transition event. */
  private set(state: BreakerState, reason: TransitionReason, own: boolean, from = this.view()) {
    this.state = state;
    if (state === 'closed') {
      this.openedAt = this.openUntil = this.failedProbes = 0;
      if (this.b && !this.b.closed) this.b.close();
    } else if (state === 'half-open') this.drop();
    this.schedule();
    if (own) {
      this.updatedAt = Math.max(Date.now(), this.updatedAt + 1);
      this.host.save(this);
    }
    this.notify(from, reason);
  }

  private notify(from: BreakerState, reason: TransitionReason) {
    const to = this.view();
    if (to !== from) this.host.emit('transition', { guard: this.name, from, to, reason });
  }

  /**
   * Takes a record from storage (`restored`) or another tab (`tab`) if it is newer than what this
   * page knows. A restored breaker stays open for the rest of its period; if that already ended,
   * it is half-open (one probe) straight away.
   */
  adopt(r: BreakerRecord, reason: 'restored' | 'tab') {
    if (!(r.updatedAt > this.updatedAt)) return;
    this.updatedAt = r.updatedAt;
    this.openedAt = r.openedAt;
    this.openUntil = r.openUntil;
    this.failedProbes = r.failedProbes;
    let state = r.state;
    if (state === 'open' && reason === 'restored' && Date.now() >= r.openUntil) {
      if (this.mayProbe()) state = 'half-open';
      else this.openUntil = Date.now() + openPeriod(this.o, this.failedProbes);
    }
    this.set(state, reason, false);
  }

  /** Applies the fleet's word: `closed` force-closes a locally open breaker, `open` fails fast. */
  setFleet(s: GuardStatus | undefined) {
    const from = this.view();
    this.fleet = s;
    if (s?.mode === 'closed' && this.state !== 'closed') this.set('closed', 'status', true, from);
    else this.notify(from, 'status');
  }

  /** Stops the timer and the opossum breaker. */
  destroy() {
    clearTimeout(this.timer);
    this.drop();
  }
}
