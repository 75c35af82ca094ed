/**
 * The SDK's public and internal contracts. The guard core implements `Lifeboat`; the beacon
 * transport and the status client attach to an instance through these types only.
 */
import type {
  BEACON_DEFAULTS,
  BeaconEvent,
  BreakerState,
  FallbackReason,
  GuardStatus,
  PageType,
  Problem,
  ResolvedGuardOptions,
  STATUS_DEFAULTS,
  StatusDocument,
  TransitionReason,
} from '@lifeboat/schema/lite';
import type { UseStore } from 'idb-keyval';
import type { BreakerStore } from './breaker/persist.js';
import type { TabChannel } from './breaker/share.js';

/**
 * What a page gets from its environment, each replaceable: a simulator (or a test) gives memory
 * storage, its own tabs and network instead of the browser's. Every part is optional; the
 * defaults are IndexedDB, BroadcastChannel, `fetch` and `Math.random()`.
 *
 * @example
 * ```ts
 * const lifeboat = createLifeboat(config, { breakers: memoryStore, draw: 0.42, status: { fetch: cdn.fetch, store } });
 * ```
 */
export interface LifeboatParts {
  /** Where breaker records live across page loads (default: IndexedDB, memory when unavailable). */
  breakers?: BreakerStore;
  /** How this page hears the shop's other tabs (default: a BroadcastChannel). */
  tabs?: (name: string, receive: (message: unknown) => void) => TabChannel;
  /** This page load's probe draw in [0, 1) (default: `Math.random()`). */
  draw?: number;
  /**
   * The config already read by `readConfig` (validated, defaults in), used instead of the
   * `config` argument: a simulator creating a million pages from a few configs reads each once.
   */
  config?: ResolvedConfig;
  /** The status client's network and its cache across page loads. */
  status?: {
    /** Fetches the status document (default: the global `fetch`). */
    fetch?: (url: string, init: RequestInit) => Promise<Response>;
    /**
     * Keeps the last good document across page loads: an idb-keyval store (default: IndexedDB
     * `${storageName}-status`, object store `status`; the document is under the key `doc`).
     */
    store?: UseStore;
  };
}

/** Schema types the SDK's API uses, re-exported for callers. */
export type { BreakerState, FallbackReason, TransitionReason, GuardStatus, StatusDocument, PageType, Problem };

/** The config after validation and defaults. */
export interface ResolvedConfig {
  app: string;
  shop: string;
  page: PageType;
  publicKey?: string;
  collector?: string;
  defaults: ResolvedGuardOptions;
  /** Options per named guard, `defaults` merged in. */
  guards: Record<string, ResolvedGuardOptions>;
  beacons: typeof BEACON_DEFAULTS;
  status: typeof STATUS_DEFAULTS;
  /** `text`/`texts` only as the config gives them: the notice falls back to its built-in text in the page's language. */
  banner: { enabled: boolean; text?: string; texts?: Record<string, string> };
  storageName: string;
  debug: boolean;
  /** Problems found in the config given; when any, the defaults stand in for the bad parts. */
  problems: Problem[];
}

/** A beacon event before the transport stamps its age. */
export type ReportableEvent = BeaconEvent extends infer E ? (E extends { age: number } ? Omit<E, 'age'> : never) : never;

/**
 * Every event a Lifeboat instance emits, by name, with its payload.
 *
 * @example
 * ```ts
 * lifeboat.on('transition', (e) => console.log(e.guard, e.from, '→', e.to, e.reason));
 * ```
 */
export interface LifeboatEventMap {
  transition: { guard: string; from: BreakerState; to: BreakerState; reason: TransitionReason };
  success: { guard: string; ms: number };
  failure: { guard: string; ms: number; error: unknown };
  timeout: { guard: string; ms: number };
  /** A call refused without running: breaker open, bulkhead full, or fleet status `open`. */
  reject: { guard: string; reason: 'open' | 'capacity' | 'status' };
  /** A fallback served a call; `served` says what stood in (`native-cart`, `cache`…), when the caller said. */
  fallback: { guard: string; reason: FallbackReason; error?: unknown; served?: string };
  'sdk-error': { code: string; message: string; guard?: string; error?: unknown };
  /** A beacon-worthy event reported by integrations (banner, ready…). Reported `fallback`s and `sdk-error`s are emitted as those. */
  report: { event: ReportableEvent };
  /** `lifeboat.flush()` was called: the transport sends what it holds now. */
  flush: Record<string, never>;
}
/** The name of an event of {@link LifeboatEventMap}. */
export type LifeboatEventName = keyof LifeboatEventMap;

