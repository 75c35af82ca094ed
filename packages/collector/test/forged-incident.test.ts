import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { fleetOf } from '../src/fleet/plugin.js';
import { APP, KEY, ORIGIN, batchId } from './support/beacons.js';
import { send } from './support/http.js';
import { PG_SKIP_REASON, pgSchema } from './support/pg.js';

const ADMIN = 'at_test_admin_token_0001';
const READ = 'rt_test_read_token_0001';

const failing = (shop: string, guards: string[]) => ({
  v: 1,
  id: batchId(),
  sentAt: Date.now(),
  app: APP,
  shop,
  page: 'cart',
  sdk: '0.1.0',
  events: guards.flatMap((guard) => [
    { type: 'calls', age: 10, guard, success: 0, failure: 50, timeout: 50, reject: 0, fallback: 100, latency: [0, 0, 0, 0, 0, 0, 0, 0, 0, 100] },
    { type: 'transition', age: 5, guard, from: 'closed', to: 'open', reason: 'failures' },
  ]),
});

const stores = [
  { name: 'sqlite', skip: null as string | null, db: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-forged-'));
    return { url: join(dir, 'c.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  } },
  { name: 'postgres', skip: PG_SKIP_REASON, db: () => pgSchema() },
];

for (const store of stores) {
  describe.skipIf(store.skip !== null)(`forged incidents (${store.name})`, () => {
    let c: RunningCollector | undefined;
    let drop: (() => Promise<void>) | undefined;
    afterEach(async () => {
      await c?.close();
      await drop?.();
      c = drop = undefined;
    });

    async function boot() {
      const d = await store.db();
      drop = d.drop;
      c = await startCollector({
        port: 0,
        db: d.url,
        logLevel: 'silent',
        config: {
          apps: [
            { app: APP, publicKey: KEY, origins: [ORIGIN], guards: ['cart', 'recs'] },
            { app: 'recs', publicKey: 'pk_test_recs_any', origins: ['*'] },
          ],
          tokens: { read: [READ], admin: [ADMIN] },
          flushIntervalMs: 3_600_000,
          journal: { dir: null },
          // Defaults otherwise, including the thresholds; autoOpen on makes a forgery worst.
          incidents: { autoOpen: true, autoOpenMaxShare: 1, evaluateEveryMs: 3_600_000 },
        },
      });
      return c;
    }
    const post = (c: RunningCollector, body: unknown, o: { origin?: string; from?: string; key?: string } = {}) =>
      send(`${c.url}/v1/beacons?key=${o.key ?? KEY}`, {
        headers: { 'content-type': 'text/plain', ...(o.origin === undefined ? {} : { origin: o.origin }) },
        body: JSON.stringify(body),
        localAddress: o.from,
      });
    const guardSeries = async (c: RunningCollector) =>
      (await c.ctx.registry.metrics()).split('\n').filter((l) => /^lifeboat_(guard|incident)_/.test(l));

    it('one address with only the public key, as many beacons as the limits let through, any guard names: no incident, no mode, no new series', async () => {
      const c = await boot();
      const before = await send(`${c.url}/v1/status/${KEY}.json`, { method: 'GET' });
      // Without Origin the origin-restricted app refuses outright.
      expect((await post(c, failing('x.example', ['cart']))).status).toBe(403);
      let accepted = 0;
      let limited = 0;
      const t0 = Date.now();
      for (let i = 0; i < 400 && limited === 0; i++) {
        const names = ['cart', 'recs', `made-up-${i}`, `smartcrat${i % 7}`];
        const r = await post(c, failing(`forged-${i}.myshopify.com`, names), { origin: ORIGIN });
        if (r.status === 202) accepted++;
        else if (r.status === 429) limited++;
        else throw new Error(`unexpected ${r.status}: ${r.text}`);
      }
      expect(limited, 'the per-client limit stops the forger first').toBe(1);
      // The burst (a minute's worth), plus what the bucket refilled while the loop ran.
      const perMinute = c.ctx.config.ingest.perClientPerMinute;
      expect(accepted).toBeGreaterThanOrEqual(perMinute);
      expect(accepted).toBeLessThanOrEqual(perMinute + Math.ceil(((Date.now() - t0) / 60_000) * perMinute) + 1);
      await c.ctx.aggregator.flush();
      const tick = await fleetOf(c.ctx)!.detector.tick();
      expect(tick.ran).toBe(true);
      expect(tick.opened).toEqual([]);
      const after = await send(`${c.url}/v1/status/${KEY}.json`, { method: 'GET' });
      expect(after.json().guards).toEqual(before.json().guards);
      const modes = await c.ctx.db.query('SELECT * FROM guard_modes');
      expect(modes).toEqual([]);
      // Series only for declared guards; none for the made-up names, whatever was sent.
      const series = await guardSeries(c);
      expect(series.filter((l) => !/guard="(cart|recs)"/.test(l) && !l.startsWith('#'))).toEqual([]);
      expect(series.filter((l) => !l.startsWith('#')).length).toBeLessThanOrEqual(2 * 3);
      // The made-up guards are not charted either.
      const apps = await send(`${c.url}/v1/apps`, { method: 'GET', headers: { authorization: `Bearer ${READ}` } });
      expect(apps.json().apps.find((a: { app: string }) => a.app === APP).guards).toEqual(['cart', 'recs']);
      expect(fleetOf(c.ctx)!.guards.list(APP)).toEqual(['cart', 'recs']);

      // The same forger on an app open to any origin (no Origin header needed) gets no further.
      for (let i = 0; i < 50; i++) await post(c, { ...failing(`any-${i}.example`, ['cart', `junk${i}`]), app: 'recs' }, { key: 'pk_test_recs_any', from: '127.0.0.9' });
      await c.ctx.aggregator.flush();
      expect((await fleetOf(c.ctx)!.detector.tick()).opened).toEqual([]);
      expect(fleetOf(c.ctx)!.guards.list('recs')).toEqual([]);
    });

    it('the admin API refuses a mistyped guard and lists the known ones', async () => {
      const c = await boot();
      const r = await send(`${c.url}/v1/admin/apps/${APP}/guards/smartcrat/mode`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({ mode: 'open', reason: 'typo' }),
      });
      expect(r.status, r.text).toBe(404);
      expect(r.json()).toMatchObject({ error: 'unknown_guard', known: ['cart', 'recs'] });
      expect(r.json().message).toContain('"cart", "recs"');
      expect(await c.ctx.db.query('SELECT * FROM guard_modes')).toEqual([]);
      const ok = await send(`${c.url}/v1/admin/apps/${APP}/guards/cart/mode`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({ mode: 'open', reason: 'backend down' }),
      });
      expect(ok.status, ok.text).toBe(200);
    });

    it('the same failures from real pages of enough distinct shops and clients still open an incident', async () => {
      const c = await boot();
      for (let i = 0; i < 5; i++) {
        // Each shop's shoppers come from their own addresses (127.0.0.x are all this machine).
        const r = await post(c, failing(`shop${i}.myshopify.com`, ['cart']), { origin: ORIGIN, from: `127.0.0.${20 + i}` });
        expect(r.status, r.text).toBe(202);
      }
      await c.ctx.aggregator.flush();
      const tick = await fleetOf(c.ctx)!.detector.tick();
      expect(tick.opened.map((i) => i.guard)).toEqual(['cart']);
      const doc = await send(`${c.url}/v1/status/${KEY}.json`, { method: 'GET' });
      expect(doc.json().guards.cart).toMatchObject({ mode: 'open' });
    });

    it('an undeclared guard becomes known once enough distinct shops and clients report it', async () => {
      const c = await boot();
      for (let i = 0; i < 3; i++) {
        const r = await post(c, { ...failing(`shop${i}.example`, ['wishlist']), app: 'recs' }, { key: 'pk_test_recs_any', from: `127.0.0.${40 + i}` });
        expect(r.status, r.text).toBe(202);
      }
      await c.ctx.aggregator.flush();
      await fleetOf(c.ctx)!.detector.tick();
      expect(fleetOf(c.ctx)!.guards.list('recs')).toEqual(['wishlist']);
    });
  });
}
