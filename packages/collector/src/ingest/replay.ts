import type { FastifyBaseLogger } from 'fastify';
import type { Aggregator } from '../aggregate/aggregator.js';
import type { ReportRow } from '../aggregate/rows.js';
import type { Db } from '../db/types.js';
import type { DedupeSet } from './dedupe.js';
import { validateBatch } from './fastValidate.js';
import type { Journal } from './journal.js';

/**
 * Start-up: batches journaled after the last recorded flush go back into the aggregator (they
 * were answered 202 but never written); all recent batch ids go back into the dedupe set, so a
 * browser's resend after the restart is still counted once.
 */
export async function replayJournal(o: {
  journal: Journal;
  db: Db;
  aggregator: Aggregator;
  dedupe: DedupeSet;
  now: () => number;
  windowMs: number;
  log: FastifyBaseLogger;
}): Promise<{ batches: number; reports: number; ids: number }> {
  const rows = await o.db.query<{ segment: number }>('SELECT segment FROM ingest_journal WHERE journal = $1', [o.journal.id]);
  const stored = rows.length ? Number(rows[0].segment) : 0;
  const horizon = o.now() - o.windowMs;
  const out = { batches: 0, reports: 0, ids: 0 };
  for (const e of o.journal.read()) {
    const replay = e.segment > stored;
    try {
      if (e.kind === 'b') {
        const key = `${e.app}\u0000${e.id}`;
        if (replay) {
          const r = validateBatch(JSON.parse(e.text));
          if (!r.ok || o.dedupe.has(key, e.receivedAt)) continue;
          o.aggregator.addBatch(r.value, e.receivedAt);
          out.batches++;
        }
        if (e.receivedAt >= horizon) {
          o.dedupe.add(key, e.receivedAt);
          out.ids++;
        }
      } else if (replay) {
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
