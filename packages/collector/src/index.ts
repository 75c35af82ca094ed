/**
 * @packageDocumentation
 * The Lifeboat collector: beacon and report ingest, per-minute rollups on SQLite or PostgreSQL,
 * incidents, alerts, the status document and kill switch, Prometheus metrics.
 *
 * @example
 * ```ts
 * import { startCollector } from '@lifeboat/collector';
 * const collector = await startCollector({ db: './lifeboat.db', config: './collector.json' });
 * process.on('SIGTERM', () => collector.close());
 * ```
 */
export { startCollector, type StartOptions, type RunningCollector } from './app.js';
export { resolveConfig, ConfigError, CollectorConfigSchema, type CollectorConfig, type ResolvedCollectorConfig } from './collectorConfig.js';
export type { CollectorContext } from './context.js';
export type { Db, Migration } from './db/types.js';
export { openDb, migrate } from './db/index.js';
export type { FlushInfo } from './aggregate/aggregator.js';
