import type { Db } from '../db/types.js';
import { COUNTER_COLUMNS, type EventRow, type ReportRow, type RollupRow, type SourceRow } from './rollupRows.js';

const ROLLUP_COLS = ['app', 'shop', 'guard', 'minute', ...COUNTER_COLUMNS];

/**
 * Largest value of one counter cell (app, shop, guard, minute). Far above any real shop's minute,
 * and low enough that SUM over every cell of 90 days of 10,000 shops stays inside 64 bits: a
 * forged count can distort its own cell, never overflow a query.
 */
export const CELL_CAP = 1_000_000_000;
const least = (db: Db) => (db.dialect === 'sqlite' ? 'MIN' : 'LEAST');
const upsertSet = (db: Db) => COUNTER_COLUMNS.map((c) => `${c} = ${least(db)}(rollups.${c} + excluded.${c}, ${CELL_CAP})`).join(', ');

/** `($1, $2), ($3, $4)` for `rows` rows of `cols` parameters. */
export function values(rows: number, cols: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const ps: string[] = [];
    for (let c = 1; c <= cols; c++) ps.push(`$${r * cols + c}`);
    out.push(`(${ps.join(', ')})`);
  }
  return out.join(', ');
}

// One round trip per row is cheapest on SQLite (cached statement, no network); PG wants few round trips.
export const chunkSize = (db: Db) => (db.dialect === 'sqlite' ? 1 : 200);

/**
 * better-sqlite3 runs on the event loop: a flush of thousands of rows in one go would stall
 * ingest for tens of ms. Yielding every few hundred rows keeps each stall to about a millisecond;
 * the transaction stays open across the yields (our SQLite adapter makes other callers wait).
 */
const YIELD_EVERY = 256;
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

