import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Aggregator } from '../aggregate/aggregator.js';
import type { ResolvedCollectorConfig } from '../collectorConfig.js';
import type { IngestMetrics } from '../metrics.js';
import { BodyError, readBody } from './body.js';
import type { ClientIds } from './clients.js';
import type { DedupeSet } from './dedupe.js';
import type { SharedDedupe } from './sharedDedupe.js';
import { validateBatch } from './fastValidate.js';
import type { Journal } from './journal.js';
import { TokenBuckets } from './rateLimit.js';
import { parseReports } from './reports.js';

type App = ResolvedCollectorConfig['apps'][number];

export interface IngestDeps {
  config: ResolvedCollectorConfig;
  aggregator: Aggregator;
  metrics: IngestMetrics;
  dedupe: DedupeSet;
  journal: Journal | null;
  now: () => number;
  /** Salted client hashes for incident evidence. */
  clients?: ClientIds;
  /** The cross-instance dedupe window (PostgreSQL). */
  shared?: SharedDedupe | null;
  /** Called when the shared dedupe cannot be reached (ingest goes on with the local one). */
  onSharedError?: (err: unknown) => void;
}

interface Keyed {
  app: App;
  origins: Set<string> | null; // null: any origin
}

const BEACON_TYPES = new Set(['text/plain', 'application/json']);
const REPORT_TYPES = new Set(['application/reports+json', 'application/json']);

declare module 'fastify' {
  interface FastifyRequest {
    lifeboatApp?: App;
  }
}

