/** Counter columns of a rollup row, in storage order: outcomes then the latency histogram. */
export const OUTCOMES = ['success', 'failure', 'timeout', 'reject', 'fallback'] as const;
export const LATENCY_COLUMNS = ['l0', 'l1', 'l2', 'l3', 'l4', 'l5', 'l6', 'l7', 'l8', 'l9'] as const;
export const COUNTER_COLUMNS = [...OUTCOMES, ...LATENCY_COLUMNS] as const;
export const COUNTERS = COUNTER_COLUMNS.length;

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
  kind: 'transition' | 'fallback' | 'banner' | 'ready' | 'sdk-error';
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
