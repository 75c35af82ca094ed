import type { Db } from '../../db/types.js';
import { num, numOrNull, strOrNull } from '../store/columnValues.js';

export type Mode = 'auto' | 'open' | 'closed';

/** One row of `guard_modes`: what the status document says about a guard, and who said it. */
export interface GuardMode {
  app: string;
  guard: string;
  mode: Mode;
  reason: string | null;
  incident: string | null;
  probe: number | null;
  banner: string | null;
  /** `incident` for the detector's own changes; otherwise the admin's identity. */
  setBy: string;
  updatedAt: number;
  /** Start of the coordinated recovery (probe ramp), epoch ms. */
  recoveryStarted: number | null;
}

/** The detector's own identity in `set_by` and `audit.actor`. */
export const DETECTOR = 'incident';

const fromRow = (r: Record<string, unknown>): GuardMode => ({
  app: String(r.app),
  guard: String(r.guard),
  mode: (['auto', 'open', 'closed'].includes(String(r.mode)) ? r.mode : 'auto') as Mode,
  reason: strOrNull(r.reason),
  incident: strOrNull(r.incident),
  probe: numOrNull(r.probe),
  banner: strOrNull(r.banner),
  setBy: String(r.set_by),
  updatedAt: num(r.updated_at),
  recoveryStarted: numOrNull(r.recovery_started),
});

/** A plain `auto` row says nothing: the guard is left out of the status document. */
export const isPlain = (m: GuardMode): boolean =>
  m.mode === 'auto' && m.reason === null && m.incident === null && m.probe === null && m.banner === null && m.recoveryStarted === null;

/**
 * Whether the detector may change this guard: never over a person's `open`/`closed` or an
 * explicit probe they set; a plain row or its own rows are fair game.
 */
export const detectorMayChange = (m: GuardMode | undefined): boolean => !m || m.setBy === DETECTOR || isPlain(m);

export async function modesOf(db: Db, app: string): Promise<GuardMode[]> {
  return (await db.query(`SELECT * FROM guard_modes WHERE app = $1 ORDER BY guard`, [app])).map(fromRow);
}

export async function allModes(db: Db): Promise<GuardMode[]> {
  return (await db.query(`SELECT * FROM guard_modes ORDER BY app, guard`)).map(fromRow);
}

export async function modeOf(db: Db, app: string, guard: string): Promise<GuardMode | undefined> {
  const [r] = await db.query(`SELECT * FROM guard_modes WHERE app = $1 AND guard = $2`, [app, guard]);
  return r ? fromRow(r) : undefined;
}

/** The public part of a row, as the audit trail records it. */
const snapshot = (m: GuardMode | undefined) =>
  m
    ? { mode: m.mode, reason: m.reason, incident: m.incident, probe: m.probe, banner: m.banner, setBy: m.setBy, recoveryStarted: m.recoveryStarted }
    : null;

export type ModeChange = Omit<GuardMode, 'updatedAt'>;

/**
 * Writes a guard's mode and its audit record in one transaction. `action` names why
 * (`set-mode`, `auto-open`, `recovery-started`, …); `actor` who.
 */
export async function setMode(db: Db, next: ModeChange, at: number, actor: string, action: string): Promise<{ before: GuardMode | undefined; after: GuardMode }> {
  return db.transaction(async (tx) => {
    const before = await modeOf(tx, next.app, next.guard);
    await tx.run(
      `INSERT INTO guard_modes (app, guard, mode, reason, incident, probe, banner, set_by, updated_at, recovery_started)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (app, guard) DO UPDATE SET mode = excluded.mode, reason = excluded.reason, incident = excluded.incident,
         probe = excluded.probe, banner = excluded.banner, set_by = excluded.set_by, updated_at = excluded.updated_at,
         recovery_started = excluded.recovery_started`,
      [next.app, next.guard, next.mode, next.reason, next.incident, next.probe, next.banner, next.setBy, at, next.recoveryStarted],
    );
    const after: GuardMode = { ...next, updatedAt: at };
    await tx.run(
      `INSERT INTO audit (at, actor, action, app, guard, before_json, after_json) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [at, actor, action, next.app, next.guard, JSON.stringify(snapshot(before)), JSON.stringify(snapshot(after))],
    );
    return { before, after };
  });
}

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  app: string;
  guard: string | null;
  before: unknown;
  after: unknown;
}

export async function readAudit(db: Db, q: { app?: string; guard?: string; before?: number; limit: number }): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.app) where.push(`app = $${params.push(q.app)}`);
  if (q.guard) where.push(`guard = $${params.push(q.guard)}`);
  if (q.before !== undefined) where.push(`at < $${params.push(q.before)}`);
  const sql = `SELECT * FROM audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT $${params.push(q.limit)}`;
  return (await db.query(sql, params)).map((r) => ({
    id: num(r.id),
    at: num(r.at),
    actor: String(r.actor),
    action: String(r.action),
    app: String(r.app),
    guard: strOrNull(r.guard),
    before: parseJson(r.before_json),
    after: parseJson(r.after_json),
  }));
}

const parseJson = (v: unknown) => {
  try {
    return typeof v === 'string' ? JSON.parse(v) : null;
  } catch {
    return null;
  }
};
