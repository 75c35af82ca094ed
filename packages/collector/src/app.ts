import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { Aggregator } from './aggregate/aggregator.js';
import { readConfigFile, resolveConfig, type CollectorConfig, type ResolvedCollectorConfig } from './collectorConfig.js';
import type { CollectorContext } from './context.js';
import { ingestMigrations, isPostgresUrl, migrate, migrationsApplied, openDb, type DbAdapter } from './db/index.js';
import { fleetMigrations } from './fleet/store/fleetMigrations.js';
import { fleetPlugin } from './fleet/plugin.js';
import { KnownGuards } from './fleet/guards/known.js';
import { dashboardSessions } from './dashboard/session.js';
import { authorizer, reportFailures } from './fleet/http/auth.js';
import { fleetSettings } from './fleet/settings.js';
import { ClientIds } from './ingest/clients.js';
import { DedupeSet } from './ingest/dedupe.js';
import { SharedDedupe } from './ingest/sharedDedupe.js';
import { Journal } from './ingest/journal.js';
import { replayJournal } from './ingest/replay.js';
import { ingestRoutes } from './ingest/ingestRoutes.js';
import { createMetrics } from './metrics.js';
import { startRetention } from './retention.js';

/** Options of {@link startCollector}; the CLI maps its flags and environment onto these. */
export interface StartOptions {
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** SQLite file path (created), `:memory:`, or `postgres://…`. Default `./lifeboat.db`. */
  db?: string;
  /** The config object, or the path of a JSON file. */
  config?: CollectorConfig | string;
  /** pino level: `fatal`…`trace`, or `silent`. Default `info`. */
  logLevel?: string;
}

/** A running collector. `close()` stops accepting, flushes what was accepted, closes the DB. */
export interface RunningCollector {
  url: string;
  app: FastifyInstance;
  ctx: CollectorContext;
  close(): Promise<void>;
}

const ALL_MIGRATIONS = () => [...ingestMigrations, ...fleetMigrations];

/**
 * Where the write-ahead journal lives: `journal.dir` if set (null: none); beside a SQLite file;
 * for PostgreSQL, a free slot under `./lifeboat-journal/` (one per process, so no acknowledged
 * beacon is lost on kill -9 in the default configuration of either store); none for `:memory:`.
 */
function openJournal(db: string, config: ResolvedCollectorConfig, now: () => number): Journal | null {
  const keep = config.journal.dir;
  if (keep === null || (keep === undefined && db === ':memory:')) return null;
  if (keep !== undefined) return Journal.open(keep, config.ingest.dedupeWindowMs, now);
  if (isPostgresUrl(db)) return Journal.openSlot(config.journal.slotsDir, config.ingest.dedupeWindowMs, now);
  return Journal.open(`${db}.journal`, config.ingest.dedupeWindowMs, now);
}

/**
 * Starts a collector: opens and migrates the database, replays the journal, serves ingest,
 * health, metrics and the fleet plugin, and flushes rollups every `flushIntervalMs`.
 *
 * @example
 * ```ts
 * import { startCollector } from '@lifeboat/collector';
 * const c = await startCollector({ port: 0, db: ':memory:', config: {
 *   apps: [{ app: 'smartcart', publicKey: 'pk_demo_smartcart', origins: ['*'] }] } });
 * console.log(c.url); // http://127.0.0.1:54321
 * await c.close();
 * ```
 */
