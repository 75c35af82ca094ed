import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseStatusDocument } from '@lifeboat/schema';
import { fleetOf } from '../src/fleet/plugin.js';
import { ADMIN, baseConfig, fleetApp, makeCtx, PK, READ, rollup, traffic, transition, type TestCtx } from './fleet-support.js';
import { dialects } from './fleet-support.js';

const DIALECTS = await dialects('fleet_http');

let ctx: TestCtx;
let app: FastifyInstance;
let dbUrl: () => Promise<string> = async () => ':memory:';

async function boot(incidents: Record<string, unknown> = {}) {
  ctx = await makeCtx({ url: await dbUrl(), config: baseConfig({ incidents: { ...baseConfig().incidents, ...incidents } }) });
  app = await fleetApp(ctx);
}
beforeEach(() => boot());
afterEach(async () => {
  await app.close();
  await ctx.closeAll();
});

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const putMode = (guard: string, body: unknown, token = ADMIN) =>
  app.inject({ method: 'PUT', url: `/v1/admin/apps/smartcart/guards/${guard}/mode`, headers: { ...bearer(token), 'x-lifeboat-actor': 'alice' }, payload: body as object });
const status = (headers: Record<string, string> = {}) => app.inject({ url: `/v1/status/${PK}.json`, headers });

