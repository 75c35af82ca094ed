import type { Db } from '../db/types.js';
import { json, minuteOf, num } from './rows.js';

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
  /** bad / attempts (0 without attempts). */
  failureShare: number;
  /** openShops / shops (0 without shops). */
  openShare: number;
}

/** Breaker openings that say something about the backend (not the status document's own doing). */
const OPENING_REASONS = new Set(['failures', 'probe-failed']);

/**
 * Reads rollups and breaker transitions of the last `windowMinutes` (plus the current, partial
 * minute) and sums them per (app, guard).
 */
export async function readWindows(db: Db, now: number, windowMinutes: number): Promise<GuardWindow[]> {
  const from = minuteOf(now) - windowMinutes * 60_000;
  const rows = await db.query(
    `SELECT app, guard, shop, SUM(success) AS success, SUM(failure) AS failure, SUM(timeout) AS timeout, SUM(reject) AS reject
       FROM rollups WHERE minute >= $1 GROUP BY app, guard, shop`,
    [from],
  );
  const transitions = await db.query(
    `SELECT app, guard, shop, data FROM events WHERE kind = 'transition' AND at >= $1`,
    [now - windowMinutes * 60_000],
  );
  const acc = new Map<string, { w: GuardWindow; shops: Set<string>; affected: Set<string>; opened: Set<string> }>();
  const entry = (app: string, guard: string) => {
    const k = `${app}\u0000${guard}`;
    let e = acc.get(k);
    if (!e) {
      e = {
        w: { app, guard, attempts: 0, bad: 0, reject: 0, calls: 0, shops: 0, affectedShops: 0, openShops: 0, failureShare: 0, openShare: 0 },
        shops: new Set(),
        affected: new Set(),
        opened: new Set(),
      };
      acc.set(k, e);
    }
    return e;
  };
  for (const r of rows) {
    const e = entry(String(r.app), String(r.guard));
    const bad = num(r.failure) + num(r.timeout);
    e.w.attempts += num(r.success) + bad;
    e.w.bad += bad;
    e.w.reject += num(r.reject);
    e.shops.add(String(r.shop));
    if (bad > 0) e.affected.add(String(r.shop));
  }
  for (const r of transitions) {
    if (typeof r.guard !== 'string' || !r.guard) continue;
    const d = json(r.data) as { to?: unknown; reason?: unknown } | null;
    const e = entry(String(r.app), r.guard);
    e.shops.add(String(r.shop));
    if (d && d.to === 'open' && OPENING_REASONS.has(String(d.reason))) {
      e.opened.add(String(r.shop));
      e.affected.add(String(r.shop));
    }
  }
  return [...acc.values()].map(({ w, shops, affected, opened }) => {
    w.calls = w.attempts + w.reject;
    w.shops = shops.size;
    w.affectedShops = affected.size;
    w.openShops = opened.size;
    w.failureShare = w.attempts > 0 ? w.bad / w.attempts : 0;
    w.openShare = w.shops > 0 ? w.openShops / w.shops : 0;
    return w;
  });
}
