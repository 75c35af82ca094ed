import type { Db } from '../../db/types.js';
import { minuteOf, num } from '../store/columnValues.js';

/** What the fleet saw of one guard over the evaluation window. */
export interface GuardWindow {
  app: string;
  guard: string;
  /** Calls that ran: success + failure + timeout. */
  attempts: number;
  /** failure + timeout. */
  bad: number;
  /** Calls refused without running (breaker open, bulkhead, status). */
  reject: number;
  /** attempts + reject: the volume gate. */
  calls: number;
  /** Shops that reported anything for the guard. */
  shops: number;
  /** Shops with failures or timeouts, or whose breaker opened. */
  affectedShops: number;
  /** Shops whose breaker opened because of failures. */
  openShops: number;
  /** Distinct clients (salted address hashes) that reported the guard. */
  clients: number;
  /** Distinct clients that saw failures, timeouts or an opened breaker. */
  affectedClients: number;
  /** bad / attempts (0 without attempts). */
  failureShare: number;
  /** openShops / shops (0 without shops). */
  openShare: number;
}

/**
 * A breaker opening that says something about the backend: reason `failures` or `probe-failed`,
 * not the status document's own doing (`status`) nor a restore. Ingest stores the event as
 * compact JSON (`JSON.stringify`), so a text match works alike on SQLite and PostgreSQL and
 * needs no JSON functions, which the two dialects spell differently.
 */
const OPENED = `(data LIKE '%"to":"open"%' AND (data LIKE '%"reason":"failures"%' OR data LIKE '%"reason":"probe-failed"%'))`;

/**
 * Sums, per guard of one app, the rollups of the last `windowMinutes` minutes (plus the current,
 * partial one) and the breaker openings of the same span. The database does the per-shop work
 * (one row per guard comes back), and each query is bounded by an index: rollups by minute,
 * events by (app, kind, at).
 */
export async function readAppWindows(db: Db, app: string, now: number, windowMinutes: number): Promise<GuardWindow[]> {
  const fromMinute = minuteOf(now) - windowMinutes * 60_000;
  const fromAt = now - windowMinutes * 60_000;
  const rows = await db.query(
    `SELECT guard, COUNT(*) AS shops, SUM(s) AS success, SUM(b) AS bad, SUM(r) AS reject,
            SUM(CASE WHEN b > 0 OR o > 0 THEN 1 ELSE 0 END) AS affected, SUM(o) AS opened
       FROM (SELECT guard, shop, SUM(s) AS s, SUM(b) AS b, SUM(r) AS r, MAX(o) AS o
               FROM (SELECT guard, shop, success AS s, failure + timeout AS b, reject AS r, 0 AS o
                       FROM rollups WHERE app = $1 AND minute >= $2
                     UNION ALL
                     SELECT guard, shop, 0, 0, 0, CASE WHEN ${OPENED} THEN 1 ELSE 0 END
                       FROM events WHERE app = $3 AND kind = 'transition' AND at >= $4 AND guard IS NOT NULL) AS seen
              GROUP BY guard, shop) AS per_shop
      GROUP BY guard`,
    [app, fromMinute, app, fromAt],
  );
  const sources = await db.query(
    `SELECT guard, COUNT(*) AS clients, SUM(bad) AS bad_clients
       FROM (SELECT guard, client, MAX(bad) AS bad FROM guard_sources WHERE app = $1 AND minute >= $2 GROUP BY guard, client) AS per_client
      GROUP BY guard`,
    [app, fromMinute],
  );
  const byGuard = new Map(sources.map((r) => [String(r.guard), { clients: num(r.clients), affected: num(r.bad_clients) }]));
  return rows.map((r) => {
    const bad = num(r.bad);
    const src = byGuard.get(String(r.guard));
    const attempts = num(r.success) + bad;
    const reject = num(r.reject);
    const shops = num(r.shops);
    const openShops = num(r.opened);
    return {
      app,
      guard: String(r.guard),
      attempts,
      bad,
      reject,
      calls: attempts + reject,
      shops,
      affectedShops: num(r.affected),
      openShops,
      clients: src?.clients ?? 0,
      affectedClients: src?.affected ?? 0,
      failureShare: attempts > 0 ? bad / attempts : 0,
      openShare: shops > 0 ? openShops / shops : 0,
    };
  });
}

/** {@link readAppWindows} for every configured app. */
export async function readWindows(db: Db, apps: string[], now: number, windowMinutes: number): Promise<GuardWindow[]> {
  const out: GuardWindow[] = [];
  for (const app of apps) out.push(...(await readAppWindows(db, app, now, windowMinutes)));
  return out;
}

/** Distinct shops that reported anything for the app over the window (the blast-radius base). */
export async function appShops(db: Db, app: string, now: number, windowMinutes: number): Promise<number> {
  const [r] = await db.query('SELECT COUNT(DISTINCT shop) AS n FROM rollups WHERE app = $1 AND minute >= $2', [app, minuteOf(now) - windowMinutes * 60_000]);
  return num(r?.n);
}
