import type { Db } from '../db/types.js';
import { percentile } from '../fleet/health/percentiles.js';
import { COUNTER_COLUMNS, LATENCY_COLUMNS as L } from '../aggregate/rollupRows.js';
import { num, numOrNull, strOrNull } from '../fleet/store/columnValues.js';

/** Every counter column summed under its own name (outcomes, then the latency histogram). */
const SUMS = COUNTER_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ');

/** Browsers and shops of one guard in one time bucket. */
export interface BrowserPoint {
  t: number;
  /** Batches that reported the guard (a batch stands for one browser's flush interval). */
  batches: number;
  /** …of which refused a call or had their breaker open. */
  open: number;
  /** Shops that reported the guard. */
  shops: number;
  /** Shops with failures or timeouts. */
  affectedShops: number;
}

/** One guard over the whole range: distinct shops and percentiles are not sums of buckets. */
export interface RangeTotals extends Omit<BrowserPoint, 't'> {
  calls: number;
  success: number;
  failure: number;
  timeout: number;
  reject: number;
  fallback: number;
  p50: number | null;
  p95: number | null;
}

export interface BrowserSeries {
  guard: string;
  points: BrowserPoint[];
  total: RangeTotals;
}

const emptyTotals = (): RangeTotals => ({ batches: 0, open: 0, shops: 0, affectedShops: 0, calls: 0, success: 0, failure: 0, timeout: 0, reject: 0, fallback: 0, p50: null, p95: null });

/**
 * Per guard and bucket of `stepMs` (whole minutes, validated by the caller and inlined like
 * healthSeries does): batches and those with the breaker open, shops reporting and shops
 * affected. The database sums per shop first, then counts shops.
 */
export async function browserSeries(db: Db, q: { app: string; from: number; to: number; stepMs: number; guard?: string; shop?: string }): Promise<BrowserSeries[]> {
  if (!Number.isSafeInteger(q.stepMs) || q.stepMs < 60_000) throw new Error('stepMs must be a whole number of minutes');
  const where = ['app = $1', 'minute >= $2', 'minute < $3'];
  const params: unknown[] = [q.app, q.from - (q.from % 60_000), q.to];
  if (q.guard) where.push(`guard = $${params.push(q.guard)}`);
  if (q.shop) where.push(`shop = $${params.push(q.shop)}`);
  const w = where.join(' AND ');
  const bucket = `(minute - (minute % ${q.stepMs}))`;
  const [browsers, shops, bTotal, sTotal] = await Promise.all([
    db.query(`SELECT guard, ${bucket} AS t, SUM(batches) AS batches, SUM(open) AS open FROM browser_minutes WHERE ${w} GROUP BY guard, ${bucket}`, params),
    db.query(
      `SELECT guard, t, COUNT(*) AS shops, SUM(CASE WHEN bad > 0 THEN 1 ELSE 0 END) AS affected
         FROM (SELECT guard, ${bucket} AS t, shop, SUM(failure + timeout) AS bad FROM rollups WHERE ${w} GROUP BY guard, ${bucket}, shop) AS per_shop
        GROUP BY guard, t`,
      params,
    ),
    db.query(`SELECT guard, SUM(batches) AS batches, SUM(open) AS open FROM browser_minutes WHERE ${w} GROUP BY guard`, params),
    db.query(
      `SELECT guard, COUNT(*) AS shops, SUM(CASE WHEN bad > 0 THEN 1 ELSE 0 END) AS affected, ${SUMS}
         FROM (SELECT guard, shop, SUM(failure + timeout) AS bad, ${SUMS}
                 FROM rollups WHERE ${w} GROUP BY guard, shop) AS per_shop
        GROUP BY guard`,
      params,
    ),
  ]);
  const out = new Map<string, BrowserSeries & { byT: Map<number, BrowserPoint> }>();
  const series = (guard: string) => {
    let s = out.get(guard);
    if (!s) out.set(guard, (s = { guard, points: [], total: emptyTotals(), byT: new Map() }));
    return s;
  };
  const point = (guard: string, t: number) => {
    const s = series(guard);
    let p = s.byT.get(t);
    if (!p) s.byT.set(t, (p = { t, batches: 0, open: 0, shops: 0, affectedShops: 0 }));
    return p;
  };
  for (const r of browsers) Object.assign(point(String(r.guard), num(r.t)), { batches: num(r.batches), open: num(r.open) });
  for (const r of shops) Object.assign(point(String(r.guard), num(r.t)), { shops: num(r.shops), affectedShops: num(r.affected) });
  for (const r of bTotal) Object.assign(series(String(r.guard)).total, { batches: num(r.batches), open: num(r.open) });
  for (const r of sTotal) {
    const [success, failure, timeout, reject] = [num(r.success), num(r.failure), num(r.timeout), num(r.reject)];
    const hist = L.map((l) => num(r[l]));
    Object.assign(series(String(r.guard)).total, {
      shops: num(r.shops),
      affectedShops: num(r.affected),
      calls: success + failure + timeout + reject,
      success,
      failure,
      timeout,
      reject,
      fallback: num(r.fallback),
      p50: percentile(hist, 0.5),
      p95: percentile(hist, 0.95),
    });
  }
  return [...out.values()]
    .sort((a, b) => (a.guard < b.guard ? -1 : 1))
    .map(({ byT, ...s }) => ({ ...s, points: [...byT.values()].sort((a, b) => a.t - b.t) }));
}