/**
 * What `run` resolves with: the work's value, or the fallback's with why the work was not used
 * (`timeout`, `error`, `open` breaker, `rejected` by the bulkhead, fleet `status`).
 */
export type RunResult<T> =
  | { value: T; fromFallback: false }
  | { value: T; fromFallback: true; reason: FallbackReason; error?: unknown };

/** Per-call options of `lifeboat.run`. */
export interface RunOptions<T> {
  /** A value, or a function of why the work was not used. Without one, `run` rejects with a GuardError. */
  fallback?: T | ((info: { reason: FallbackReason; error?: unknown }) => T | Promise<T>);
  /** The caller's own signal: aborting it aborts the work (it is not counted as a failure). */
  signal?: AbortSignal;
  /**
   * Decides whether an error counts against the breaker (default: every error does).
   * Return false for answers that are the user's, not an outage (a 422 "sold out").
   */
  isFailure?: (error: unknown) => boolean;
  /**
   * The work only reads (loads a cart, recommendations): when this call would be a half-open
   * breaker's probe, the probe runs in the background and the fallback is served at once (reason
   * `open`), so no shopper waits on a backend that may still hang. Leave it off for writes (add to
   * cart): their probe must be the shopper's own call, answered once.
   */
  idempotent?: boolean;
  /**
   * A cheap health request (the widget's settings call, a `HEAD`) that stands in for this call
   * when it would be a half-open breaker's probe: it runs in the background and decides the
   * breaker, and this call gets its fallback at once (reason `open`). With it a write (add to
   * cart) is never the probe that hangs: a shopper pays at most one time budget per outage.
   */
  probe?: (signal: AbortSignal) => unknown;
  /** What stands in when the fallback serves (`native-cart`, `hidden`): carried by the `fallback` event and its beacon. */
  served?: string;
  /**
   * @internal When the work started, if before this call (epoch ms): the Shopify loader starts a
   * widget before the core is here, and its latency counts from then (on the direct path).
   */
  startedAt?: number;
}

/**
 * A Lifeboat instance (from `createLifeboat`): named guards, their breakers' state, events, the
 * fleet status, and the hooks the transport and status client attach to.
 *
 * @example
 * ```ts
 * const lifeboat = createLifeboat({ guards: { cart: { timeout: 2500, volumeThreshold: 1 } } });
 * await lifeboat.ready;
 * const r = await lifeboat.run('cart', (signal) => fetch('/cart.js', { signal }), { fallback: null });
 * lifeboat.state('cart'); // 'closed' | 'open' | 'half-open'
 * ```
 */
export interface Lifeboat {
  /** Resolves once persisted breaker state is loaded and the cached fleet status applied (a few ms, at most 500). Calls never wait for it. */
  readonly ready: Promise<void>;
  readonly config: ResolvedConfig;
  /** Runs `work` under the named guard's time budget, breaker, retries and fallback. */
  run<T>(guard: string, work: (signal: AbortSignal) => T | Promise<T>, options?: RunOptions<T>): Promise<RunResult<T>>;
  /** The guard's breaker state as this browser sees it (fleet `open` is reported as open). */
  state(guard: string): BreakerState;
  on<K extends LifeboatEventName>(type: K, listener: (event: LifeboatEventMap[K]) => void): () => void;
  /**
   * Hands a beacon event to the transport: a `fallback` or `sdk-error` is emitted as that event
   * (one channel per kind, so `lifeboat.on('sdk-error')` hears the storefront's too); any other
   * kind as `report`.
   */
  report(event: ReportableEvent): void;
  /** Applies the fleet status document (kill switch). */
  applyStatus(doc: StatusDocument): void;
  /** The `generatedAt` of the status document this page obeys (the last one applied); undefined before any. */
  readonly statusAt?: number;
  /** The fleet's word on a guard, if the status document named it. */
  fleet(guard: string): GuardStatus | undefined;
  /** Sends pending beacons now (best effort). */
  flush(): void;
  /** Stops timers, listeners and channels. */
  destroy(): void;
}
