// Helpers for the fleet tests: a CollectorContext on a fresh database, synthetic rollups and
// breaker transitions, a movable clock.
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { Registry } from 'prom-client';
import { resolveConfig, type CollectorConfig } from '../src/collectorConfig.js';
import type { CollectorContext } from '../src/context.js';
import { ingestMigrations, migrate, openDb } from '../src/db/index.js';
import type { Db, DbAdapter } from '../src/db/types.js';
import { fleetMigrations } from '../src/fleet/store/fleetMigrations.js';
import { fleetPlugin } from '../src/fleet/plugin.js';

export const PK = 'pk_test_smartcart';
export const READ = 'rt_test_read_token_0001';
export const ADMIN = 'at_test_admin_token_0001';
export const T0 = Date.UTC(2026, 10, 21, 6, 0, 0);

export const baseConfig = (over: Partial<CollectorConfig> = {}): CollectorConfig => ({
  apps: [{ app: 'smartcart', publicKey: PK, origins: ['*'], guards: ['cart', 'recs'] }],
  tokens: { read: [READ], admin: [ADMIN] },
  incidents: { windowMinutes: 2, failureShare: 0.5, openShare: 0.3, minCalls: 50, minShops: 3, resolveShare: 0.2, evaluateEveryMs: 3_600_000 },
  ...over,
});

const silent = () => {
  const noop = () => undefined;
  const log: Record<string, unknown> = { info: noop, warn: noop, error: noop, debug: noop, trace: noop, fatal: noop, level: 'silent', silent: noop };
  log.child = () => log;
  return log as unknown as CollectorContext['log'];
};

export interface TestCtx extends CollectorContext {
  clock: { t: number };
  closeAll(): Promise<void>;
}

export async function makeCtx(opts: { config?: CollectorConfig; db?: DbAdapter; url?: string; migrateDb?: boolean } = {}): Promise<TestCtx> {
  const db = opts.db ?? openDb(opts.url ?? ':memory:');
  if (opts.migrateDb !== false) await migrate(db, [...ingestMigrations, ...fleetMigrations]);
  const clock = { t: T0 };
  const closers: (() => Promise<void> | void)[] = [];
  const ctx: TestCtx = {
    db,
    config: resolveConfig(opts.config ?? baseConfig()),
    log: silent(),
    registry: new Registry(),
    now: () => clock.t,
    onClose: (fn) => void closers.push(fn),
    aggregator: { flush: async () => undefined, pending: () => 0 } as unknown as CollectorContext['aggregator'],
    clock,
    async closeAll() {
      for (const fn of closers.reverse()) await fn();
      await db.close();
      const schema = opts.url && /search_path=(lifeboat_fleet_\w+_\d+_\d+)/.exec(decodeURIComponent(opts.url))?.[1];
      if (schema) await dropSchema(schema);
    },
  };
  return ctx;
}

/** A Fastify app with only the fleet plugin on it. */
export async function fleetApp(ctx: CollectorContext): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await fleetPlugin(app, ctx);
  await app.ready();
  return app;
}

export interface Traffic {
  app?: string;
  guard?: string;
  shop: string;
  minute: number;
  success?: number;
  failure?: number;
  timeout?: number;
  reject?: number;
  fallback?: number;
  /** Latency histogram (10 slots). */
  latency?: number[];
}

