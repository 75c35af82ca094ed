import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/types.js';
import type { OpenIncident } from './evaluate.js';
import { num, numOrNull } from '../store/columnValues.js';
import type { GuardWindow } from '../health/window.js';

export interface Incident extends OpenIncident {
  state: 'open' | 'resolved';
  cause: string;
  updatedAt: number;
  resolvedAt: number | null;
  lastShare: number;
  lastCalls: number;
  lastShops: number;
  autoOpened: boolean;
}

export interface TimelineEntry {
  at: number;
  kind: 'opened' | 'updated' | 'calming' | 'resolved';
  share: number;
  openShare: number;
  calls: number;
  shops: number;
  note: string | null;
}

const fromRow = (r: Record<string, unknown>): Incident => ({
  id: String(r.id),
  app: String(r.app),
  guard: String(r.guard),
  state: r.state === 'open' ? 'open' : 'resolved',
  cause: String(r.cause),
  openedAt: num(r.opened_at),
  updatedAt: num(r.updated_at),
  resolvedAt: numOrNull(r.resolved_at),
  calmSince: numOrNull(r.calm_since),
  peakShare: num(r.peak_share),
  peakShops: num(r.peak_shops),
  lastShare: num(r.last_share),
  lastCalls: num(r.last_calls),
  lastShops: num(r.last_shops),
  autoOpened: num(r.auto_opened) === 1,
});

/** Short, unguessable, fits the status document's 64-character incident field. */
export const newIncidentId = (): string => `inc_${randomBytes(8).toString('hex')}`;

export async function openIncidents(db: Db): Promise<Incident[]> {
  return (await db.query(`SELECT * FROM incidents WHERE state = 'open'`)).map(fromRow);
}

export async function getIncident(db: Db, id: string): Promise<Incident | undefined> {
  const [r] = await db.query(`SELECT * FROM incidents WHERE id = $1`, [id]);
  return r ? fromRow(r) : undefined;
}

export async function listIncidents(
  db: Db,
  q: { app: string; guard?: string; state?: 'open' | 'resolved'; from?: number; limit: number },
): Promise<Incident[]> {
  const where = ['app = $1'];
  const params: unknown[] = [q.app];
  if (q.guard) where.push(`guard = $${params.push(q.guard)}`);
  if (q.state) where.push(`state = $${params.push(q.state)}`);
  if (q.from !== undefined) where.push(`(resolved_at IS NULL OR resolved_at >= $${params.push(q.from)})`);
  const sql = `SELECT * FROM incidents WHERE ${where.join(' AND ')} ORDER BY opened_at DESC LIMIT $${params.push(q.limit)}`;
  return (await db.query(sql, params)).map(fromRow);
}

export async function timeline(db: Db, incident: string): Promise<TimelineEntry[]> {
  const rows = await db.query(`SELECT * FROM incident_timeline WHERE incident = $1 ORDER BY at, id`, [incident]);
  return rows.map((r) => ({
    at: num(r.at),
    kind: r.kind as TimelineEntry['kind'],
    share: num(r.share),
    openShare: num(r.open_share),
    calls: num(r.calls),
    shops: num(r.shops),
    note: typeof r.note === 'string' ? r.note : null,
  }));
}

async function addTimeline(db: Db, incident: string, at: number, kind: TimelineEntry['kind'], w: GuardWindow | undefined, note?: string) {
  await db.run(
    `INSERT INTO incident_timeline (incident, at, kind, share, open_share, calls, shops, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [incident, at, kind, w?.failureShare ?? 0, w?.openShare ?? 0, w?.calls ?? 0, w?.affectedShops ?? 0, note ?? null],
  );
}

export async function createIncident(db: Db, w: GuardWindow, cause: string, now: number, autoOpened: boolean): Promise<Incident> {
  const id = newIncidentId();
  await db.transaction(async (tx) => {
    await tx.run(
      `INSERT INTO incidents (id, app, guard, state, cause, opened_at, updated_at, peak_share, peak_shops, last_share, last_calls, last_shops, auto_opened)
       VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [id, w.app, w.guard, cause, now, now, w.failureShare, w.affectedShops, w.failureShare, w.calls, w.affectedShops, autoOpened ? 1 : 0],
    );
    await addTimeline(tx, id, now, 'opened', w, cause === 'breakers' ? 'breakers opened across shops' : 'failures across shops');
  });
  return (await getIncident(db, id))!;
}

/** Records the latest window; a new peak also goes to the timeline. */
export async function touchIncident(db: Db, inc: Incident, w: GuardWindow | undefined, now: number, peak: boolean, calmSince: number | null) {
  await db.transaction(async (tx) => {
    const peakShare = peak && w ? Math.max(inc.peakShare, w.failureShare) : inc.peakShare;
    const peakShops = peak && w ? Math.max(inc.peakShops, w.affectedShops) : inc.peakShops;
    await tx.run(
      `UPDATE incidents SET updated_at = $2, calm_since = $3, peak_share = $4, peak_shops = $5, last_share = $6, last_calls = $7, last_shops = $8 WHERE id = $1`,
      [inc.id, now, calmSince, peakShare, peakShops, w?.failureShare ?? 0, w?.calls ?? 0, w?.affectedShops ?? 0],
    );
    if (peak) await addTimeline(tx, inc.id, now, 'updated', w, 'new peak');
    else if (calmSince !== null && inc.calmSince === null) await addTimeline(tx, inc.id, now, 'calming', w, 'below the resolve share');
  });
}

export async function resolveIncident(db: Db, inc: Incident, w: GuardWindow | undefined, now: number): Promise<Incident> {
  await db.transaction(async (tx) => {
    await tx.run(`UPDATE incidents SET state = 'resolved', resolved_at = $2, updated_at = $2 WHERE id = $1 AND state = 'open'`, [inc.id, now]);
    await addTimeline(tx, inc.id, now, 'resolved', w, 'below the resolve share for a full window');
  });
  return (await getIncident(db, inc.id))!;
}