const mediaType = (req: FastifyRequest) => (req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();

/**
 * `POST /v1/beacons` and `POST /v1/reports`, with their CORS preflights. Key, origin and rate
 * limits are checked in `onRequest`, before a byte of the body is read; the body is read by our
 * own parser (both size caps, gzip); the handler validates, de-duplicates, journals, aggregates in
 * memory and answers 202 without waiting for the database.
 */
export async function ingestRoutes(app: FastifyInstance, deps: IngestDeps): Promise<void> {
  const { config, aggregator, metrics, dedupe, journal, now, clients, shared } = deps;
  const keys = new Map<string, Keyed>();
  for (const a of config.apps) keys.set(a.publicKey, { app: a, origins: a.origins.includes('*') ? null : new Set(a.origins) });
  const perKey = new TokenBuckets(config.ingest.perKeyPerSecond / 1000, config.ingest.perKeyPerSecond);
  const perClient = new TokenBuckets(config.ingest.perClientPerMinute / 60_000, config.ingest.perClientPerMinute);
  const sweep = setInterval(() => {
    perKey.sweep(now());
    perClient.sweep(now());
  }, 60_000);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  const limits = { maxBodyBytes: config.ingest.maxBodyBytes, maxInflatedBytes: config.ingest.maxInflatedBytes };

  const refuse = (reply: FastifyReply, status: number, reason: string, message: string, extra: Record<string, unknown> = {}) => {
    metrics.rejected.inc({ reason });
    return reply.code(status).type('application/json; charset=utf-8').send({ error: reason, message, ...extra });
  };

  /** Key and origin: shared by the preflight and the POST. Returns false once it has replied. */
  const admit = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const key = (req.query as Record<string, string | undefined>).key;
    if (!key) {
      refuse(reply, 401, 'missing_key', 'add your app\'s public key as ?key=… to the URL');
      return false;
    }
    const k = keys.get(key);
    if (!k) {
      refuse(reply, 401, 'unknown_key', 'this public key is not configured on the collector (config.apps[].publicKey)');
      return false;
    }
    const origin = req.headers.origin;
    // Browsers send Origin on every sendBeacon and fetch POST (and on preflights). An app that
    // lists its origins gets only requests that name one: a missing Origin is a non-browser
    // sender. (A script can still forge the header; the incident evidence rules handle that.)
    if (origin === undefined && k.origins) {
      refuse(reply, 403, 'origin_required', `app "${k.app.app}" accepts beacons only from its listed origins (config.apps[].origins): send an Origin header`);
      return false;
    }
    if (origin !== undefined) {
      if (k.origins && !k.origins.has(origin)) {
        refuse(reply, 403, 'origin_not_allowed', `origin ${origin} is not in the allow-list of app "${k.app.app}" (config.apps[].origins)`);
        return false;
      }
      reply.header('access-control-allow-origin', k.origins ? origin : '*');
      // The SDK backs off by Retry-After, which a cross-origin fetch can only read if exposed.
      reply.header('access-control-expose-headers', 'Retry-After, X-Lifeboat-Duplicate');
      if (k.origins) reply.header('vary', 'Origin');
    }
    req.lifeboatApp = k.app;
    return true;
  };

  const gate = async (req: FastifyRequest, reply: FastifyReply, types: Set<string>) => {
    if (!admit(req, reply)) return reply;
    const t = now();
    // Client first: a client over its own limit must not also drain the key's shared budget.
    const clientWait = perClient.take(req.ip, t);
    const wait = clientWait > 0 ? clientWait : perKey.take(req.lifeboatApp!.publicKey, t);
    if (wait > 0) {
      reply.header('retry-after', String(Math.max(1, Math.ceil(wait / 1000))));
      return refuse(reply, 429, 'rate_limited', 'too many requests: wait for Retry-After seconds');
    }
    const declared = Number(req.headers['content-length']);
    if (declared > limits.maxBodyBytes) return refuse(reply, 413, 'too_large', `body is ${declared} bytes; the limit is ${limits.maxBodyBytes}`);
    if (!types.has(mediaType(req))) {
      return refuse(reply, 415, 'unsupported_media_type', `Content-Type must be one of ${[...types].join(', ')}`);
    }
    return undefined;
  };

  const preflight = (req: FastifyRequest, reply: FastifyReply) => {
    if (!admit(req, reply)) return reply;
    return reply
      .code(204)
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header('access-control-allow-headers', 'Content-Type, Content-Encoding')
      .header('access-control-max-age', '86400')
      .send();
  };

  // Our parser replaces fastify's in this encapsulated context only: raw bytes, both caps.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (req, _payload, done) => {
    readBody(req.raw, limits).then(
      (buf) => done(null, buf),
      (e: unknown) => done(e as Error, undefined),
    );
  });

  app.setErrorHandler((err: unknown, _req, reply) => {
    if (err instanceof BodyError) return refuse(reply, err.statusCode, err.reason, err.message);
    const e = err as { statusCode?: number; message?: string };
    if (e.statusCode && e.statusCode < 500) return refuse(reply, e.statusCode, 'bad_request', e.message ?? 'bad request');
    reply.log.error({ err }, 'ingest failed');
    return refuse(reply, 500, 'internal', 'the collector failed to handle this request');
  });

  const parseJson = (body: unknown): { ok: true; value: unknown; text: string } | { ok: false; message: string } => {
    if (!Buffer.isBuffer(body) || body.length === 0) return { ok: false, message: 'the body is empty: send a JSON document' };
    const text = body.toString('utf8');
    try {
      return { ok: true, value: JSON.parse(text), text };
    } catch (e) {
      return { ok: false, message: `the body is not valid JSON: ${(e as Error).message}` };
    }
  };

  app.options('/v1/beacons', preflight);
  app.post('/v1/beacons', {
    onRequest: async (req, reply) => {
      metrics.received.inc();
      return gate(req, reply, BEACON_TYPES);
    },
    handler: async (req, reply) => {
      const receivedAt = now();
      const json = parseJson(req.body);
      if (!json.ok) return refuse(reply, 400, 'bad_json', json.message);
      const r = validateBatch(json.value);
      if (!r.ok) return refuse(reply, 400, 'invalid', 'the batch does not match the beacon schema (v1)', { problems: r.problems });
      const batch = r.value;
      const owner = req.lifeboatApp!;
      if (batch.app !== owner.app) {
        return refuse(reply, 403, 'app_mismatch', `this key belongs to app "${owner.app}", the batch says app "${batch.app}"`, {
          problems: [{ path: 'app', message: `must be "${owner.app}" for this key` }],
        });
      }
      const dedupeKey = `${batch.app}\u0000${batch.id}`;
      // Claimed before the journal write, so a copy arriving meanwhile is a duplicate.
      if (!dedupe.add(dedupeKey, receivedAt)) {
        metrics.duplicate.inc();
        return reply.code(202).header('x-lifeboat-duplicate', '1').send();
      }
      const client = clients ? clients.id(req.ip) : '';
      let segment: number | undefined;
      if (journal) {
        try {
          segment = await journal.append('b', receivedAt, batch.app, batch.id, json.text, client);
        } catch (e) {
          dedupe.delete(dedupeKey);
          reply.log.error({ err: e }, 'journal append failed');
          return refuse(reply, 503, 'journal_unavailable', 'the collector cannot store beacons right now: retry later');
        }
      }
      if (!shared) {
        aggregator.addBatch(batch, receivedAt, client);
        return reply.code(202).send();
      }
      // Journaled first, claimed second: a crash in between replays it, and the replay's claim
      // recognises this process's own rows.
      if (segment !== undefined) shared.track(segment);
      let mine = true;
      try {
        mine = await shared.claim(batch.app, batch.id, receivedAt);
      } catch (e) {
        // The database is unreachable: keep accepting (journaled); only this instance dedupes.
        deps.onSharedError?.(e);
      }
      if (mine) aggregator.addJournaled(segment, () => aggregator.addBatch(batch, receivedAt, client));
      if (segment !== undefined) shared.done(segment);
      if (!mine) {
        metrics.duplicate.inc();
        return reply.code(202).header('x-lifeboat-duplicate', '1').send();
      }
      return reply.code(202).send();
    },
  });

  app.options('/v1/reports', preflight);
  app.post('/v1/reports', {
    onRequest: async (req, reply) => {
      metrics.reportsReceived.inc();
      return gate(req, reply, REPORT_TYPES);
    },
    handler: async (req, reply) => {
      const receivedAt = now();
      const json = parseJson(req.body);
      if (!json.ok) return refuse(reply, 400, 'bad_json', json.message);
      const owner = req.lifeboatApp!;
      const r = parseReports(json.value, owner.app, receivedAt, config.ingest.maxEventAgeMs);
      if (!r.ok) return refuse(reply, 400, 'invalid', 'expected a Reporting API array of {age, type, url, user_agent, body}', { problems: r.problems });
      if (journal) {
        try {
          await journal.append('r', receivedAt, owner.app, '-', JSON.stringify(r.rows));
        } catch (e) {
          reply.log.error({ err: e }, 'journal append failed');
          return refuse(reply, 503, 'journal_unavailable', 'the collector cannot store reports right now: retry later');
        }
      }
      aggregator.addReports(r.rows);
      return reply.code(202).send();
    },
  });
}
