// The dashboard's server side: sign-in sessions (cookie attributes, roles, CSRF, sign-out) and
// the read endpoints it draws from (browsers with the breaker open, rollout, marks, alerts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { ADMIN, PK, READ, baseConfig } from './fleet-support.js';

const calls = (guard: string, o: { success?: number; failure?: number; reject?: number } = {}) => ({
  type: 'calls', age: 0, guard, success: o.success ?? 1, failure: o.failure ?? 0, timeout: 0, reject: o.reject ?? 0, fallback: (o.failure ?? 0) + (o.reject ?? 0), latency: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
});
let n = 0;
const batch = (shop: string, events: unknown[], statusAt?: number) => ({
  v: 1, id: `dashtest${String(++n).padStart(8, '0')}`, sentAt: Date.now(), app: 'smartcart', shop, page: 'cart', sdk: '1.0.0', events, ...(statusAt === undefined ? {} : { statusAt }),
});

describe('dashboard API', () => {
  let c: RunningCollector;
  const url = (p: string) => `${c.url}${p}`;
  const signIn = async (token: string, name?: string) => {
    const r = await fetch(url('/dashboard/session'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, ...(name ? { name } : {}) }) });
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
    return { r, cookie, body: (await r.json()) as { role: string; csrf: string; actor: string } };
  };
  const send = async (b: unknown) => fetch(url(`/v1/beacons?key=${PK}`), { method: 'POST', body: JSON.stringify(b) });

  beforeAll(async () => {
    c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: baseConfig({ flushIntervalMs: 3_600_000 }) });
  });
  afterAll(() => c?.close());

  it('signs in with a token in the body: an HttpOnly, SameSite=Strict cookie and the role', async () => {
    const bad = await signIn('not-a-token');
    expect(bad.r.status).toBe(401);
    expect(bad.body).toMatchObject({ field: 'body.token' });
    expect(bad.r.headers.get('set-cookie')).toBeNull();
    expect((await signIn(PK)).r.status).toBe(401); // public keys cannot sign in
    expect(await (await fetch(url('/metrics'))).text()).toMatch(/lifeboat_auth_failures_total\{reason="unknown_token"\} 2/);

    const { r, cookie, body } = await signIn(READ);
    expect(r.status).toBe(200);
    const set = r.headers.get('set-cookie')!;
    expect(set).toMatch(/^lifeboat_session=/);
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Strict/i);
    expect(set).toMatch(/Path=\//);
    expect(set).not.toContain(READ);
    expect(body.role).toBe('read');
    const who = await (await fetch(url('/dashboard/session'), { headers: { cookie } })).json();
    expect(who).toMatchObject({ role: 'read', csrf: body.csrf });
    expect(await (await fetch(url('/dashboard/session'))).json()).toEqual({ role: null, now: expect.any(Number) });
    expect((await fetch(url('/v1/apps'), { headers: { cookie } })).status).toBe(200);
    expect((await fetch(url('/v1/apps'), { headers: { cookie: `${cookie}x` } })).status).toBe(401);
  });

  it('a read session cannot change modes; an admin session can, with its CSRF token, from the same origin', async () => {
    const read = await signIn(READ);
    const put = (cookie: string, headers: Record<string, string> = {}) =>
      fetch(url('/v1/admin/apps/smartcart/guards/cart/mode'), { method: 'PUT', headers: { cookie, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ mode: 'open', reason: 'drill' }) });
    const refused = await put(read.cookie, { 'x-lifeboat-csrf': read.body.csrf });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toMatch(/admin session/);
    expect((await fetch(url('/v1/admin/audit'), { headers: { cookie: read.cookie } })).status).toBe(403);

    const admin = await signIn(ADMIN, 'Ana Ops');
    expect(admin.body.role).toBe('admin');
    expect((await put(admin.cookie)).status).toBe(403); // no CSRF token
    expect((await put(admin.cookie, { 'x-lifeboat-csrf': read.body.csrf })).status).toBe(403); // another session's
    expect((await put(admin.cookie, { 'x-lifeboat-csrf': admin.body.csrf, origin: 'https://evil.example' })).status).toBe(403);
    const ok = await put(admin.cookie, { 'x-lifeboat-csrf': admin.body.csrf, origin: c.url });
    expect(ok.status).toBe(200);
    const audit = await (await fetch(url('/v1/admin/audit?app=smartcart'), { headers: { cookie: admin.cookie } })).json();
    expect(audit.entries[0].actor).toMatch(/^Ana Ops \(dashboard admin token:[0-9a-f]{12}\)$/);
  });

  it('signs out: the cookie is cleared and stops working', async () => {
    const s = await signIn(READ);
    expect((await fetch(url('/dashboard/session'), { method: 'DELETE', headers: { cookie: s.cookie } })).status).toBe(403);
    const out = await fetch(url('/dashboard/session'), { method: 'DELETE', headers: { cookie: s.cookie, 'x-lifeboat-csrf': s.body.csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/lifeboat_session=;.*Expires=Thu, 01 Jan 1970/i);
    expect((await fetch(url('/v1/apps'), { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('counts browsers with the breaker open and the rollout of a status change', async () => {
    const change = Date.now() - 1000;
    expect((await send(batch('a.myshopify.com', [calls('recs')], change - 60_000))).status).toBe(202);
    expect((await send(batch('a.myshopify.com', [calls('recs', { reject: 2 })], change))).status).toBe(202);
    expect((await send(batch('b.myshopify.com', [calls('recs', { failure: 1 })], change + 5))).status).toBe(202);
    expect((await send(batch('c.myshopify.com', [calls('recs')]))).status).toBe(202);
    await c.ctx.aggregator.flush();
    const auth = { headers: { authorization: `Bearer ${READ}` } };
    const b = await (await fetch(url('/v1/apps/smartcart/browsers?guard=recs'), auth)).json();
    expect(b.series).toHaveLength(1);
    expect(b.series[0].total).toMatchObject({ batches: 4, open: 1, shops: 3, affectedShops: 1, calls: 7, success: 4, failure: 1, reject: 2 });
    const r = await (await fetch(url(`/v1/apps/smartcart/rollout?since=${change}`), auth)).json();
    const sum = (k: 'batches' | 'obeying') => r.points.reduce((a: number, p: Record<string, number>) => a + p[k], 0);
    expect(sum('batches')).toBeGreaterThanOrEqual(4);
    expect(sum('obeying')).toBe(2);
    expect(r.expected.ms).toBeGreaterThan(0);
    expect((await fetch(url('/v1/apps/smartcart/rollout?since=abc'), auth)).status).toBe(400);
  });

  it('marks mode changes (and incidents) for the charts', async () => {
    const auth = { headers: { authorization: `Bearer ${READ}` } };
    const m = await (await fetch(url(`/v1/apps/smartcart/marks?from=${Date.now() - 3_600_000}&to=${Date.now() + 1000}`), auth)).json();
    expect(m.changes.some((x: { guard: string; mode: string; action: string }) => x.guard === 'cart' && x.mode === 'open' && x.action === 'set-mode')).toBe(true);
    expect(Array.isArray(m.incidents)).toBe(true);
    expect((await fetch(url('/v1/apps/smartcart/incidents/inc_0000000000000000/alerts'), auth)).status).toBe(404);
  });
});
