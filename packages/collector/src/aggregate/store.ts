import type { Db } from '../db/types.js';
import { COUNTER_COLUMNS, type EventRow, type ReportRow, type RollupRow } from './rows.js';

const ROLLUP_COLS = ['app', 'shop', 'guard', 'minute', ...COUNTER_COLUMNS];
const UPSERT_SET = COUNTER_COLUMNS.map((c) => `${c} = rollups.${c} + excluded.${c}`).join(', ');

function values(rows: number, cols: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const ps: string[] = [];
    for (let c = 1; c <= cols; c++) ps.push(`$${r * cols + c}`);
    out.push(`(${ps.join(', ')})`);
  }
  return out.join(', ');
}

// One round trip per row is cheapest on SQLite (cached statement, no network); PG wants few round trips.
const chunkSize = (db: Db) => (db.dialect === 'sqlite' ? 1 : 200);

/**
 * better-sqlite3 runs on the event loop: a flush of thousands of rows in one go would stall
 * ingest for tens of ms. Yielding every few hundred rows keeps each stall to about a millisecond;
 * the transaction stays open across the yields (our SQLite adapter makes other callers wait).
 */
const YIELD_EVERY = 256;
const yieldToLoop = () => new Promise<void>((r) => setImmediate(r));

async function* chunks<T>(rows: T[], size: number): AsyncGenerator<T[]> {
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
    for (const r of chunk) params.push(r.app, r.shop, r.guard, r.minute, ...r.c);
    await tx.run(
      `INSERT INTO rollups (${ROLLUP_COLS.join(', ')}) VALUES ${values(chunk.length, ROLLUP_COLS.length)} ` +
        `ON CONFLICT (app, shop, guard, minute) DO UPDATE SET ${UPSERT_SET}`,
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

/** Records, atomically with the rollups, the last journal segment whose batches are now stored. */
export async function markJournal(tx: Db, journal: string, segment: number, now: number): Promise<void> {
  await tx.run(
    'INSERT INTO ingest_journal (journal, segment, updated_at) VALUES ($1, $2, $3) ' +
      'ON CONFLICT (journal) DO UPDATE SET segment = excluded.segment, updated_at = excluded.updated_at',
    [journal, segment, now],
  );
}
