import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fingerprint, type AuthFailure, type Role, type SessionCheck } from '../fleet/http/auth.js';

/** The session cookie: HttpOnly, SameSite=Strict, Path=/ (the API the page reads lives beside it). */
export const SESSION_COOKIE = 'lifeboat_session';
/** Header that carries the session's CSRF token on every change. */
export const CSRF_HEADER = 'x-lifeboat-csrf';
/** A session lasts a working day; signing in again is one paste. */
export const SESSION_MS = 12 * 3_600_000;

interface Claims {
  /** Role. */
  r: Role;
  /** Fingerprint of the token signed in with: the session ends when that token leaves the config. */
  f: string;
  /** Expiry, epoch ms. */
  e: number;
  /** Nonce: names the session (sign-out, CSRF token). */
  n: string;
  /** Optional name the person gave at sign-in, for the audit trail. */
  w?: string;
}

export interface Session {
  role: Role;
  actor: string;
  expires: number;
  csrf: string;
}

/** A person's name in the audit trail, as the admin API's x-lifeboat-actor allows it. */
const NAME = /^[\w .@+-]{1,64}$/;
const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const same = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Dashboard sign-in: a read or admin token, posted once in a JSON body (never in a URL), is
 * exchanged for a signed session cookie. The cookie is stateless, so every collector process
 * with the same tokens accepts it: its key is derived from the configured tokens, and it names
 * the token's fingerprint, so removing a token from the config ends its sessions. Changes
 * (anything but GET/HEAD) made with the cookie must carry the session's CSRF token in
 * `x-lifeboat-csrf`, and a cross-origin `Origin` is refused; SameSite=Strict already keeps the
 * cookie off other sites' requests. Bearer tokens keep working as before for scripts: the authorizer looks at the cookie only
 * when a request has no Authorization header.
 */
