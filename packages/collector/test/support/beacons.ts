import type { BeaconBatch } from '@lifeboat/schema';

let n = 0;
/** A unique batch id (KEY_PATTERN: 8–64 of [A-Za-z0-9_-]). */
export const batchId = () => `t${process.pid}_${Date.now().toString(36)}_${(n++).toString(36).padStart(6, '0')}`;

export const APP = 'smartcart';
export const KEY = 'pk_test_smartcart';
export const ORIGIN = 'http://127.0.0.1:3000';

export const testConfig = (extra: Record<string, unknown> = {}) => ({
  apps: [
    { app: APP, publicKey: KEY, origins: [ORIGIN], guards: ['cart', 'recs'] },
    { app: 'recs', publicKey: 'pk_test_recs_any', origins: ['*'] },
  ],
  tokens: { read: ['rt_test_read_token_0001'], admin: ['at_test_admin_token_0001'] },
  flushIntervalMs: 3_600_000, // tests flush explicitly
  incidents: { enabled: false },
  ...extra,
});

/** A batch with one `calls` event per guard: `success` successes, `failure` failures. */
export function callsBatch(o: { shop?: string; guards?: string[]; success?: number; failure?: number; age?: number; id?: string } = {}): BeaconBatch {
  const success = o.success ?? 3;
  const failure = o.failure ?? 1;
  return {
    v: 1,
    id: o.id ?? batchId(),
    sentAt: Date.now(),
    app: APP,
    shop: o.shop ?? 'a.myshopify.com',
    page: 'cart',
    sdk: '0.1.0',
    events: (o.guards ?? ['cart']).map((guard) => ({
      type: 'calls' as const,
      age: o.age ?? 100,
      guard,
      success,
      failure,
      timeout: 0,
      reject: 0,
      fallback: failure,
      latency: [success, 0, 0, 0, 0, 0, 0, 0, 0, failure],
    })),
  };
}

export interface Totals {
  success: number;
  failure: number;
  fallback: number;
  l0: number;
  l9: number;
  events: number;
  reports: number;
}

import type { Db } from '../../src/db/types.js';

/** What is stored, summed: any change means a request was counted. */
export async function totals(db: Db): Promise<Totals> {
  const [r] = await db.query<Record<string, number | null>>(
    'SELECT SUM(success) AS success, SUM(failure) AS failure, SUM(fallback) AS fallback, SUM(l0) AS l0, SUM(l9) AS l9 FROM rollups',
  );
  const [e] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM events');
  const [p] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM reports');
  return {
    success: Number(r.success ?? 0),
    failure: Number(r.failure ?? 0),
    fallback: Number(r.fallback ?? 0),
    l0: Number(r.l0 ?? 0),
    l9: Number(r.l9 ?? 0),
    events: Number(e.n),
    reports: Number(p.n),
  };
}