export async function startCollector(opts: StartOptions = {}): Promise<RunningCollector> {
  const config = resolveConfig(typeof opts.config === 'string' ? readConfigFile(opts.config) : opts.config ?? { apps: [] }, typeof opts.config === 'string' ? opts.config : 'config');
  const dbUrl = opts.db ?? './lifeboat.db';
  const app = Fastify({
    logger: { level: opts.logLevel ?? 'info' },
    // One log line per request would cost more than the request at beacon rates; refusals and
    // failures are logged, and counted in /metrics.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.ingest.trustProxy,
    bodyLimit: Math.max(config.ingest.maxBodyBytes, 1_048_576),
    // Slow senders (slowloris): the whole request, headers and body, must arrive within
    // requestTimeoutMs; Node checks that every connectionsCheckingInterval, so check often.
    requestTimeout: config.ingest.requestTimeoutMs,
    connectionTimeout: config.ingest.requestTimeoutMs,
    keepAliveTimeout: config.ingest.keepAliveTimeoutMs,
    http: {
      headersTimeout: config.ingest.requestTimeoutMs,
      requestTimeout: config.ingest.requestTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(config.ingest.requestTimeoutMs / 2))),
    },
  });
  const db: DbAdapter = openDb(dbUrl);
  let metricsRef: ReturnType<typeof createMetrics> | undefined;
  capConnections(app, config.ingest.maxConnectionsPerClient, () => metricsRef?.connectionsRefused.inc());
  const closers: (() => Promise<void> | void)[] = [];
  let journal: Journal | null = null;
  try {
    await migrate(db, ALL_MIGRATIONS());
    // ctx.now is read at call time so tests may replace it.
    const now = () => ctx.now();
    const metrics = createMetrics(() => aggregator.pending());
    metricsRef = metrics;
    const guards = new KnownGuards(db, fleetSettings(config).apps, config.incidents, now);
    await guards.load();
    const aggregator = new Aggregator({
      admitGuard: (a, g, minute) => guards.admit(a, g, minute),
      db,
      log: app.log,
      metrics,
      now,
      maxEventAgeMs: config.ingest.maxEventAgeMs,
      eventsPerShopPerMinute: config.ingest.eventsPerShopPerMinute,
    });
    // Dashboard sign-in (dashboard/session.ts): one instance for the authorizer and the session routes.
    const authFailed = reportFailures((reason) => metrics.authFailures.inc({ reason }), app.log);
    const sessions = dashboardSessions(config, now, authFailed);
    const ctx: CollectorContext = {
      db,
      config,
      log: app.log,
      registry: metrics.registry,
      now: () => Date.now(),
      onClose: (fn) => void closers.push(fn),
      aggregator,
      guards,
      authorize: authorizer(config, authFailed, sessions.check),
      sessions,
    };
    const dedupe = new DedupeSet(config.ingest.dedupeWindowMs, config.ingest.dedupeMaxIds);
    journal = openJournal(dbUrl, config, now);
    const dir = journal?.dir ?? null;
    // PostgreSQL may have several instances: the dedupe window lives in the database too.
    const shared = db.dialect === 'postgres' ? new SharedDedupe(db, journal?.id ?? `process-${randomUUID()}`, config.ingest.dedupeWindowMs, now) : null;
    if (shared && journal) aggregator.settle = (segment) => shared.settle(segment);
    if (journal) {
      const replayed = await replayJournal({ journal, db, aggregator, dedupe, now, windowMs: config.ingest.dedupeWindowMs, maxIds: config.ingest.dedupeMaxIds, shared, log: app.log });
      if (replayed.batches || replayed.reports) app.log.info(replayed, 'replayed unflushed beacons from the journal');
      journal.start();
      aggregator.journal = journal;
    }

    app.get('/healthz', async () => ({ ok: true }));
    app.get('/readyz', async (_req, reply) => {
      try {
        const ok = await Promise.race([
          migrationsApplied(db, ALL_MIGRATIONS()),
          new Promise<boolean>((_, reject) => setTimeout(() => reject(new Error('database did not answer within 2 s')), 2000).unref()),
        ]);
        if (!ok) return reply.code(503).send({ ok: false, reason: 'migrations not applied' });
        // Reachable is not enough: a collector whose flushes fail is only piling counts up in memory.
        const failing = aggregator.failing;
        if (failing) {
          return reply.code(503).send({ ok: false, reason: `flushes failing since ${new Date(failing.since).toISOString()}: ${failing.reason}`, pending: aggregator.pending() });
        }
        return { ok: true, db: db.dialect };
      } catch (e) {
        return reply.code(503).send({ ok: false, reason: `database unreachable: ${(e as Error).message}` });
      }
    });
    app.get('/metrics', { preHandler: config.metrics.requireToken ? ctx.authorize!('read') : undefined }, async (_req, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );

    const clients = new ClientIds(db, now);
    await clients.refresh();
    clients.start((err) => app.log.error({ err }, 'client salt refresh failed'));
    closers.push(() => clients.stop());
    if (shared) {
      const prune = setInterval(
        () => void db.withLeaderLock('lifeboat:dedupe-prune', () => shared.prune()).catch((err: unknown) => app.log.error({ err }, 'pruning batch_ids failed')),
        60_000,
      );
      prune.unref();
      closers.push(() => clearInterval(prune));
    }
    let sharedWarned = 0;
    const onSharedError = (err: unknown) => {
      metrics.sharedDedupeErrors.inc();
      if (Date.now() - sharedWarned > 10_000) {
        sharedWarned = Date.now();
        app.log.error({ err }, 'shared dedupe unreachable: accepting with this instance\'s dedupe only');
      }
    };
    await app.register(async (scope) => ingestRoutes(scope, { config, aggregator, metrics, dedupe, journal, now, clients, shared, onSharedError }));
    await app.register(async (scope) => fleetPlugin(scope, ctx));

    aggregator.start(config.flushIntervalMs);
    startRetention(ctx);

    const address = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 8787 });
    const url = address.replace('[::1]', '127.0.0.1');
    app.log.info({ url, db: db.dialect, journal: dir }, 'lifeboat collector listening');

    let closing: Promise<void> | null = null;
    const close = () =>
      (closing ??= (async () => {
        // 1. stop accepting and let in-flight requests finish (each adds to the aggregator before its 202)
        await app.close();
        // 2. write everything accepted
        let lost: unknown = null;
        await aggregator.stop().catch((err: unknown) => {
          if (journal) app.log.error({ err }, 'final flush failed; the journal keeps the beacons for the next start');
          else lost = err;
        });
        for (const fn of closers.reverse()) await Promise.resolve(fn()).catch((err: unknown) => app.log.error({ err }, 'close hook failed'));
        journal?.close();
        await db.close();
        // Without a journal the pending counts die with the process: say so, and fail the shutdown.
        if (lost) throw new Error(`final flush failed, accepted beacons not stored: ${lost instanceof Error ? lost.message : String(lost)}`);
      })());
    return { url, app, ctx, close };
  } catch (e) {
    await app.close().catch(() => undefined);
    for (const fn of closers.reverse()) await Promise.resolve(fn()).catch(() => undefined);
    journal?.close();
    await db.close().catch(() => undefined);
    throw e;
  }
}

/**
 * At most `max` open connections per client address (0: no cap); one more is closed at once.
 * Without it a few hundred idle or trickling sockets from one machine hold every slot.
 */
function capConnections(app: FastifyInstance, max: number, refused: () => void): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  app.server.on('connection', (socket: import('node:net').Socket) => {
    const ip = socket.remoteAddress ?? '';
    const n = (open.get(ip) ?? 0) + 1;
    if (n > max) {
      refused();
      socket.destroy();
      return;
    }
    open.set(ip, n);
    socket.once('close', () => {
      const left = (open.get(ip) ?? 1) - 1;
      if (left <= 0) open.delete(ip);
      else open.set(ip, left);
    });
  });
}