export function dashboardSessions(
  s: { tokens: { read: string[]; admin: string[] } },
  now: () => number,
  /** Failed sign-ins, counted and logged with the authorizer's refusals. */
  onFailure: (reason: AuthFailure, req: FastifyRequest) => void = () => undefined,
) {
  const key = createHash('sha256')
    .update('lifeboat-dashboard-session\u0000')
    .update([...s.tokens.admin.map((t) => `a:${t}`), ...s.tokens.read.map((t) => `r:${t}`)].sort().join('\u0000'))
    .digest();
  const mac = (text: string) => b64(createHmac('sha256', key).update(text).digest());
  /** Signed-out sessions, until they would have expired anyway (this process only; the cookie is cleared too). */
  const ended = new Map<string, number>();

  const roleOf = (token: string): Role | null => {
    if (s.tokens.admin.some((t) => same(t, token))) return 'admin';
    if (s.tokens.read.some((t) => same(t, token))) return 'read';
    return null;
  };
  const stillConfigured = (c: Claims) => (c.r === 'admin' ? s.tokens.admin : s.tokens.read).some((t) => fingerprint(t) === c.f);

  const issue = (role: Role, token: string, name: string | undefined): { value: string; session: Session } => {
    const claims: Claims = { r: role, f: fingerprint(token), e: now() + SESSION_MS, n: randomBytes(12).toString('base64url'), ...(name ? { w: name } : {}) };
    const body = b64(JSON.stringify(claims));
    return { value: `${body}.${mac(body)}`, session: toSession(claims) };
  };
  const toSession = (c: Claims): Session => ({
    role: c.r,
    actor: `${typeof c.w === 'string' && NAME.test(c.w) ? `${c.w} ` : ''}(dashboard ${c.r} ${c.f})`,
    expires: c.e,
    csrf: mac(`csrf\u0000${c.n}`),
  });

  const read = (req: FastifyRequest): (Claims & { session: Session }) | null => {
    const raw = req.cookies?.[SESSION_COOKIE];
    if (!raw || raw.length > 512) return null;
    const dot = raw.indexOf('.');
    if (dot < 1 || !same(raw.slice(dot + 1), mac(raw.slice(0, dot)))) return null;
    let c: Claims;
    try {
      c = JSON.parse(Buffer.from(raw.slice(0, dot), 'base64url').toString('utf8')) as Claims;
    } catch {
      return null;
    }
    if ((c.r !== 'read' && c.r !== 'admin') || typeof c.e !== 'number' || c.e <= now() || ended.has(c.n) || !stillConfigured(c)) return null;
    return { ...c, session: toSession(c) };
  };

  /** A request from another origin (when the browser says so) never changes anything. */
  const crossOrigin = (req: FastifyRequest) => {
    const origin = req.headers.origin;
    if (!origin) return false;
    try {
      return new URL(origin).host !== req.headers.host;
    } catch {
      return true;
    }
  };

  const cookieOptions = (req: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure: req.protocol === 'https' });

  return {
    /** Registers the cookie parser on `app` and the session routes. */
    async routes(app: FastifyInstance) {
      await app.register(cookie);
      app.post('/dashboard/session', async (req, reply) => {
        if (crossOrigin(req)) return reply.code(403).send({ error: 'forbidden', message: 'sign in from the dashboard page itself' });
        const body = req.body as { token?: unknown; name?: unknown } | undefined;
        const name = typeof body?.name === 'string' ? body.name.trim() : '';
        if (name && !NAME.test(name)) return reply.code(400).send({ error: 'bad_request', field: 'body.name', message: 'body.name: up to 64 letters, digits, spaces and . @ + - _' });
        const token = typeof body?.token === 'string' ? body.token.trim() : '';
        if (!token) onFailure('missing_token', req);
        if (!token) return reply.code(400).send({ error: 'bad_request', field: 'body.token', message: 'body.token: paste a read or admin token from the collector config' });
        const role = token.length <= 512 ? roleOf(token) : null;
        if (!role) onFailure('unknown_token', req);
        if (!role) return reply.code(401).send({ error: 'unauthorized', field: 'body.token', message: 'unknown token: use a read or admin token from the collector config (public keys cannot sign in)' });
        const { value, session } = issue(role, token, name || undefined);
        reply.setCookie(SESSION_COOKIE, value, { ...cookieOptions(req), maxAge: SESSION_MS / 1000 });
        return reply.header('cache-control', 'no-store').send({ ...session, now: now() });
      });
      app.get('/dashboard/session', async (req, reply) => {
        const c = read(req);
        reply.header('cache-control', 'no-store');
        // 200 either way: a page that is not signed in yet is not an error (nor a console line).
        // `now`: the collector's clock, which the page's ranges follow (a laptop's clock may be off).
        return { ...(c ? c.session : { role: null }), now: now() };
      });
      app.delete('/dashboard/session', async (req, reply) => {
        const c = read(req);
        if (c) {
          if (crossOrigin(req) || !same(String(req.headers[CSRF_HEADER] ?? ''), c.session.csrf)) {
            return reply.code(403).send({ error: 'forbidden', message: `sign out from the dashboard page (missing or wrong ${CSRF_HEADER})` });
          }
          ended.set(c.n, c.e);
          for (const [n, e] of ended) if (e <= now()) ended.delete(n);
        }
        reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
        return reply.code(204).send();
      });
    },

    /**
     * The session a request carries, for the authorizer (fleet/http/auth.ts): its role, the actor
     * the audit trail records, and whether it may change things (the session's CSRF token in
     * `x-lifeboat-csrf`, and no cross-origin `Origin`).
     */
    check(req: FastifyRequest): SessionCheck | null {
      const c = read(req);
      if (!c) return null;
      return { role: c.r, actor: c.session.actor, mayChange: !crossOrigin(req) && same(String(req.headers[CSRF_HEADER] ?? ''), c.session.csrf) };
    },
  };
}

export type DashboardSessions = ReturnType<typeof dashboardSessions>;
