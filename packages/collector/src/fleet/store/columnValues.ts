/**
 * node-pg returns BIGINT, NUMERIC and COUNT/SUM results as strings; better-sqlite3 returns
 * numbers. Every reader goes through these so both dialects look the same.
 */
export const num = (v: unknown): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v !== '') return Number(v);
  return 0;
};

export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : num(v));

export const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Parses a JSON text column; anything unreadable becomes null rather than an exception. */
export const json = (v: unknown): unknown => {
  if (typeof v !== 'string') return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
};

/** Start of the minute `t` falls in, epoch ms (the rollups' `minute` key). */
export const minuteOf = (t: number): number => Math.floor(t / 60_000) * 60_000;