describe.each(DIALECTS)('fleet HTTP ($name)', ({ url }) => {
  beforeAll(() => {
    dbUrl = url;
  });

  describe('status document', () => {
    it('is public, valid, cacheable, readable from any origin; unknown keys get a JSON 404', async () => {
      const r = await status();
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.headers['cache-control']).toBe('public, max-age=5, stale-while-revalidate=5, stale-if-error=86400');
      expect(r.headers['access-control-allow-origin']).toBe('*');
      expect(r.headers.etag).toMatch(/^"[\w-]+"$/);
      expect(parseStatusDocument(r.json())).toEqual({ ok: true, value: { v: 1, generatedAt: 0, guards: {} } });
      const missing = await app.inject({ url: '/v1/status/pk_nobody_here.json' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ error: 'not_found' });
      const pre = await app.inject({ method: 'OPTIONS', url: `/v1/status/${PK}.json`, headers: { origin: 'https://shop.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' } });
      expect(pre.statusCode).toBe(204);
      expect(pre.headers['access-control-allow-headers']).toMatch(/If-None-Match/i);
    });

    it('answers 304 to a matching If-None-Match, and a new ETag after a change', async () => {
      const first = await status();
      const etag = String(first.headers.etag);
      const again = await status({ 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect((await status({ 'if-none-match': `W/${etag}, "other"` })).statusCode).toBe(304);

      ctx.clock.t += 1000;
      expect((await putMode('cart', { mode: 'open', reason: 'vendor outage', banner: 'Basic cart for now' })).statusCode).toBe(200);
      const changed = await status({ 'if-none-match': etag });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(changed.json()).toEqual({ v: 1, generatedAt: ctx.clock.t, guards: { cart: { mode: 'open', reason: 'vendor outage', banner: 'Basic cart for now' } } });
    });

    it('kill switch: open, closed, auto; every change in the audit trail with who, when, before and after', async () => {
      const open = await putMode('cart', { mode: 'open', reason: 'db overload' });
      expect(open.statusCode).toBe(200);
      expect(open.json()).toMatchObject({ guard: 'cart', before: null, after: { mode: 'open' }, status: { mode: 'open', reason: 'db overload' } });
      expect((await status()).json().guards.cart.mode).toBe('open');

      ctx.clock.t += 1000;
      await putMode('cart', { mode: 'closed' });
      expect((await status()).json().guards.cart).toEqual({ mode: 'closed' });
      ctx.clock.t += 1000;
      await putMode('cart', { mode: 'auto' });
      expect((await status()).json().guards).toEqual({});

      const audit = await app.inject({ url: '/v1/admin/audit?app=smartcart', headers: bearer(ADMIN) });
      expect(audit.statusCode).toBe(200);
      const entries = audit.json().entries;
      expect(entries.map((e: { after: { mode: string } }) => e.after.mode)).toEqual(['auto', 'closed', 'open']);
      expect(entries[0]).toMatchObject({ at: ctx.clock.t, action: 'set-mode', guard: 'cart', before: { mode: 'closed' } });
      expect(entries[0].actor).toMatch(/^alice \(admin token:[0-9a-f]{12}\)$/);
      expect(JSON.stringify(entries)).not.toContain(ADMIN);
    });

    it('validates the kill switch body and names the field', async () => {
      const bad = await putMode('cart', { mode: 'opne' });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().problems[0].path).toBe('body.mode');
      expect(bad.json().message).toMatch(/body\.mode: must be one of "auto", "open", "closed"/);
      const probe = await putMode('cart', { mode: 'auto', probe: 2 });
      expect(probe.json().message).toMatch(/body\.probe: must be at most 1/);
      expect((await putMode('cart', { mode: 'open', colour: 'red' })).json().message).toMatch(/colour/);
      expect((await putMode('bad guard!', { mode: 'open' })).statusCode).toBe(400);
      const unknownApp = await app.inject({ method: 'PUT', url: '/v1/admin/apps/nope/guards/cart/mode', headers: bearer(ADMIN), payload: { mode: 'open' } });
      expect(unknownApp.statusCode).toBe(404);
    });

    it('auto-open from a detected incident, then the coordinated recovery ramp', async () => {
      await app.close();
      await ctx.closeAll();
      await boot({ autoOpen: true, autoOpenMaxShare: 1, recoveryStepMs: 60_000 });
      await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
      const [inc] = (await fleetOf(ctx)!.detector.tick()).opened;
      const doc = (await status()).json();
      expect(doc.guards.cart).toMatchObject({ mode: 'open', incident: inc.id });
      expect(doc.guards.cart.banner).toBeTruthy();

      // The guard is open everywhere, so traffic stops: calm starts, and a full window later it resolves.
      ctx.clock.t += 3 * 60_000;
      await fleetOf(ctx)!.detector.tick();
      ctx.clock.t += 2 * 60_000;
      expect((await fleetOf(ctx)!.detector.tick()).resolved.map((i) => i.id)).toEqual([inc.id]);
      const probes: number[] = [];
      for (let i = 0; i < 3; i++) {
        probes.push((await status()).json().guards.cart.probe);
        ctx.clock.t += 60_000;
      }
      expect(probes).toEqual([0.1, 0.5, 1]);
      expect((await status()).json().guards).toEqual({});
    });
  });

  describe('auth', () => {
    const reads = ['/v1/apps', '/v1/apps/smartcart/health', '/v1/apps/smartcart/shops', '/v1/apps/smartcart/incidents', '/v1/apps/smartcart/events', '/v1/apps/smartcart/modes', '/v1/admin/audit'];

    it('a public key can never read, in the query string or as a bearer token', async () => {
      for (const url of reads) {
        expect((await app.inject({ url: `${url}?key=${PK}` })).statusCode).toBe(403);
        expect((await app.inject({ url, headers: bearer(PK) })).statusCode).toBe(403);
        expect((await app.inject({ url: `${url}?key=${PK}`, headers: bearer(READ) })).statusCode).toBe(403);
      }
      expect((await app.inject({ method: 'PUT', url: '/v1/admin/apps/smartcart/guards/cart/mode', headers: bearer(PK), payload: { mode: 'open' } })).statusCode).toBe(403);
    });

    it('no token is 401, an unknown token 401, a read token reads but cannot write modes or read the audit', async () => {
      expect((await app.inject({ url: '/v1/apps' })).statusCode).toBe(401);
      expect((await app.inject({ url: '/v1/apps', headers: bearer('rt_not_a_real_token_x') })).statusCode).toBe(401);
      for (const url of reads.slice(0, -1)) expect((await app.inject({ url, headers: bearer(READ) })).statusCode, url).toBe(200);
      expect((await putMode('cart', { mode: 'open' }, READ)).statusCode).toBe(403);
      expect((await app.inject({ url: '/v1/admin/audit', headers: bearer(READ) })).statusCode).toBe(403);
      expect((await status()).json().guards).toEqual({});
      for (const url of reads) expect((await app.inject({ url, headers: bearer(ADMIN) })).statusCode, url).toBe(200);
    });
  });

  describe('query API', () => {
    it('health over time per guard and per shop, with latency percentiles', async () => {
      const t = ctx.clock.t;
      await rollup(ctx.db, { shop: 'a.myshopify.com', minute: t - 120_000, success: 90, failure: 10, latency: [0, 0, 0, 90, 0, 0, 0, 0, 0, 0] });
      await rollup(ctx.db, { shop: 'b.myshopify.com', minute: t - 120_000, success: 50, timeout: 50, latency: [0, 0, 0, 0, 0, 0, 50, 0, 0, 0] });
      await rollup(ctx.db, { shop: 'a.myshopify.com', minute: t - 60_000, success: 100 });
      const r = await app.inject({ url: `/v1/apps/smartcart/health?from=${t - 600_000}&to=${t + 1}&step=1`, headers: bearer(READ) });
      expect(r.statusCode).toBe(200);
      const [series] = r.json().series;
      expect(series.guard).toBe('cart');
      expect(series.points[0]).toMatchObject({ t: t - 120_000, calls: 200, success: 140, failure: 10, timeout: 50, failureShare: 0.3, p50: 217 });
      expect(series.points[0].p95).toBeGreaterThan(1000);
      expect(series.points[1]).toMatchObject({ calls: 100, failureShare: 0 });

      const one = await app.inject({ url: `/v1/apps/smartcart/health?from=${t - 600_000}&to=${t + 1}&step=10&shop=b.myshopify.com`, headers: bearer(READ) });
      expect(one.json().series[0].points).toHaveLength(1);
      expect(one.json().series[0].points[0]).toMatchObject({ calls: 100, failureShare: 0.5 });

      const shops = await app.inject({ url: `/v1/apps/smartcart/shops?from=${t - 600_000}&to=${t + 1}`, headers: bearer(READ) });
      expect(shops.json().shops.map((s: { shop: string }) => s.shop)).toEqual(['b.myshopify.com', 'a.myshopify.com']);
    });

    it('bad query parameters are 400 naming the field', async () => {
      const r = await app.inject({ url: '/v1/apps/smartcart/health?from=yesterday', headers: bearer(READ) });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ field: 'query.from' });
      expect((await app.inject({ url: '/v1/apps/smartcart/incidents?state=closed', headers: bearer(READ) })).json().message).toMatch(/query\.state/);
      expect((await app.inject({ url: '/v1/apps/nope/health', headers: bearer(READ) })).statusCode).toBe(404);
    });

    it('incidents with timelines, recent transitions, modes', async () => {
      await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
      await transition(ctx.db, ctx.clock.t - 5000, 'shop1.myshopify.com', 'open');
      const [inc] = (await fleetOf(ctx)!.detector.tick()).opened;
      const list = await app.inject({ url: '/v1/apps/smartcart/incidents?state=open', headers: bearer(READ) });
      expect(list.json().incidents).toHaveLength(1);
      expect(list.json().incidents[0].timeline[0]).toMatchObject({ kind: 'opened', shops: 5 });
      const one = await app.inject({ url: `/v1/apps/smartcart/incidents/${inc.id}`, headers: bearer(READ) });
      expect(one.json()).toMatchObject({ id: inc.id, state: 'open' });
      expect((await app.inject({ url: '/v1/apps/smartcart/incidents/inc_0000000000000000', headers: bearer(READ) })).statusCode).toBe(404);
      const ev = await app.inject({ url: '/v1/apps/smartcart/events?kind=transition', headers: bearer(READ) });
      expect(ev.json().events[0]).toMatchObject({ kind: 'transition', shop: 'shop1.myshopify.com', data: { to: 'open' } });
      const modes = await app.inject({ url: '/v1/apps/smartcart/modes', headers: bearer(READ) });
      expect(modes.json().status.guards.cart).toMatchObject({ mode: 'auto', incident: inc.id, probe: 0.1 });
      const apps = await app.inject({ url: '/v1/apps', headers: bearer(READ) });
      expect(apps.json().apps).toEqual([{ app: 'smartcart', guards: ['cart'], openIncidents: 1 }]);
    });
  });

  describe('dashboard', () => {
    it('serves the page, its script, styles and uPlot, with a CSP and no inline handlers', async () => {
      const page = await app.inject({ url: '/dashboard' });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(page.body).not.toMatch(/\son[a-z]+=/i);
      expect(page.body).not.toMatch(/<script>(?!<)/);
      for (const f of ['app.css', 'uplot.css']) {
        const r = await app.inject({ url: `/dashboard/${f}` });
        expect(r.statusCode, f).toBe(200);
        expect(r.body.length, f).toBeGreaterThan(500);
      }
      // The script is the root rollup build's output: served once built, otherwise a 503 naming the fix.
      const js = await app.inject({ url: '/dashboard/dashboard.js' });
      if (existsSync(new URL('../dist/dashboard/dashboard.js', import.meta.url))) {
        expect(js.statusCode).toBe(200);
        expect(js.body).toContain('u-over'); // uPlot is bundled
      } else {
        expect(js.statusCode).toBe(503);
        expect(js.body).toMatch(/npm run build/);
      }
    });
  });
});
