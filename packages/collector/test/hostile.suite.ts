import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { fleetOf } from '../src/fleet/plugin.js';
import { APP, KEY, ORIGIN, callsBatch, testConfig, totals } from './support/beacons.js';
import { postBeacon, send } from './support/http.js';

const READ = 'rt_test_read_token_0001';
const ADMIN = 'at_test_admin_token_0001';

/**
 * What an attacker holding only the public key can send, each case answered without a 5xx and
 * leaving storage running: a valid beacon sent afterwards is stored and readable through the
 * query API. `db()` gives a fresh database of one dialect.
 */
export function hostileSuite(db: () => Promise<{ url: string; drop(): Promise<void> }>): void {
  let c: RunningCollector;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const d = await db();
    drop = d.drop;
    // One test client sends everything: the per-client limit (tested on its own) is lifted.
    c = await startCollector({ port: 0, db: d.url, logLevel: 'silent', config: testConfig({ journal: { dir: null }, ingest: { perClientPerMinute: 100_000 } }) });
  });
  afterAll(async () => {
    await c?.close();
    await drop?.();
  });

  const get = (path: string, token = READ) => send(`${c.url}${path}`, { method: 'GET', headers: { authorization: `Bearer ${token}` } });
  let shopN = 0;
  const freshShop = () => `after-${process.pid}-${shopN++}.example`;

  /** A valid beacon after the attack is stored, readable through the query API, and /readyz is green. */
  async function storageStillRuns() {
    const shop = freshShop();
    const r = await postBeacon(c.url, KEY, callsBatch({ shop, success: 4, failure: 1 }), { origin: ORIGIN });
    expect(r.status, r.text).toBe(202);
    await c.ctx.aggregator.flush();
    const health = await get(`/v1/apps/${APP}/health?shop=${shop}&from=${Date.now() - 3_600_000}`);
    expect(health.status, health.text).toBe(200);
    const points = health.json().series.flatMap((s: { points: { success: number; failure: number }[] }) => s.points);
    expect(points.reduce((a: number, p: { success: number }) => a + p.success, 0)).toBe(4);
    const ready = await send(`${c.url}/readyz`, { method: 'GET' });
    expect(ready.status, ready.text).toBe(200);
  }

  it('a report with NUL characters is stored without them, and storage keeps running', async () => {
    const body = JSON.stringify([{ age: 0, type: 'x\u0000y', url: 'https://a/\u0000', user_agent: 'ua\u0000', body: { 'k\u0000': 'v\u0000\ud800' } }]);
    const r = await send(`${c.url}/v1/reports?key=${KEY}`, { headers: { 'content-type': 'application/reports+json', origin: ORIGIN }, body });
    expect(r.status, r.text).toBe(202);
    await c.ctx.aggregator.flush();
    const rows = await c.ctx.db.query<{ type: string; url: string; user_agent: string; body: string }>("SELECT type, url, user_agent, body FROM reports WHERE type = 'xy'");
    expect(rows).toHaveLength(1);
    expect(rows[0].url).toBe('https://a/');
    expect(rows[0].user_agent).toBe('ua');
    expect(JSON.parse(rows[0].body)).toEqual({ k: 'v\ufffd' });
    await storageStillRuns();
  });

  it('a sampling rate below the floor is refused with a 400 naming the field; counts unchanged', async () => {
    for (const rate of [1e-300, 5e-324, 1e-12, 0.0009]) {
      const before = await totals(c.ctx.db);
      const batch = callsBatch({ success: 1_000_000, failure: 0 });
      (batch.events[0] as { rate?: number }).rate = rate;
      for (let i = 0; i < 10; i++) {
        const r = await postBeacon(c.url, KEY, { ...batch, id: `${batch.id}_${i}` }, { origin: ORIGIN });
        expect(r.status, r.text).toBe(400);
        expect(r.json().problems[0].path).toBe('events.0.rate');
      }
      await c.ctx.aggregator.flush();
      expect(await totals(c.ctx.db)).toEqual(before);
    }
    await storageStillRuns();
  });

  it('weighted counts at the floor stay finite and capped; /health still answers', async () => {
    const shop = freshShop();
    const batch = callsBatch({ shop, success: 1_000_000, failure: 0, guards: Array.from({ length: 20 }, () => 'cart') });
    for (const e of batch.events) (e as { rate?: number }).rate = 0.001;
    for (let i = 0; i < 10; i++) expect((await postBeacon(c.url, KEY, { ...batch, id: `${batch.id}_${i}` }, { origin: ORIGIN })).status).toBe(202);
    await c.ctx.aggregator.flush();
    const [row] = await c.ctx.db.query<{ success: number }>('SELECT MAX(success) AS success FROM rollups WHERE shop = $1', [shop]);
    expect(Number.isFinite(Number(row.success))).toBe(true);
    expect(Number(row.success)).toBeLessThanOrEqual(1_000_000_000);
    const health = await get(`/v1/apps/${APP}/health?from=${Date.now() - 3_600_000}`);
    expect(health.status, health.text).toBe(200);
    for (const s of health.json().series) for (const p of s.points) expect(p.calls).not.toBeNull();
    await storageStillRuns();
  });

  it('made-up guard names cannot blow up storage, metrics or charts', async () => {
    const shop = freshShop();
    for (let i = 0; i < 10; i++) {
      const batch = callsBatch({ shop, guards: Array.from({ length: 200 }, (_, j) => `junk-${i}-${j}`), success: 1, failure: 1 });
      expect((await postBeacon(c.url, KEY, batch, { origin: ORIGIN })).status).toBe(202);
    }
    await c.ctx.aggregator.flush();
    await fleetOf(c.ctx)!.detector.tick();
    const [{ n }] = await c.ctx.db.query<{ n: number }>("SELECT COUNT(DISTINCT guard) AS n FROM rollups WHERE guard LIKE 'junk-%'");
    expect(Number(n)).toBeLessThanOrEqual(c.ctx.config.incidents.maxGuardsPerApp);
    const metrics = await c.ctx.registry.metrics();
    expect(metrics).not.toContain('junk-');
    expect(metrics).toMatch(/lifeboat_events_dropped_total\{reason="guard_cap"\} [1-9]/);
    const apps = await get('/v1/apps');
    expect(JSON.stringify(apps.json())).not.toContain('junk-');
    const health = await get(`/v1/apps/${APP}/health?from=${Date.now() - 3_600_000}`);
    expect(health.json().series.map((x: { guard: string }) => x.guard).every((g: string) => ['cart', 'recs'].includes(g))).toBe(true);
    await storageStillRuns();
  });

  it('no body, header or query a client sends makes a handler answer 5xx', async () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const weird = [null, -1, 1e308, 1e-320, 0.5, '', '\u0000', '\ud800', 'x'.repeat(5000), [], {}, [[[[]]]], { __proto__: { a: 1 } }, true, 'javascript://x', '%00'];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const mutate = (v: unknown, depth = 0): unknown => {
      if (rnd() < 0.15) return pick(weird);
      if (Array.isArray(v)) return v.map((x) => mutate(x, depth + 1));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [rnd() < 0.05 ? `${k}\u0000` : k, mutate(x, depth + 1)]));
      return v;
    };
    const statuses = new Set<number>();
    for (let i = 0; i < 150; i++) {
      const body = JSON.stringify(mutate({ ...callsBatch({ guards: ['cart', 'recs'] }), events: [...callsBatch().events, { type: 'sdk-error', age: 1, code: 'x-y', message: 'm\u0000' }] }));
      statuses.add((await postBeacon(c.url, KEY, body, { origin: ORIGIN })).status);
      const reports = JSON.stringify(mutate([{ age: 0, type: 'csp-violation', url: 'https://a.example/p?q', user_agent: 'UA', body: { blockedURL: 'https://x/y', n: 1 } }]));
      statuses.add((await send(`${c.url}/v1/reports?key=${KEY}`, { headers: { 'content-type': 'application/reports+json', origin: ORIGIN }, body: reports })).status);
      const raw = String(pick(weird));
      let query: string;
      try {
        query = encodeURIComponent(raw);
      } catch {
        query = '%ED%A0%80%00'; // a lone surrogate as bytes: not UTF-8
      }
      statuses.add((await send(`${c.url}/v1/apps/${APP}/health?from=${query}&guard=${query}&shop=${query}&step=${query}`, { method: 'GET', headers: { authorization: `Bearer ${READ}` } })).status);
      statuses.add((await send(`${c.url}/v1/beacons?key=${query}&key=${KEY}`, { headers: { 'content-type': 'text/plain', origin: String(pick(['', 'null', ORIGIN, ORIGIN + ', ' + ORIGIN])) || ORIGIN, 'content-length': String(body.length) }, body })).status);
    }
    expect([...statuses].filter((st) => st >= 500)).toEqual([]);
    await storageStillRuns();
  });

  it('bodies nested too deep get 400 on beacons, reports and the admin API', async () => {
    const deep = '['.repeat(30_000) + ']'.repeat(30_000);
    const deepObj = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
    for (const body of [deep, deepObj]) {
      const b = await postBeacon(c.url, KEY, body, { origin: ORIGIN });
      expect(b.status, b.text).toBe(400);
      const r = await send(`${c.url}/v1/reports?key=${KEY}`, { headers: { 'content-type': 'application/reports+json', origin: ORIGIN }, body });
      expect(r.status, r.text).toBe(400);
      const a = await send(`${c.url}/v1/admin/apps/${APP}/guards/cart/mode`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body,
      });
      expect(a.status, a.text).toBe(400);
    }
    await storageStillRuns();
  });

  it('a row the store refuses goes to dead_letters, counted and listed; the rows around it are stored', async () => {
    await refuseShop(c, 'poison.example');
    const good = freshShop();
    expect((await postBeacon(c.url, KEY, callsBatch({ shop: 'poison.example', success: 9 }), { origin: ORIGIN })).status).toBe(202);
    expect((await postBeacon(c.url, KEY, callsBatch({ shop: good, success: 3 }), { origin: ORIGIN })).status).toBe(202);
    const info = await c.ctx.aggregator.flush();
    expect(info.deadLetters).toBe(1);
    const [g] = await c.ctx.db.query<{ s: number }>('SELECT SUM(success) AS s FROM rollups WHERE shop = $1', [good]);
    expect(Number(g.s)).toBe(3);
    const dl = await get('/v1/admin/dead-letters', ADMIN);
    expect(dl.status, dl.text).toBe(200);
    expect(dl.json().total).toBe(1);
    expect(dl.json().entries[0]).toMatchObject({ kind: 'rollup', app: APP, row: { shop: 'poison.example' } });
    expect(dl.json().entries[0].reason).toMatch(/poison/);
    expect(await c.ctx.registry.getSingleMetricAsString('lifeboat_dead_letters_total')).toMatch(/kind="rollup"} 1/);
    // Read tokens cannot list dead letters.
    expect((await get('/v1/admin/dead-letters', READ)).status).toBe(403);
    await storageStillRuns();
  });

  it('/readyz fails with the reason while flushes fail, and recovers with nothing lost', async () => {
    const shop = freshShop();
    expect((await postBeacon(c.url, KEY, callsBatch({ shop, success: 5 }), { origin: ORIGIN })).status).toBe(202);
    await c.ctx.db.run('ALTER TABLE rollups RENAME TO rollups_away');
    await expect(c.ctx.aggregator.flush()).rejects.toThrow();
    const ready = await send(`${c.url}/readyz`, { method: 'GET' });
    expect(ready.status).toBe(503);
    expect(ready.json().reason).toMatch(/^flushes failing since .*rollups/);
    await c.ctx.db.run('ALTER TABLE rollups_away RENAME TO rollups');
    await c.ctx.aggregator.flush();
    const [g] = await c.ctx.db.query<{ s: number }>('SELECT SUM(success) AS s FROM rollups WHERE shop = $1', [shop]);
    expect(Number(g.s)).toBe(5);
    await storageStillRuns();
  });
}

/** Makes the store itself refuse rollup rows of one shop (a trigger), as a hostile-but-valid row would. */
async function refuseShop(c: RunningCollector, shop: string): Promise<void> {
  if (c.ctx.db.dialect === 'sqlite') {
    await c.ctx.db.run(`CREATE TRIGGER refuse_poison BEFORE INSERT ON rollups WHEN NEW.shop = '${shop}' BEGIN SELECT RAISE(ABORT, 'poison row refused'); END`);
  } else {
    await c.ctx.db.run(
      `CREATE FUNCTION refuse_poison() RETURNS trigger AS $$ BEGIN IF NEW.shop = '${shop}' THEN RAISE EXCEPTION 'poison row refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await c.ctx.db.run('CREATE TRIGGER refuse_poison BEFORE INSERT ON rollups FOR EACH ROW EXECUTE FUNCTION refuse_poison()');
  }
}
