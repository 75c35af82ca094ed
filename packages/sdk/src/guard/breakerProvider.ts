import type { BreakerState, FallbackReason, ResolvedGuardOptions } from '@lifeboat/schema/lite';
import type { LifeboatEventMap, LifeboatEventName, RunOptions, RunResult } from '../types.js';
import type { WindowRecord } from '../breaker/record.js';
import type { Action } from './actionProvider.js';
import type { Work } from './invoke.js';

/**
 * What a guard's breaker sees of its guard. The guard (`Guard.ts`) keeps the state machine —
 * state, open period, persistence, the fleet's word — and the answers; the breaker counts calls,
 * runs the time budget and the bulkhead, and tells the guard when it would open or close.
 */
export interface BreakerContext {
  readonly name: string;
  readonly o: ResolvedGuardOptions;
  emit<K extends LifeboatEventName>(type: K, event: LifeboatEventMap[K]): void;
  has(type: LifeboatEventName): boolean;
  /** One call of the work, or the retry loop around it. */
  readonly action: Action;
  state(): BreakerState;
  /** Persists the rolling window's counts (after a failure of a persisted guard). */
  count(counts: WindowRecord): void;
  /** The answer to a failed call: the fallback, a GuardError, or the caller's own error. */
  failed<T>(e: unknown, options: RunOptions<T> | undefined): Promise<RunResult<T>>;
  /** The fallback's answer (or the GuardError) for `reason`, without running the work. */
  serve<T>(reason: FallbackReason, options: RunOptions<T> | undefined, error?: unknown): Promise<RunResult<T>>;
  /** The bulkhead is full: the call is refused (`reject` event, fallback `rejected`). */
  full<T>(options: RunOptions<T> | undefined): Promise<RunResult<T>>;
  /** Runs a call from the top again (fleet, open period): for a call that waited for the breaker. */
  rerun<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>>;
  /** The counts crossed the threshold. True: stay closed (the fleet says the dependency is healthy). */
  opened(): boolean | void;
  /** A call closed the breaker; `aborted`: its caller aborted it, so it is no verdict on a probe. */
  closed(aborted: boolean): void;
}

/** A guard's circuit breaker, as the guard drives it. */
export interface Breaker {
  /** Runs one call the guard admitted (fleet and open period checked). Rejects only as `failed` does. */
  run<T>(work: Work, options: RunOptions<T> | undefined): Promise<RunResult<T>>;
  /** The guard closed (probe succeeded, fleet said `closed`). */
  close(): void;
  /** The guard went half-open, or a probe was aborted: the next call starts a fresh breaker. */
  reset(): void;
  /** Starts the rolling window with a previous page's counts, if no call has started one. */
  prime(counts: WindowRecord): void;
  destroy(): void;
}

/**
 * Where a guard's breaker comes from — one of the SDK core's parts: `eagerBreaker` (opossum in the
 * bundle, every call through it) or `lazyBreaker(load)` (opossum fetched on a page's first failure).
 *
 * @example
 * ```ts
 * import { createCore, lazyBreaker } from '@lifeboat/sdk/core';
 * const breaker = lazyBreaker(() => import('@lifeboat/sdk/breaker'));
 * ```
 */
export type BreakerProvider = (ctx: BreakerContext) => Breaker;
