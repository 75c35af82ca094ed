import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/types.js';
import { buildStatusDocument, type Recovery } from '../status/document.js';
import { modesOf } from '../status/modes.js';
import type { FleetSettings } from '../settings.js';

/** Strong ETag of a body: a CDN and the SDK revalidate with If-None-Match and get 304s. */
export const etagOf = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/** True when If-None-Match lists the tag (or `*`); weak and strong forms compare alike (RFC 9110 weak comparison). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const x = t.trim();
    return x === '*' || x.replace(/^W\//, '') === bare;
  });
}

/**
 * The status document's caching: fresh for `max-age`, then a CDN may serve it one more `max-age`
 * while it revalidates in the background (a busy edge never makes a browser wait for the origin,
 * and a kill switch is at most two `max-age`s old at a quiet one), and for a day while the origin
 * is down (the fleet keeps the last word it had rather than none).
 */
export function cacheControl(maxAgeSeconds: number): string {
  const s = Math.max(0, Math.floor(maxAgeSeconds));
  return `public, max-age=${s}, stale-while-revalidate=${s}, stale-if-error=86400`;
}

/**
 * `GET /v1/status/:key.json` — public (the key is the app's public write key), cacheable,
 * readable from any origin. Tells every SDK what the fleet says about each guard.
 */
export function statusRoutes(app: FastifyInstance, o: { db: Db; now(): number; settings: FleetSettings; recovery: Recovery }): StatusCache {
  const byKey = new Map(o.settings.apps.map((a) => [a.publicKey, a.app]));
  const cache = cacheControl(o.settings.status.maxAgeSeconds);
  // A public, unauthenticated URL that every browser polls: one database read per app per
  // second at most, whatever the request rate. Changes made in this process drop it at once.
  const docs = new Map<string, { at: number; body: string; etag: string }>();
  const render = async (appName: string) => {
    const now = o.now();
    const hit = docs.get(appName);
    if (hit && now >= hit.at && now - hit.at < 1000) return hit;
    const body = JSON.stringify(buildStatusDocument(await modesOf(o.db, appName), now, o.recovery));
    const fresh = { at: now, body, etag: etagOf(body) };
    docs.set(appName, fresh);
    return fresh;
  };

  app.options('/v1/status/:key.json', async (_req, reply) => {
    reply
      .code(204)
      .header('access-control-allow-origin', '*')
      .header('access-control-allow-methods', 'GET, HEAD, OPTIONS')
      .header('access-control-allow-headers', 'If-None-Match, Cache-Control')
      .header('access-control-max-age', '86400')
      .send();
  });

  app.get<{ Params: { key: string } }>('/v1/status/:key.json', async (req, reply) => {
    reply.header('access-control-allow-origin', '*').header('access-control-expose-headers', 'ETag');
    const appName = byKey.get(req.params.key);
    if (!appName) {
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .send({ error: 'not_found', message: 'unknown public key: use the publicKey of an app in the collector config' });
    }
    const { body, etag } = await render(appName);
    reply.header('etag', etag).header('cache-control', cache);
    if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(body);
  });
  return { invalidate: () => docs.clear() };
}

export interface StatusCache {
  /** Drops the rendered documents (after a mode change in this process). */
  invalidate(): void;
}
