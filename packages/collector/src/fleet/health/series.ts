import { COUNTER_COLUMNS, LATENCY_COLUMNS as L } from '../../aggregate/rollupRows.js';
import type { Db } from '../../db/types.js';
import { percentile } from './percentiles.js';
import { json, num } from '../store/columnValues.js';

/** Every counter column summed under its own name (outcomes, then the latency histogram). */
const SUMS = COUNTER_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ');

/** Counts and derived health of one slice of rollups. */
export interface Health {
  calls: number;
  success: number;
  failure: number;
  timeout: number;
  reject: number;
  fallback: number;
  /** (failure + timeout) / (success + failure + timeout); null without attempts. */
  failureShare: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

function health(r: Record<string, unknown>): Health {
  const success = num(r.success);
  const failure = num(r.failure);
  const timeout = num(r.timeout);
  const reject = num(r.reject);
  const attempts = success + failure + timeout;
  const hist = L.map((l) => num(r[l]));
  return {
    calls: attempts + reject,
    success,
    failure,
    timeout,
    reject,
    fallback: num(r.fallback),
    failureShare: attempts > 0 ? (failure + timeout) / attempts : null,
    p50: percentile(hist, 0.5),
    p95: percentile(hist, 0.95),
    p99: percentile(hist, 0.99),
  };
}

export interface Series {
  guard: string;
  points: ({ t: number } & Health)[];
}

/**
 * Health over time per guard, summed across shops (or for one shop), in buckets of `stepMs`
 * (a whole number of minutes). `stepMs` is validated by the caller and inlined: a bound
 * parameter in arithmetic would be typed differently by the two dialects.
 */
export async function healthSeries(
  db: Db,
  q: { app: string; from: number; to: number; stepMs: number; guard?: string; shop?: string },
): Promise<Series[]> {
  if (!Number.isSafeInteger(q.stepMs) || q.stepMs < 60_000) throw new Error('stepMs must be a whole number of minutes');
  const where = ['app = $1', 'minute >= $2', 'minute < $3'];
  const params: unknown[] = [q.app, q.from - (q.from % 60_000), q.to];
  if (q.guard) where.push(`guard = $${params.push(q.guard)}`);
  if (q.shop) where.push(`shop = $${params.push(q.shop)}`);
  const bucket = `(minute - (minute % ${q.stepMs}))`;
  const rows = await db.query(
    `SELECT guard, ${bucket} AS t, ${SUMS} FROM rollups WHERE ${where.join(' AND ')} GROUP BY guard, ${bucket} ORDER BY guard, t`,
    params,
  );
  const out = new Map<string, Series>();
  for (const r of rows) {
    const guard = String(r.guard);
    let s = out.get(guard);
    if (!s) out.set(guard, (s = { guard, points: [] }));
    s.points.push({ t: num(r.t), ...health(r) });
  }
  return [...out.values()];
}

/** Per-shop health over a range, worst first (by failure share, then volume). */
export async function shopHealth(
  db: Db,
  q: { app: string; from: number; to: number; guard?: string; limit: number; keep?: (row: { guard: string }) => boolean },
): Promise<({ shop: string; guard: string } & Health)[]> {
  const where = ['app = $1', 'minute >= $2', 'minute < $3'];
  const params: unknown[] = [q.app, q.from - (q.from % 60_000), q.to];
  if (q.guard) where.push(`guard = $${params.push(q.guard)}`);
  const rows = await db.query(`SELECT shop, guard, ${SUMS} FROM rollups WHERE ${where.join(' AND ')} GROUP BY shop, guard`, params);
  return rows
    .map((r) => ({ shop: String(r.shop), guard: String(r.guard), ...health(r) }))
    .filter((r) => !q.keep || q.keep(r))
    .sort((a, b) => (b.failureShare ?? -1) - (a.failureShare ?? -1) || b.calls - a.calls)
    .slice(0, q.limit);
}

export interface FleetEvent {
  id: number;
  at: number;
  kind: string;
  shop: string;
  guard: string | null;
  data: unknown;
}

/** Recent raw events (transitions, fallbacks, …), newest first. */
export async function recentEvents(
  db: Db,
  q: { app: string; kinds: string[]; from: number; to: number; guard?: string; shop?: string; limit: number },
): Promise<FleetEvent[]> {
  const where = ['app = $1', 'at >= $2', 'at < $3'];
  const params: unknown[] = [q.app, q.from, q.to];
  where.push(`kind IN (${q.kinds.map((k) => `$${params.push(k)}`).join(', ')})`);
  if (q.guard) where.push(`guard = $${params.push(q.guard)}`);
  if (q.shop) where.push(`shop = $${params.push(q.shop)}`);
  const rows = await db.query(
    `SELECT id, at, kind, shop, guard, data FROM events WHERE ${where.join(' AND ')} ORDER BY at DESC, id DESC LIMIT $${params.push(q.limit)}`,
    params,
  );
  return rows.map((r) => ({
    id: num(r.id),
    at: num(r.at),
    kind: String(r.kind),
    shop: String(r.shop),
    guard: typeof r.guard === 'string' ? r.guard : null,
    data: json(r.data),
  }));
}

/** Guards an app reported since `from`, plus those with a mode set. */
export async function guardsOf(db: Db, app: string, from: number): Promise<string[]> {
  const rows = await db.query(
    `SELECT DISTINCT guard FROM rollups WHERE app = $1 AND minute >= $2 UNION SELECT guard FROM guard_modes WHERE app = $3`,
    [app, from, app],
  );
  return rows.map((r) => String(r.guard)).sort();
}
