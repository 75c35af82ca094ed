import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The ingest side's Prometheus metrics; the fleet plugin adds its own to the same registry. */
export interface IngestMetrics {
  registry: Registry;
  received: Counter<never>;
  ingested: Counter<'app' | 'kind'>;
  /**
   * Hot-path tally for `ingested`, keyed `app\0kind`: a Map add per batch instead of a labelled
   * counter update; drained into the counter when /metrics is scraped.
   */
  ingestedPending: Map<string, number>;
  rejected: Counter<'reason'>;
  duplicate: Counter<never>;
  reportsReceived: Counter<never>;
  dropped: Counter<'reason'>;
  flushDuration: Histogram<'result'>;
  pending: Gauge<never>;
  deadLetters: Counter<'kind'>;
  lastFlush: Gauge<never>;
  authFailures: Counter<'reason'>;
  connectionsRefused: Counter<never>;
  sharedDedupeErrors: Counter<never>;
}

/**
 * prom-client's default gauges that end in `_total`, which Prometheus reserves for counters
 * (`promtool check metrics` refuses them); `nodejs_active_handles` etc. carry the same counts.
 */
const MISNAMED_DEFAULTS = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** One registry per collector instance, so two instances in one process (tests) don't clash. */
export function createMetrics(pending: () => number = () => 0): IngestMetrics {
  const registry = new Registry();
  // Unprefixed, as every exporter names them (process_cpu_seconds_total, nodejs_heap_size_used_bytes…):
  // dashboards and alerts written for Node services work unchanged.
  collectDefaultMetrics({ register: registry });
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  const ingestedPending = new Map<string, number>();
  const m = (r: IngestMetrics) => r;
  return m({
    registry,
    ingestedPending,
    received: new Counter({ name: 'lifeboat_beacons_received_total', help: 'Beacon batches received (before any check).', registers: [registry] }),
    ingested: new Counter({
      name: 'lifeboat_events_ingested_total',
      help: 'Events accepted into the aggregator, by app and event kind (beacon event type, or "report").',
      labelNames: ['app', 'kind'],
      registers: [registry],
      collect() {
        for (const [key, n] of ingestedPending) {
          const cut = key.indexOf('\u0000');
          this.inc({ app: key.slice(0, cut), kind: key.slice(cut + 1) }, n);
        }
        ingestedPending.clear();
      },
    }),
    rejected: new Counter({
      name: 'lifeboat_beacons_rejected_total',
      help: 'Requests to /v1/beacons and /v1/reports refused, by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    duplicate: new Counter({
      name: 'lifeboat_beacons_duplicate_total',
      help: 'Batches answered 202 but not counted again (same id within the dedupe window).',
      registers: [registry],
    }),
    reportsReceived: new Counter({ name: 'lifeboat_reports_received_total', help: 'Reporting API / NEL requests received.', registers: [registry] }),
    dropped: new Counter({
      name: 'lifeboat_events_dropped_total',
      help: 'Valid events not stored as rows (per-shop per-minute cap), by reason.',
      labelNames: ['reason'],
      registers: [registry],
    }),
    flushDuration: new Histogram({
      name: 'lifeboat_flush_duration_seconds',
      help: 'Time to write one flush of rollups, events and reports.',
      labelNames: ['result'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'lifeboat_dead_letters_total',
      help: 'Rows the store refused at flush time, moved to the dead_letters table, by kind (rollup, event, report).',
      labelNames: ['kind'],
      registers: [registry],
    }),
    authFailures: new Counter({
      name: 'lifeboat_auth_failures_total',
      help: 'Requests to token-protected routes refused, by reason (missing_token, unknown_token, public_key, needs_admin, bad_csrf).',
      labelNames: ['reason'],
      registers: [registry],
    }),
    connectionsRefused: new Counter({
      name: 'lifeboat_connections_refused_total',
      help: 'Connections closed at once because their client already had ingest.maxConnectionsPerClient open.',
      registers: [registry],
    }),
    sharedDedupeErrors: new Counter({
      name: 'lifeboat_shared_dedupe_errors_total',
      help: 'Batches accepted while the shared (PostgreSQL) dedupe window could not be reached; only this instance deduplicated them.',
      registers: [registry],
    }),
    lastFlush: new Gauge({
      name: 'lifeboat_flush_last_success_timestamp_seconds',
      help: 'When the last flush was stored (Unix seconds); alert when it falls behind.',
      registers: [registry],
    }),
    pending: new Gauge({
      name: 'lifeboat_aggregator_pending_events',
      help: 'Events accepted but not yet written to the database.',
      registers: [registry],
      collect() {
        this.set(pending());
      },
    }),
  });
}
