import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { BANNER_TEXT, KEY_PATTERN, NAME_PATTERN, toProblems, formatProblems, type Problem } from '@lifeboat/schema';

const posInt = () => z.int().check(z.gte(1));
const nonNeg = () => z.number().check(z.gte(0));

const AppSchema = z.strictObject({
  /** App name: the `app` field of the beacons this key may send. */
  app: z.string().check(z.regex(NAME_PATTERN)),
  /** Public write key, safe to ship in pages: it can only write beacons and reports. */
  publicKey: z.string().check(z.regex(KEY_PATTERN)),
  /**
   * Allowed page origins (`https://shop.example`), or `["*"]` for any. With a list, a beacon
   * must carry one of them in `Origin` (browsers always send it on sendBeacon and fetch POSTs).
   */
  origins: z._default(z.array(z.string().check(z.minLength(1))), []),
  /**
   * The app's guard names. Only these (and guards reported by `incidents.guardMinShops`
   * distinct shops from as many distinct clients) can have an incident, a mode, a chart or a
   * metric series.
   */
  guards: z._default(z.array(z.string().check(z.regex(NAME_PATTERN))).check(z.maxLength(1000)), []),
});

const IngestSchema = z.strictObject({
  maxBodyBytes: z._default(posInt(), 65_536),
  maxInflatedBytes: z._default(posInt(), 262_144),
  /** Requests (batches) per second per public key, bursting to one second's worth. */
  perKeyPerSecond: z._default(posInt(), 2000),
  /** Requests (batches) per minute per client IP, bursting to one minute's worth. */
  perClientPerMinute: z._default(posInt(), 120),
  /** A batch id seen within this window is accepted (202) and counted once. */
  dedupeWindowMs: z._default(posInt(), 3_600_000),
  /** Most batch ids remembered; the oldest are forgotten first past this (bounds memory). */
  dedupeMaxIds: z._default(posInt(), 1_000_000),
  /** Ages are clamped to this, so a broken clock cannot file events years back. */
  maxEventAgeMs: z._default(posInt(), 24 * 3600 * 1000),
  /** Raw event rows (transition, fallback, …) kept per shop per minute; the rest are counted and dropped. */
  eventsPerShopPerMinute: z._default(posInt(), 100),
  /** Take the client IP from X-Forwarded-For (only behind a proxy you run). */
  trustProxy: z._default(z.boolean(), false),
  /** A request (headers and body) must arrive within this, or the connection is closed (slow senders). */
  requestTimeoutMs: z._default(posInt(), 10_000),
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: z._default(posInt(), 5_000),
  /** Open connections per client address; more are closed at once (0: no cap, e.g. behind a proxy). */
  maxConnectionsPerClient: z._default(z.int().check(z.gte(0)), 64),
});

const RetentionSchema = z.strictObject({
  rawDays: z._default(nonNeg(), 7),
  rollupDays: z._default(nonNeg(), 90),
  /** How often the retention job runs. */
  everyMs: z._default(posInt(), 3_600_000),
});

const share = () => z.number().check(z.gte(0), z.lte(1));

/** Fleet-wide incident detection (see docs/collector.md for what each threshold means). */
const IncidentsSchema = z.strictObject({
  enabled: z._default(z.boolean(), true),
  /** Length of the evaluation window and of the calm period before resolving, in minutes. */
  windowMinutes: z._default(posInt(), 2),
  /** Open when (failure + timeout) / (success + failure + timeout) reaches this. */
  failureShare: z._default(share(), 0.5),
  /** …or when this share of the reporting shops saw their breaker open. */
  openShare: z._default(share(), 0.3),
  /** Calls (attempts + rejects) the window must hold. */
  minCalls: z._default(nonNeg(), 50),
  /** Shops that must be affected (failures or an opened breaker). */
  minShops: z._default(nonNeg(), 3),
  /**
   * Distinct clients (network addresses; an IPv6 /64 counts as one) the affected shops' beacons
   * must come from: one machine claiming many shops is one witness.
   */
  minClients: z._default(nonNeg(), 3),
  /** Resolve once both shares stayed below this for a full window. */
  resolveShare: z._default(share(), 0.2),
  /** Set the guard's mode to `open` while its incident is open. */
  autoOpen: z._default(z.boolean(), false),
  /**
   * Blast-radius cap of autoOpen: an automatic `open` may not move more than this share of the
   * app's reporting shops (counting guards already opened automatically); past it, an admin opens.
   */
  autoOpenMaxShare: z._default(share(), 0.5),
  /** A guard missing from `apps[].guards` becomes known once this many distinct shops (from `minClients` clients) report it. */
  guardMinShops: z._default(posInt(), 3),
  /** Known guards per app (declared ones first); undeclared names past it stay unknown. */
  maxGuardsPerApp: z._default(posInt(), 100),
  evaluateEveryMs: z._default(posInt(), 10_000),
  /** Shopper notice published with an automatic `open`. */
  banner: z._default(z.string().check(z.minLength(1), z.maxLength(200)), BANNER_TEXT),
  /** Probe fractions of the coordinated recovery, one per step, ending at 1. */
  recoverySteps: z._default(z.array(z.number().check(z.gt(0), z.lte(1))).check(z.minLength(1), z.maxLength(20)), [0.1, 0.5, 1]),
  /** Length of one recovery step, ms. */
  recoveryStepMs: z._default(posInt(), 60_000),
});

