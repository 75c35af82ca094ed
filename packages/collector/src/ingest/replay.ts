import type { FastifyBaseLogger } from 'fastify';
import type { Aggregator } from '../aggregate/aggregator.js';
import type { ReportRow } from '../aggregate/rollupRows.js';
import type { Db } from '../db/types.js';
import type { DedupeSet } from './dedupe.js';
import { validateBatch } from './fastValidate.js';
import type { Journal } from './journal.js';
import type { SharedDedupe } from './sharedDedupe.js';

/**
 * Start-up: recent batch ids go back into the dedupe set (a browser's resend after the restart is
 * still counted once), then requests journaled after the last stored flush go back into the
 * aggregator (they were answered 202 but never written).
 */
export async function replayJournal(o: {
  journal: Journal;
  db: Db;
  aggregator: Aggregator;
  dedupe: DedupeSet;
  now: () => number;
  windowMs: number;
  /** The dedupe set's size cap: ids past it are not read. */
  maxIds?: number;
  /** With PostgreSQL: a replayed batch another instance counted meanwhile is skipped. */
  shared?: SharedDedupe | null;
  log: FastifyBaseLogger;
}): Promise<{ batches: number; reports: number; ids: number }> {
  const rows = await o.db.query<{ segment: number }>('SELECT segment FROM ingest_journal WHERE journal = $1', [o.journal.id]);
  const stored = rows.length ? Number(rows[0].segment) : 0;
  const horizon = o.now() - o.windowMs;
  const out = { batches: 0, reports: 0, ids: 0 };
  const replayKeys = new Set<string>();
  for (const e of o.journal.unstored(stored)) if (e.kind === 'b') replayKeys.add(`${e.app}\u0000${e.id}`);
  for (const { receivedAt, app, id } of o.journal.ids(o.maxIds)) {
    const key = `${app}\u0000${id}`;
    // ids of the batches about to be replayed are added as they are replayed
    if (receivedAt >= horizon && !replayKeys.has(key)) {
      o.dedupe.remember(key, receivedAt);
      out.ids++;
    }
  }
  let mine: Set<string> | null = null;
  if (o.shared && replayKeys.size) {
    const entries = [...o.journal.unstored(stored)].filter((e) => e.kind === 'b').map((e) => ({ app: e.app, id: e.id, at: e.receivedAt }));
    mine = await o.shared.claimMany(entries, true);
  }
  for (const e of o.journal.unstored(stored)) {
    try {
      if (e.kind === 'b') {
        const r = validateBatch(JSON.parse(e.text));
        if (!r.ok || !o.dedupe.add(`${e.app}\u0000${e.id}`, e.receivedAt)) continue;
        if (mine && !mine.has(`${e.app}\u0000${e.id}`)) continue;
        o.aggregator.addBatch(r.value, e.receivedAt, e.client);
        out.batches++;
      } else {
        const reports = JSON.parse(e.text) as ReportRow[];
        o.aggregator.addReports(reports);
        out.reports += reports.length;
      }
    } catch (err) {
      o.log.warn({ err, segment: e.segment }, 'skipping an unreadable journal line');
    }
  }
  return out;
}
