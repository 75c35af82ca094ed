import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FleetSettings } from '../settings.js';

export type Role = 'read' | 'admin';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made an authorised request, for the audit trail (a token fingerprint, never the token). */
    lifeboatActor?: string;
  }
}

const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Stable, non-reversible name of a token for logs and the audit trail. */
export const fingerprint = (token: string) => `token:${createHash('sha256').update(token).digest('hex').slice(0, 12)}`;

/**
 * preHandler hooks for secret-token routes. Public keys can only write: one given as `?key=` or
 * as a bearer token is refused with 403, so a key shipped in pages can never read fleet data.
 */
export function authorizer(s: FleetSettings) {
  const publicKeys = s.apps.map((a) => a.publicKey);
  return (role: Role) =>
    async function auth(req: FastifyRequest, reply: FastifyReply) {
      const q = req.query as Record<string, unknown> | undefined;
      const header = req.headers.authorization ?? '';
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      const token = m?.[1];
      if ((q && typeof q.key === 'string') || (token && publicKeys.some((k) => same(k, token)))) {
        return reply.code(403).send({
          error: 'forbidden',
          message: 'public keys can only write beacons and reports; send a read or admin token as "Authorization: Bearer <token>"',
        });
      }
      if (!token) {
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer realm="lifeboat"')
          .send({ error: 'unauthorized', message: `missing token: send "Authorization: Bearer <${role} token>"` });
      }
      const isAdmin = s.tokens.admin.some((t) => same(t, token));
      const isRead = s.tokens.read.some((t) => same(t, token));
      if (!isAdmin && !isRead) {
        return reply.code(401).header('www-authenticate', 'Bearer realm="lifeboat", error="invalid_token"').send({ error: 'unauthorized', message: 'unknown token' });
      }
      if (role === 'admin' && !isAdmin) {
        return reply.code(403).send({ error: 'forbidden', message: 'this endpoint needs an admin token; read tokens can only read' });
      }
      const who = req.headers['x-lifeboat-actor'];
      const name = typeof who === 'string' && /^[\w .@+-]{1,64}$/.test(who) ? `${who} ` : '';
      req.lifeboatActor = `${name}(${isAdmin ? 'admin' : 'read'} ${fingerprint(token)})`;
    };
}
