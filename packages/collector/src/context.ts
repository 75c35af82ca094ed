import type { FastifyBaseLogger } from 'fastify';
import type { Registry } from 'prom-client';
import type { ResolvedCollectorConfig } from './collectorConfig.js';
import type { Db } from './db/types.js';
import type { Aggregator } from './aggregate/aggregator.js';
import type { KnownGuards } from './fleet/guards/known.js';
import type { Authorizer } from './fleet/http/auth.js';
import type { DashboardSessions } from './dashboard/session.js';

/**
 * What every part of the collector shares. The fleet plugin reads rollups/events with SQL through
 * `db`, adds its gauges to `registry`, and registers cleanup with `onClose`.
 */
export interface CollectorContext {
  db: Db;
  config: ResolvedCollectorConfig;
  log: FastifyBaseLogger;
  registry: Registry;
  /** Epoch ms; tests may replace it to move time. */
  now(): number;
  /** Called on shutdown, in reverse order of registration, after ingest has stopped and flushed. */
  onClose(fn: () => Promise<void> | void): void;
  /**
   * The in-memory aggregator: `flush()` writes pending counts now (tests use it before reading),
   * `pending()` is the number of events not yet written, `onFlush(fn)` runs after each flush.
   */
  aggregator: Pick<Aggregator, 'flush' | 'pending' | 'onFlush'>;
  /** Known guards per app, shared by ingest (what it stores) and the fleet (what it shows). */
  guards?: KnownGuards;
  /** The one token check (fleet routes and /metrics), counting failed authentications. */
  authorize?: Authorizer;
  /** Dashboard sign-in sessions; the authorizer accepts their cookie. */
  sessions?: DashboardSessions;
}
