import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export type Role = 'read' | 'admin';

/** Why a request was refused: the label of `lifeboat_auth_failures_total`. */
export type AuthFailure = 'missing_token' | 'unknown_token' | 'public_key' | 'needs_admin' | 'bad_csrf';

/** A dashboard session a request carries (dashboard/session.ts): its role, who, and whether it may change things (CSRF token, same origin). */
export interface SessionCheck {
  role: Role;
  actor: string;
  mayChange: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made an authorised request, for the audit trail (a token fingerprint, never the token). */
    lifeboatActor?: string;
  }
}

/** What the authorizer needs of the config. */
export interface AuthSettings {
  apps: { publicKey: string }[];
  tokens: { read: string[]; admin: string[] };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Whether `token` is one of `digests`, in time that depends on neither the token nor on which
 * entry matches: fixed-length digests compared with timingSafeEqual, every entry visited.
 */
function among(digests: Buffer[], token: Buffer): boolean {
  let found = false;
  for (const d of digests) found = timingSafeEqual(d, token) || found;
  return found;
}

/** Stable, non-reversible name of a token for logs and the audit trail. */
export const fingerprint = (token: string) => `token:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;

export type Authorizer = (role: Role) => (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/**
 * preHandler hooks for secret-token routes (the admin and query APIs, the dashboard's data,
 * `/metrics` when it asks for a token): the one place tokens are checked. Public keys can only
 * write: one given as `?key=` or as a bearer token is refused with 403, so a key shipped in pages
 * can never read fleet data. Every refusal is reported to `onFailure` (counted and logged).
 */
export function authorizer(
  s: AuthSettings,
  onFailure: (reason: AuthFailure, req: FastifyRequest) => void = () => undefined,
  session?: (req: FastifyRequest) => SessionCheck | null,
): Authorizer {
  const publicKeys = s.apps.map((a) => digest(a.publicKey));
  const admins = s.tokens.admin.map(digest);
  const readers = s.tokens.read.map(digest);
  return (role: Role) =>
    async function auth(req: FastifyRequest, reply: FastifyReply) {
      const q = req.query as Record<string, unknown> | undefined;
      const header = req.headers.authorization ?? '';
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const token = m?.[1];
      // Without an Authorization header, a dashboard session cookie may stand in for a token.
      const c = !header && session && !(q && typeof q.key === 'string') ? session(req) : null;
      if (c) {
        if (role === 'admin' && c.role !== 'admin') {
          onFailure('needs_admin', req);
          return reply.code(403).send({ error: 'forbidden', message: 'this needs an admin session: sign out and sign in with an admin token' });
        }
        if (!c.mayChange && req.method !== 'GET' && req.method !== 'HEAD') {
          onFailure('bad_csrf', req);
          return reply.code(403).send({ error: 'forbidden', message: 'changes from a dashboard session need its CSRF token in x-lifeboat-csrf, from the dashboard page (reload it)' });
        }
        req.lifeboatActor = c.actor;
        return undefined;
      }
      const hashed = token === undefined ? undefined : digest(token);
      if ((q && typeof q.key === 'string') || (hashed && among(publicKeys, hashed))) {
        onFailure('public_key', req);
        return reply.code(403).send({
          error: 'forbidden',
          message: 'public keys can only write beacons and reports; send a read or admin token as "Authorization: Bearer <token>"',
        });
      }
      if (!hashed) {
        onFailure('missing_token', req);
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="lifeboat"')
          .send({ error: 'unauthorized', message: `missing token: send "Authorization: Bearer <${role} token>"` });
      }
      const isAdmin = among(admins, hashed);
      const isRead = among(readers, hashed);
      if (!isAdmin && !isRead) {
        onFailure('unknown_token', req);
        return reply.code(401).header('www-authenticate', 'Bearer realm="lifeboat", error="invalid_token"').send({ error: 'unauthorized', message: 'unknown token' });
      }
      if (role === 'admin' && !isAdmin) {
        onFailure('needs_admin', req);
        return reply.code(403).send({ error: 'forbidden', message: 'this endpoint needs an admin token; read tokens can only read' });
      }
      const who = req.headers['x-lifeboat-actor'];
      const name = typeof who === 'string' && /^[\w .@+-]{1,64}$/.test(who) ? `${who} ` : '';
      req.lifeboatActor = `${name}(${isAdmin ? 'admin' : 'read'} ${fingerprint(token!)})`;
      return undefined;
    };
}

/**
 * An `onFailure` that counts every refusal and logs them without flooding the log under a
 * guessing attack: one line per reason per 10 s, with how many were folded into it.
 */
export function reportFailures(
  count: (reason: AuthFailure) => void,
  log: { warn(obj: object, msg: string): void },
  now: () => number = Date.now,
): (reason: AuthFailure, req: FastifyRequest) => void {
  const last = new Map<AuthFailure, { at: number; folded: number }>();
  return (reason, req) => {
    count(reason);
    const t = now();
    const l = last.get(reason);
    if (l && t - l.at < 10_000) {
      l.folded++;
      return;
    }
    last.set(reason, { at: t, folded: 0 });
    log.warn({ reason, ip: req.ip, method: req.method, route: req.routeOptions?.url ?? req.url.split('?', 1)[0], alsoSince: l?.folded ?? 0 }, 'authentication failed');
  };
}
