import { LATENCY_SLOTS, OUTCOMES, SUMMARY_SLOTS, type RowKind } from '@lifeboat/schema';

/** The latency histogram's columns, `l0` (≤ the first bucket bound) to the overflow bucket. */
export const LATENCY_COLUMNS: readonly string[] = Array.from({ length: LATENCY_SLOTS }, (_, i) => `l${i}`);
/**
 * Counter columns of a rollup row, in storage order: the outcomes, then the latency histogram.
 * The same layout as a summary's counts in the SDK (OUTCOMES, then LATENCY_OFFSET onwards).
 */
export const COUNTER_COLUMNS: readonly string[] = [...OUTCOMES, ...LATENCY_COLUMNS];
export const COUNTERS = SUMMARY_SLOTS;

export interface RollupRow {
  app: string;
  shop: string;
  guard: string;
  /** Epoch ms of the minute start. */
  minute: number;
  /** `COUNTER_COLUMNS` order. */
  c: number[];
}

export interface EventRow {
  app: string;
  shop: string;
  guard: string | null;
  kind: RowKind;
  at: number;
  data: string;
}

export interface ReportRow {
  app: string;
  type: string;
  url: string;
  at: number;
  userAgent: string | null;
  body: string;
}

/** One client (salted hash) seen reporting a guard in a minute; `bad` when it saw failures or an opened breaker. */
export interface SourceRow {
  app: string;
  guard: string;
  minute: number;
  client: string;
  bad: number;
}
