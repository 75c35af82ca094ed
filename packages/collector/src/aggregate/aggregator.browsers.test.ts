import type { BeaconBatch } from '@lifeboat/schema';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/types.js';
import { createMetrics } from '../metrics.js';
import { Aggregator } from './aggregator.js';

const batch = (id: string, statusAt: number): BeaconBatch => ({
  v: 1, id, sentAt: 0, app: 'smartcart', shop: 'a.myshopify.com', page: 'home', sdk: '1', statusAt,
  events: [{ type: 'calls', age: 0, guard: 'cart', success: 1, failure: 0, timeout: 0, reject: 0, fallback: 0, latency: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] }],
});

/** A Db that records the status_minutes rows each transaction writes. */
function recordingDb() {
  const flushes: number[][] = [];
  const db = {
    dialect: 'sqlite',
    query: async () => [],
    run: async () => 0,
    withLeaderLock: async () => ({ ran: false }),
    close: async () => undefined,
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      const rows: number[] = [];
      const tx = { ...db, run: async (sql: string, params: unknown[] = []) => (sql.includes('status_minutes') && rows.push(params[2] as number), 0) } as unknown as Db;
      const v = await fn(tx);
      flushes.push(rows);
      return v;
    },
  };
  return { db: db as unknown as Db, flushes };
}

describe('Aggregator browser tally with a journal that settles', () => {
  it('a batch held back during a flush lands, with its rollups, in the next flush', async () => {
    const { db, flushes } = recordingDb();
    const log = { error() {}, warn() {}, info() {} } as never;
    const agg = new Aggregator({ db, log, metrics: createMetrics(), now: () => 60_000, maxEventAgeMs: 3_600_000, eventsPerShopPerMinute: 100 });
    let seg = 0;
    agg.journal = { id: 'j', seal: () => ++seg, committed: () => undefined };
    let release!: () => void;
    agg.settle = () => new Promise<void>((r) => (release = r));

    agg.addJournaled(1, () => agg.addBatch(batch('aaaaaaaa', 111), 60_000));
    const first = agg.flush(); // seals segment 1, waits in settle
    await Promise.resolve();
    agg.addJournaled(2, () => agg.addBatch(batch('bbbbbbbb', 222), 60_000)); // a later segment: deferred
    release();
    await first;
    agg.settle = async () => undefined;
    await agg.flush();
    expect(flushes.map((rows) => rows.sort())).toEqual([[111], [222]]);
  });
});
