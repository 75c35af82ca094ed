/**
 * What a beacon can say, defined once: the event kinds, the outcomes a `calls` summary counts
 * and the order its counts travel in. Zod-free, so the SDK (through `@lifeboat/schema/lite`)
 * and the collector read the same lists the beacon schema (beacon.ts) is built from.
 *
 * A new event kind is added here (in {@link ROW_KINDS} and {@link EVENT_KIND_INFO}) and in
 * beacon.ts (its zod object, which the type checker demands once the kind is listed here).
 */
import { LATENCY_SLOTS } from './limits.js';

/**
 * A call's outcomes, in the positional order of a `calls` summary's counts: the SDK tallies into
 * an array in this order, the collector sums into rollup columns in this order, and the schema
 * lists the count fields in this order. `success` comes first (the type checker holds it there):
 * the one healthy outcome, so a summary is healthy when every count after the first is zero.
 *
 * @example
 * ```ts
 * import { OUTCOMES } from '@lifeboat/schema/lite';
 * OUTCOMES.indexOf('timeout'); // 2
 * ```
 */
export const OUTCOMES = ['success', 'failure', 'timeout', 'reject', 'fallback'] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Compiles only while OUTCOMES starts with `success` (see above); no code is emitted. */
type SuccessFirst<T extends 'success'> = T;
export type HealthyOutcome = SuccessFirst<(typeof OUTCOMES)[0]>;

/**
 * Where the latency histogram starts in a summary's counters (`[...outcomes, ...latency]`), and
 * how many counters that makes. The SDK's tally and the collector's buckets share this layout.
 *
 * @example
 * ```ts
 * const c = new Array<number>(SUMMARY_SLOTS).fill(0);
 * c[OUTCOMES.indexOf('success')]++;
 * c[LATENCY_OFFSET + 3]++; // one call in the ≤ 250 ms bucket
 * ```
 */
export const LATENCY_OFFSET = OUTCOMES.length;
export const SUMMARY_SLOTS = OUTCOMES.length + LATENCY_SLOTS;

/** The kind that summarises a guard's calls (counts per outcome and a latency histogram). */
export const SUMMARY_KIND = 'calls';

/**
 * The kinds sent one by one with their time (every kind but the summary): what
 * `lifeboat.report()` may send and the collector stores as rows.
 *
 * @example
 * ```ts
 * ROW_KINDS.includes('ready'); // true; 'calls' is not one: the transport makes summaries itself
 * ```
 */
export const ROW_KINDS = ['transition', 'fallback', 'banner', 'ready', 'sdk-error'] as const;
export type RowKind = (typeof ROW_KINDS)[number];

/**
 * Every beacon event kind (the `type` of an event), in the order the schema's union lists them.
 *
 * @example
 * ```ts
 * import { EVENT_KINDS, type EventKind } from '@lifeboat/schema/lite';
 * const isKind = (t: string): t is EventKind => (EVENT_KINDS as readonly string[]).includes(t);
 * ```
 */
export const EVENT_KINDS = [SUMMARY_KIND, ...ROW_KINDS] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** What the collector and the SDK need to know about one event kind. */
export interface EventKindInfo {
  /**
   * Whether the query API's events list (`GET /v1/apps/{app}/events` without `kind`) and so the
   * dashboard's "latest events" show it: the breaker's story; the rest are asked for by kind.
   */
  listed: boolean;
}

/**
 * Per row kind: how the collector treats it. Keyed by every {@link RowKind}: listing a kind in
 * {@link ROW_KINDS} without a row here (or the other way round) is a type error.
 */
export const EVENT_KIND_INFO = {
  transition: { listed: true },
  fallback: { listed: true },
  banner: { listed: false },
  ready: { listed: false },
  'sdk-error': { listed: false },
} as const satisfies Record<RowKind, EventKindInfo>;
