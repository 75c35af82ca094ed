import type { BreakerState } from '@lifeboat/schema/lite';

/** What is persisted per guard and shared between tabs. Times are epoch ms (they cross page loads). */
export interface BreakerRecord {
  state: BreakerState;
  openedAt: number;
  /** When the open period ends; a restored breaker stays open until then, not for a full new period. */
  openUntil: number;
  /** Failed probes in a row: the next open period is resetTimeout × resetBackoff^failedProbes. */
  failedProbes: number;
  /** The newest record wins, so a late restore never undoes what a call already decided. */
  updatedAt: number;
}

const num = (v: unknown) => typeof v === 'number' && v >= 0 && v < 1e15;

/** Accepts only well-formed records: storage and other tabs are input, not trusted state. */
export function isRecord(v: unknown): v is BreakerRecord {
  const r = v as BreakerRecord;
  return (
    !!r &&
    (r.state === 'open' || r.state === 'closed' || r.state === 'half-open') &&
    num(r.openedAt) &&
    num(r.openUntil) &&
    num(r.failedProbes) &&
    num(r.updatedAt)
  );
}

/**
 * The breaker's rolling-window counts, saved on each failure: a storefront makes one or two calls
 * per page, so a window that starts empty on every page would never reach `volumeThreshold`.
 */
export interface WindowRecord {
  fires: number;
  failures: number;
  /** When counted (epoch ms); ignored once older than `rollingCountTimeout` or than the last transition. */
  at: number;
}

/** Accepts only a well-formed window record. */
export function isWindow(v: unknown): v is WindowRecord {
  const w = v as WindowRecord;
  return !!w && num(w.fires) && num(w.failures) && num(w.at);
}

/** The storage key of a guard's window record (records themselves are keyed by the guard name). */
export const windowKey = (name: string): [string, string] => ['w', name];