export interface RolloutPoint {
  /** Minute start, epoch ms. */
  t: number;
  /** Batches received in the minute. */
  batches: number;
  /** …whose page obeyed a status document generated at or after the change. */
  obeying: number;
}

/** Per minute from `since` to `to`: reporting batches, and those that obey a document at least as new as `since`. */
export async function rollout(db: Db, q: { app: string; since: number; to: number }): Promise<RolloutPoint[]> {
  const rows = await db.query(
    `SELECT minute, SUM(batches) AS batches, SUM(CASE WHEN status_at >= $2 THEN batches ELSE 0 END) AS obeying
       FROM status_minutes WHERE app = $1 AND minute >= $3 AND minute < $4 GROUP BY minute ORDER BY minute`,
    [q.app, q.since, q.since - (q.since % 60_000), q.to],
  );
  return rows.map((r) => ({ t: num(r.minute), batches: num(r.batches), obeying: num(r.obeying) }));
}

export interface Marks {
  incidents: { id: string; guard: string; state: string; openedAt: number; resolvedAt: number | null }[];
  changes: { at: number; guard: string | null; mode: string | null; action: string; actor: string; incident: string | null }[];
}

const modeIn = (json: unknown): { mode: string | null; incident: string | null } => {
  try {
    const v = typeof json === 'string' ? (JSON.parse(json) as { mode?: unknown; incident?: unknown } | null) : null;
    return { mode: typeof v?.mode === 'string' ? v.mode : null, incident: typeof v?.incident === 'string' ? v.incident : null };
  } catch {
    return { mode: null, incident: null };
  }
};

/** Incidents overlapping [from, to) and mode changes in it: what every chart marks. */
export async function marks(db: Db, q: { app: string; from: number; to: number }): Promise<Marks> {
  const [inc, audit] = await Promise.all([
    db.query(
      `SELECT id, guard, state, opened_at, resolved_at FROM incidents WHERE app = $1 AND opened_at < $2 AND (resolved_at IS NULL OR resolved_at >= $3) ORDER BY opened_at LIMIT 200`,
      [q.app, q.to, q.from],
    ),
    db.query(`SELECT at, guard, action, actor, after_json FROM audit WHERE app = $1 AND at >= $2 AND at < $3 ORDER BY at, id LIMIT 500`, [q.app, q.from, q.to]),
  ]);
  return {
    incidents: inc.map((r) => ({ id: String(r.id), guard: String(r.guard), state: String(r.state), openedAt: num(r.opened_at), resolvedAt: numOrNull(r.resolved_at) })),
    changes: audit.map((r) => ({ at: num(r.at), guard: strOrNull(r.guard), action: String(r.action), actor: String(r.actor), ...modeIn(r.after_json) })),
  };
}

export interface AlertDelivery {
  event: string;
  /** The webhook's host only: the rest of a webhook URL is often its secret. */
  target: string;
  format: string;
  state: string;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  lastError: string | null;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid URL';
  }
};

/** The alerts an incident queued and how their delivery went. */
export async function alertsOf(db: Db, incident: string): Promise<AlertDelivery[]> {
  const rows = await db.query(`SELECT * FROM alert_outbox WHERE incident = $1 ORDER BY created_at, id`, [incident]);
  return rows.map((r) => ({
    event: String(r.event),
    target: hostOf(String(r.url)),
    format: String(r.format),
    state: String(r.state),
    attempts: num(r.attempts),
    createdAt: num(r.created_at),
    sentAt: numOrNull(r.sent_at),
    lastError: strOrNull(r.last_error)?.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>').slice(0, 300) ?? null,
  }));
}