/** Writes one synthetic rollup row (additively, as ingest does). */
export async function rollup(db: Db, r: Traffic): Promise<void> {
  const l = r.latency ?? [r.success ?? 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  await db.run(
    `INSERT INTO rollups (app, shop, guard, minute, success, failure, timeout, reject, fallback, l0, l1, l2, l3, l4, l5, l6, l7, l8, l9)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (app, shop, guard, minute) DO UPDATE SET success = rollups.success + excluded.success, failure = rollups.failure + excluded.failure,
       timeout = rollups.timeout + excluded.timeout, reject = rollups.reject + excluded.reject, fallback = rollups.fallback + excluded.fallback`,
    [r.app ?? 'smartcart', r.shop, r.guard ?? 'cart', Math.floor(r.minute / 60_000) * 60_000, r.success ?? 0, r.failure ?? 0, r.timeout ?? 0, r.reject ?? 0, r.fallback ?? 0, ...l],
  );
}

/** The distinct-client evidence ingest records with a rollup: here one client per shop, as real pages are. */
export async function source(db: Db, o: { app?: string; guard?: string; minute: number; client: string; bad: boolean }): Promise<void> {
  const max = db.dialect === 'sqlite' ? 'MAX' : 'GREATEST';
  await db.run(
    `INSERT INTO guard_sources (app, guard, minute, client, bad) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (app, guard, minute, client) DO UPDATE SET bad = ${max}(guard_sources.bad, excluded.bad)`,
    [o.app ?? 'smartcart', o.guard ?? 'cart', Math.floor(o.minute / 60_000) * 60_000, o.client, o.bad ? 1 : 0],
  );
}

/** `shops` shops each sending `perShop` calls in the minute of `at`, a `share` of them failing. */
export async function traffic(db: Db, at: number, o: { shops: number; perShop: number; share: number; guard?: string; timeouts?: boolean }) {
  for (let i = 0; i < o.shops; i++) {
    const bad = Math.round(o.perShop * o.share);
    await rollup(db, {
      shop: `shop${i}.myshopify.com`,
      guard: o.guard,
      minute: at,
      success: o.perShop - bad,
      failure: o.timeouts ? 0 : bad,
      timeout: o.timeouts ? bad : 0,
    });
    await source(db, { guard: o.guard, minute: at, client: `client-of-shop${i}`, bad: bad > 0 });
  }
}

/** A breaker transition row as ingest stores it. */
export async function transition(db: Db, at: number, shop: string, to: 'open' | 'closed' | 'half-open', reason = 'failures', guard = 'cart') {
  await db.run(`INSERT INTO events (app, shop, guard, kind, at, data) VALUES ($1, $2, $3, 'transition', $4, $5)`, [
    'smartcart',
    shop,
    guard,
    at,
    JSON.stringify({ guard, from: to === 'open' ? 'closed' : 'open', to, reason, page: 'product', sdk: '0.1.0' }),
  ]);
  if (to === 'open' && (reason === 'failures' || reason === 'probe-failed')) await source(db, { guard, minute: at, client: `client-of-${shop}`, bad: true });
}

export async function dropSchema(name: string) {
  const client = new pg.Client({ connectionString: PG_URL });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PostgreSQL for the tests, or the reason it is not there. */
export const PG_URL = process.env.LIFEBOAT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function pgSchema(name: string): Promise<{ url: string } | { skip: string }> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await client.query(`CREATE SCHEMA ${name}`);
    const u = new URL(PG_URL);
    u.searchParams.set('options', `-c search_path=${name}`);
    return { url: u.toString() };
  } catch (err) {
    return { skip: `PostgreSQL not usable at ${PG_URL.replace(/\/\/[^@]*@/, '//…@')} (${(err as Error).message}); set LIFEBOAT_TEST_PG to run these tests` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The dialects to run a suite on: SQLite always, PostgreSQL when reachable (each call of
 * `url()` gives a fresh schema). Prints why PostgreSQL is skipped.
 */
export async function dialects(suite: string): Promise<{ name: string; url(): Promise<string> }[]> {
  const probe = await pgSchema(`lifeboat_${suite}_probe`);
  const out = [{ name: 'sqlite', url: async () => ':memory:' }];
  if ('skip' in probe) console.warn(`[${suite}] PostgreSQL variant skipped: ${probe.skip}`);
  else {
    await dropSchema(`lifeboat_${suite}_probe`);
    let n = 0;
    out.push({
      name: 'postgres',
      url: async () => {
        const r = await pgSchema(`lifeboat_${suite}_${process.pid}_${n++}`);
        if ('skip' in r) throw new Error(r.skip);
        return r.url;
      },
    });
  }
  return out;
}
