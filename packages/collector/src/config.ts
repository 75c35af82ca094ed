import { readFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { KEY_PATTERN, NAME_PATTERN, toProblems, formatProblems, type Problem } from '@lifeboat/schema';

const posInt = () => z.int().check(z.gte(1));
const nonNeg = () => z.number().check(z.gte(0));

const AppSchema = z.strictObject({
  /** App name: the `app` field of the beacons this key may send. */
  app: z.string().check(z.regex(NAME_PATTERN)),
  /** Public write key, safe to ship in pages: it can only write beacons and reports. */
  publicKey: z.string().check(z.regex(KEY_PATTERN)),
  /** Allowed page origins (`https://shop.example`), or `["*"]` for any. */
  origins: z._default(z.array(z.string().check(z.minLength(1))), []),
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
});

const RetentionSchema = z.strictObject({
  rawDays: z._default(nonNeg(), 7),
  rollupDays: z._default(nonNeg(), 90),
  /** How often the retention job runs. */
  everyMs: z._default(posInt(), 3_600_000),
});

/** Sections read by the fleet plugin: validated loosely here so it can grow them. */
const IncidentsSchema = z.looseObject({
  enabled: z._default(z.boolean(), true),
  windowMinutes: z._default(posInt(), 2),
  failureShare: z._default(nonNeg(), 0.5),
  openShare: z._default(nonNeg(), 0.3),
  minCalls: z._default(nonNeg(), 50),
  minShops: z._default(nonNeg(), 3),
  resolveShare: z._default(nonNeg(), 0.2),
  autoOpen: z._default(z.boolean(), false),
  evaluateEveryMs: z._default(posInt(), 10_000),
});

const AlertsSchema = z.looseObject({
  webhooks: z._default(
    z.array(z.looseObject({ url: z.string().check(z.regex(/^https?:\/\//)), format: z._default(z.enum(['json', 'slack']), 'json') })),
    [],
  ),
});

const StatusSchema = z.looseObject({
  maxAgeSeconds: z._default(nonNeg(), 30),
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
  journal: z.prefault(z.strictObject({ dir: z.optional(z.nullable(z.string())) }), {}),
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