const AlertsSchema = z.strictObject({
  webhooks: z._default(
    z.array(z.strictObject({ url: z.string().check(z.regex(/^https?:\/\//)), format: z._default(z.enum(['json', 'slack']), 'json') })),
    [],
  ),
  maxAttempts: z._default(posInt(), 8),
  retryBaseMs: z._default(posInt(), 1000),
  retryMaxMs: z._default(posInt(), 5 * 60_000),
  timeoutMs: z._default(posInt(), 5000),
});

const StatusSchema = z.strictObject({
  /**
   * Seconds a browser or CDN may serve the status document without asking: a kill switch reaches
   * a new page within about this (the SDK asks at every page start), so it is short; the CDN in
   * front keeps the origin's share to about one request per edge location per `max-age`.
   */
  maxAgeSeconds: z._default(nonNeg(), 5),
});

export const CollectorConfigSchema = z.strictObject({
  apps: z.array(AppSchema),
  tokens: z.prefault(
    z.strictObject({
      read: z._default(z.array(z.string().check(z.minLength(16))), []),
      admin: z._default(z.array(z.string().check(z.minLength(16))), []),
    }),
    {},
  ),
  ingest: z.prefault(IngestSchema, {}),
  flushIntervalMs: z._default(posInt(), 10_000),
  retention: z.prefault(RetentionSchema, {}),
  /** Write-ahead journal of accepted batches; `dir: null` disables it (see docs/collector.md). */
  journal: z.prefault(
    z.strictObject({
      /** This process's journal directory; null disables the journal. Default: beside a SQLite file, or a slot under `slotsDir` for PostgreSQL. */
      dir: z.optional(z.nullable(z.string())),
      /** With PostgreSQL and no `dir`: each process takes the first free `slot-N` under this. */
      slotsDir: z._default(z.string().check(z.minLength(1)), 'lifeboat-journal'),
    }),
    {},
  ),
  metrics: z.prefault(
    z.strictObject({
      /** Require a read or admin token on /metrics (off: scrape it from a private network). */
      requireToken: z._default(z.boolean(), false),
    }),
    {},
  ),
  incidents: z.prefault(IncidentsSchema, {}),
  alerts: z.prefault(AlertsSchema, {}),
  status: z.prefault(StatusSchema, {}),
});

/** The collector's config as written (JSON file or object); every section but `apps` optional. */
export type CollectorConfig = z.input<typeof CollectorConfigSchema>;
/** The config with every default filled in. */
export type ResolvedCollectorConfig = z.output<typeof CollectorConfigSchema>;

/** Thrown for an invalid config; `problems` name each field and what it must be. */
export class ConfigError extends Error {
  constructor(
    readonly problems: Problem[],
    source: string,
  ) {
    super(`invalid collector config (${source}):\n${formatProblems(problems)}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates a collector config and fills in defaults.
 *
 * @example
 * ```ts
 * const config = resolveConfig({ apps: [{ app: 'smartcart', publicKey: 'pk_demo_smartcart', origins: ['*'] }] });
 * ```
 */
export function resolveConfig(input: unknown, source = 'config'): ResolvedCollectorConfig {
  const r = CollectorConfigSchema.safeParse(input);
  if (!r.success) throw new ConfigError(toProblems(r.error, input, 'config'), source);
  const cfg = r.data;
  const problems: Problem[] = [];
  const keys = new Set<string>();
  cfg.apps.forEach((a, i) => {
    if (keys.has(a.publicKey)) problems.push({ path: `config.apps.${i}.publicKey`, message: 'is used by another app: give each app its own key' });
    keys.add(a.publicKey);
  });
  if (cfg.ingest.maxInflatedBytes < cfg.ingest.maxBodyBytes)
    problems.push({ path: 'config.ingest.maxInflatedBytes', message: `must be at least ingest.maxBodyBytes (${cfg.ingest.maxBodyBytes})` });
  if (problems.length) throw new ConfigError(problems, source);
  return cfg;
}

/** Reads a JSON config file; a missing file or bad JSON is reported with the path. */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError([{ path: 'config', message: `cannot read ${path}: ${(e as Error).message}` }], path);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ConfigError([{ path: 'config', message: `${path} is not valid JSON: ${(e as Error).message}` }], path);
  }
}

/**
 * Config from the environment, merged over a file's: `LIFEBOAT_APPS` (JSON array of apps),
 * `LIFEBOAT_READ_TOKENS`, `LIFEBOAT_ADMIN_TOKENS` (comma-separated), `LIFEBOAT_FLUSH_INTERVAL_MS`,
 * `LIFEBOAT_JOURNAL_DIR` (a directory, or `off`).
 */
export function configFromEnv(env: NodeJS.ProcessEnv, base: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  if (env.LIFEBOAT_APPS) {
    try {
      out.apps = JSON.parse(env.LIFEBOAT_APPS);
    } catch (e) {
      throw new ConfigError([{ path: 'LIFEBOAT_APPS', message: `must be a JSON array of apps: ${(e as Error).message}` }], 'environment');
    }
  }
  const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
  const tokens = { ...((base.tokens as Record<string, unknown>) ?? {}) };
  if (env.LIFEBOAT_READ_TOKENS) tokens.read = list(env.LIFEBOAT_READ_TOKENS);
  if (env.LIFEBOAT_ADMIN_TOKENS) tokens.admin = list(env.LIFEBOAT_ADMIN_TOKENS);
  if (env.LIFEBOAT_READ_TOKENS || env.LIFEBOAT_ADMIN_TOKENS) out.tokens = tokens;
  if (env.LIFEBOAT_FLUSH_INTERVAL_MS) out.flushIntervalMs = Number(env.LIFEBOAT_FLUSH_INTERVAL_MS);
  if (env.LIFEBOAT_JOURNAL_DIR) out.journal = { dir: env.LIFEBOAT_JOURNAL_DIR === 'off' ? null : env.LIFEBOAT_JOURNAL_DIR };
  return out;
}