export async function* chunks<T>(rows: T[], size: number): AsyncGenerator<T[]> {
  let since = 0;
  for (let i = 0; i < rows.length; i += size) {
    yield rows.slice(i, i + size);
    since += size;
    if (since >= YIELD_EVERY) {
      since = 0;
      await yieldToLoop();
    }
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byKey = (a: RollupRow, b: RollupRow) => cmp(a.app, b.app) || cmp(a.shop, b.shop) || cmp(a.guard, b.guard) || a.minute - b.minute;

/** Additive upserts: any number of writers may add to the same (app, shop, guard, minute). */
export async function upsertRollups(tx: Db, rows: RollupRow[]): Promise<void> {
  // Every writer locks rows in the same (primary key) order: two collectors flushing the same
  // minutes at once then wait for each other instead of deadlocking (PostgreSQL aborts one of two
  // transactions that lock the same rows in opposite orders).
  rows = [...rows].sort(byKey);
  for await (const chunk of chunks(rows, chunkSize(tx))) {
    const params: unknown[] = [];
    for (const r of chunk) params.push(r.app, r.shop, r.guard, r.minute, ...r.c.map((x) => (x > CELL_CAP ? CELL_CAP : x)));
    await tx.run(
      `INSERT INTO rollups (${ROLLUP_COLS.join(', ')}) VALUES ${values(chunk.length, ROLLUP_COLS.length)} ` +
        `ON CONFLICT (app, shop, guard, minute) DO UPDATE SET ${upsertSet(tx)}`,
      params,
    );
  }
}

export async function insertEvents(tx: Db, rows: EventRow[]): Promise<void> {
  for await (const chunk of chunks(rows, chunkSize(tx))) {
    const params: unknown[] = [];
    for (const r of chunk) params.push(r.app, r.shop, r.guard, r.kind, r.at, r.data);
    await tx.run(`INSERT INTO events (app, shop, guard, kind, at, data) VALUES ${values(chunk.length, 6)}`, params);
  }
}

export async function insertReports(tx: Db, rows: ReportRow[]): Promise<void> {
  for await (const chunk of chunks(rows, chunkSize(tx))) {
    const params: unknown[] = [];
    for (const r of chunk) params.push(r.app, r.type, r.url, r.at, r.userAgent, r.body);
    await tx.run(`INSERT INTO reports (app, type, url, at, user_agent, body) VALUES ${values(chunk.length, 6)}`, params);
  }
}

/** Distinct-client evidence: a client once bad in a minute stays bad. */
export async function upsertSources(tx: Db, rows: SourceRow[]): Promise<void> {
  const max = tx.dialect === 'sqlite' ? 'MAX' : 'GREATEST';
  rows = [...rows].sort((a, b) => cmp(a.app, b.app) || cmp(a.guard, b.guard) || a.minute - b.minute || cmp(a.client, b.client));
  for await (const chunk of chunks(rows, tx.dialect === 'sqlite' ? 1 : 200)) {
    const params: unknown[] = [];
    for (const r of chunk) params.push(r.app, r.guard, r.minute, r.client, r.bad);
    await tx.run(
      `INSERT INTO guard_sources (app, guard, minute, client, bad) VALUES ${values(chunk.length, 5)} ` +
        `ON CONFLICT (app, guard, minute, client) DO UPDATE SET bad = ${max}(guard_sources.bad, excluded.bad)`,
      params,
    );
  }
}

/** Records, atomically with the rollups, the last journal segment whose batches are now stored. */
export async function markJournal(tx: Db, journal: string, segment: number, now: number): Promise<void> {
  await tx.run(
    'INSERT INTO ingest_journal (journal, segment, updated_at) VALUES ($1, $2, $3) ' +
      'ON CONFLICT (journal) DO UPDATE SET segment = excluded.segment, updated_at = excluded.updated_at',
    [journal, segment, now],
  );
}

/** What a flush writes: rollups, raw events, reports. */
export interface FlushRows {
  rollups: RollupRow[];
  sources: SourceRow[];
  events: EventRow[];
  reports: ReportRow[];
}

/** A row the store refused, as kept in `dead_letters`. */
export interface DeadLetter {
  kind: 'rollup' | 'event' | 'report' | 'source';
  app: string;
  reason: string;
  /** The row as JSON (JSON escapes NUL and lone surrogates, so this text is always storable). */
  payload: string;
}

/**
 * Whether a failed statement was refused because of the row it wrote (the data), rather than
 * because the store is unreachable, locked or full: only such rows are set aside.
 * PostgreSQL: SQLSTATE classes 22 (data exception), 23 (integrity), 54 (limit exceeded), P0
 * (raised by a trigger). SQLite: constraint, too big, mismatch, range.
 */
export function refusedRow(e: unknown): boolean {
  const code = String((e as { code?: unknown })?.code ?? '');
  if (/^(22|23|54|P0)/.test(code)) return true;
  return /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/.test(code);
}

const writers = {
  rollup: upsertRollups,
  source: upsertSources,
  event: insertEvents,
  report: insertReports,
} as const;

async function inSavepoint(tx: Db, fn: () => Promise<void>): Promise<unknown> {
  await tx.run('SAVEPOINT lb_row');
  try {
    await fn();
    await tx.run('RELEASE SAVEPOINT lb_row');
    return null;
  } catch (e) {
    await tx.run('ROLLBACK TO SAVEPOINT lb_row');
    await tx.run('RELEASE SAVEPOINT lb_row');
    return e;
  }
}

/**
 * Writes a flush inside `tx` so that a row the store refuses cannot fail the others: each chunk
 * runs in a savepoint, a refused chunk is retried row by row, and a refused row is written to
 * `dead_letters` instead. Any other error (store down, disk full) is thrown: the caller keeps
 * everything for the next flush. Returns the rows set aside.
 */
export async function writeIsolated(tx: Db, rows: FlushRows, now: number): Promise<DeadLetter[]> {
  const dead: DeadLetter[] = [];
  const parts = [
    ['rollup', rows.rollups],
    ['source', rows.sources],
    ['event', rows.events],
    ['report', rows.reports],
  ] as const;
  for (const [kind, list] of parts) {
    const write = writers[kind] as (tx: Db, rows: unknown[]) => Promise<void>;
    const size = 200;
    for (let i = 0; i < list.length; i += size) {
      const chunk = (list as unknown[]).slice(i, i + size);
      const err = await inSavepoint(tx, () => write(tx, chunk));
      if (!err) continue;
      if (!refusedRow(err)) throw err;
      for (const row of chunk) {
        const e = await inSavepoint(tx, () => write(tx, [row]));
        if (!e) continue;
        if (!refusedRow(e)) throw e;
        dead.push({ kind, app: (row as { app: string }).app, reason: cleanReason(e), payload: JSON.stringify(row) });
      }
    }
  }
  await insertDeadLetters(tx, dead, now);
  return dead;
}

const cleanReason = (e: unknown) => {
  const m = e instanceof Error ? e.message : String(e);
  const code = (e as { code?: unknown })?.code;
  return JSON.stringify(`${code ? `${String(code)}: ` : ''}${m}`.slice(0, 500)).slice(1, -1);
};

export async function insertDeadLetters(tx: Db, rows: DeadLetter[], now: number): Promise<void> {
  for (const r of rows) {
    await tx.run('INSERT INTO dead_letters (at, kind, app, reason, payload) VALUES ($1, $2, $3, $4, $5)', [now, r.kind, r.app, r.reason, r.payload]);
  }
}
