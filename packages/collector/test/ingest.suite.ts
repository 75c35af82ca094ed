import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { APP, KEY, ORIGIN, batchId, callsBatch, testConfig, totals } from './support/beacons.js';
import { postBeacon, send } from './support/http.js';

/** The ingest + storage suite, run against each database (`db()` gives a fresh one). */
export function ingestSuite(db: () => Promise<{ url: string; drop(): Promise<void> }>): void {
  let c: RunningCollector;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const d = await db();
    drop = d.drop;
    c = await startCollector({ port: 0, db: d.url, logLevel: 'silent', config: testConfig({ journal: { dir: null } }) });
  });
  afterAll(async () => {
    await c?.close();
    await drop?.();
  });

  const stored = async () => {
    await c.ctx.aggregator.flush();
    return totals(c.ctx.db);
  };
  const metric = async (name: string) => {
    const text = await c.ctx.registry.metrics();
    return text
      .split('\n')
      .filter((l) => l.startsWith(name))
      .reduce((a, l) => a + Number(l.split(' ').at(-1)), 0);
  };

  /** Sends a bad request, checks its answer, and that nothing stored or ingested changed. */
  async function refused(send: () => Promise<{ status: number; text: string }>, status: number, error: string) {
    const before = await stored();
    const ingested = await metric('lifeboat_events_ingested_total');
    const res = await send();
    expect(res.status, res.text).toBe(status);
    expect(JSON.parse(res.text).error).toBe(error);
    expect(await stored()).toEqual(before);
    expect(await metric('lifeboat_events_ingested_total')).toBe(ingested);
    return JSON.parse(res.text) as { error: string; message: string; problems?: { path: string; message: string }[] };
  }

  it('counts valid batches exactly, per minute, shop and guard', async () => {
    const before = await stored();
    for (let i = 0; i < 10; i++) {
      const r = await postBeacon(c.url, KEY, callsBatch({ shop: `s${i % 3}.myshopify.com`, guards: ['cart', 'recs'], success: 5, failure: 2 }), { origin: ORIGIN });
      expect(r.status).toBe(202);
      expect(r.headers['access-control-allow-origin']).toBe(ORIGIN);
    }
    const after = await stored();
    expect(after.success - before.success).toBe(10 * 2 * 5);
    expect(after.failure - before.failure).toBe(10 * 2 * 2);
    expect(after.l0 - before.l0).toBe(10 * 2 * 5);
    expect(after.l9 - before.l9).toBe(10 * 2 * 2);
    const rows = await c.ctx.db.query<{ shop: string; guard: string; minute: number; success: number }>(
      "SELECT shop, guard, minute, success FROM rollups WHERE shop = 's0.myshopify.com' AND guard = 'cart'",
    );
    expect(rows.reduce((a, r) => a + r.success, 0)).toBe(4 * 5);
    for (const r of rows) expect(r.minute % 60_000).toBe(0);
  });

  it('adds to the same minute across flushes (additive upserts)', async () => {
    const shop = `add-${batchId().toLowerCase().replace(/_/g, '-')}.example`;
    await postBeacon(c.url, KEY, callsBatch({ shop, success: 7, failure: 0 }));
    await c.ctx.aggregator.flush();
    await postBeacon(c.url, KEY, callsBatch({ shop, success: 4, failure: 1 }));
    await c.ctx.aggregator.flush();
    const rows = await c.ctx.db.query<{ success: number; failure: number }>('SELECT success, failure FROM rollups WHERE shop = $1', [shop]);
    expect(rows.reduce((a, r) => a + r.success, 0)).toBe(11);
    expect(rows.reduce((a, r) => a + r.failure, 0)).toBe(1);
  });

  it('files events at receive time − age, with ages clamped to ingest.maxEventAgeMs', async () => {
    const shop = 'clock.myshopify.com';
    const t0 = Date.now();
    const max = c.ctx.config.ingest.maxEventAgeMs;
    const batch = callsBatch({ shop, success: 1, failure: 0, age: 3 * 86_400_000 }); // a 3-day-old event
    batch.events.push({ ...batch.events[0], guard: 'recent', age: 120_000 });
    expect((await postBeacon(c.url, KEY, batch)).status).toBe(202);
    await c.ctx.aggregator.flush();
    const rows = await c.ctx.db.query<{ guard: string; minute: number }>('SELECT guard, minute FROM rollups WHERE shop = $1', [shop]);
    const minuteOf = (t: number) => t - (t % 60_000);
    const at = (g: string) => rows.find((r) => r.guard === g)!.minute;
    expect(at('cart')).toBeGreaterThanOrEqual(minuteOf(t0 - max));
    expect(at('cart')).toBeLessThanOrEqual(minuteOf(Date.now() - max));
    expect(at('recent')).toBeGreaterThanOrEqual(minuteOf(t0 - 120_000));
    expect(at('recent')).toBeLessThanOrEqual(minuteOf(Date.now() - 120_000));
  });

  it('accepts gzip bodies', async () => {
    const before = await stored();
    const r = await postBeacon(c.url, KEY, gzipSync(JSON.stringify(callsBatch({ success: 2, failure: 0 }))), { 'content-encoding': 'gzip' });
    expect(r.status).toBe(202);
    expect((await stored()).success - before.success).toBe(2);
  });

  it('counts a duplicate batch once and still answers 202', async () => {
    const batch = callsBatch({ success: 9, failure: 0 });
    const before = await stored();
    const dup = await metric('lifeboat_beacons_duplicate_total');
    for (let i = 0; i < 3; i++) expect((await postBeacon(c.url, KEY, batch)).status).toBe(202);
    await c.ctx.aggregator.flush();
    // a resend after the first copy was written is still a duplicate
    expect((await postBeacon(c.url, KEY, batch)).status).toBe(202);
    expect((await stored()).success - before.success).toBe(9);
    expect((await metric('lifeboat_beacons_duplicate_total')) - dup).toBe(3);
  });

  it('keeps transitions and fallbacks as rows with the corrected time', async () => {
    const shop = 'rows.myshopify.com';
    const t0 = Date.now();
    const r = await postBeacon(c.url, KEY, {
      ...callsBatch({ shop }),
      events: [
        { type: 'transition', age: 30_000, guard: 'cart', from: 'closed', to: 'open', reason: 'failures' },
        { type: 'fallback', age: 1_000, guard: 'cart', reason: 'timeout', served: 'native-cart' },
      ],
    });
    expect(r.status).toBe(202);
    await c.ctx.aggregator.flush();
    const rows = await c.ctx.db.query<{ kind: string; guard: string; at: number; data: string }>('SELECT kind, guard, at, data FROM events WHERE shop = $1 ORDER BY at', [shop]);
    expect(rows.map((x) => x.kind)).toEqual(['transition', 'fallback']);
    expect(rows[0].at).toBeGreaterThanOrEqual(t0 - 30_000);
    expect(rows[0].at).toBeLessThanOrEqual(Date.now() - 30_000);
    expect(JSON.parse(rows[1].data)).toMatchObject({ reason: 'timeout', served: 'native-cart', page: 'cart' });
  });

  it('stores Reporting API / NEL reports with receive time − age and no query strings', async () => {
    const t0 = Date.now();
    const pre = await send(`${c.url}/v1/reports?key=${KEY}`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(pre.headers['access-control-allow-headers']).toLowerCase()).toContain('content-type');
    const r = await send(`${c.url}/v1/reports?key=${KEY}`, {
      headers: { 'content-type': 'application/reports+json', origin: ORIGIN },
      body: JSON.stringify([
        { age: 60_000, type: 'network-error', url: 'https://a.myshopify.com/cart?email=x@y.z#f', user_agent: 'UA/1', body: { type: 'tcp.timed_out', referrer: 'https://a.myshopify.com/?q=secret', elapsed_time: 10_000 } },
      ]),
    });
    expect(r.status, r.text).toBe(202);
    await c.ctx.aggregator.flush();
    const rows = await c.ctx.db.query<{ type: string; url: string; at: number; user_agent: string; body: string }>("SELECT type, url, at, user_agent, body FROM reports WHERE type = 'network-error'");
    expect(rows).toHaveLength(1);
    expect(rows[0].url).toBe('https://a.myshopify.com/cart');
    expect(rows[0].at).toBeGreaterThanOrEqual(t0 - 60_000);
    expect(rows[0].at).toBeLessThanOrEqual(Date.now() - 60_000);
    expect(JSON.parse(rows[0].body)).toEqual({ type: 'tcp.timed_out', referrer: 'https://a.myshopify.com/', elapsed_time: 10_000 });
  });

  describe('refuses bad input, changing no count', () => {
    it('malformed JSON → 400', async () => {
      await refused(() => postBeacon(c.url, KEY, '{"v":1,'), 400, 'bad_json');
    });
    it('wrong types → 400 naming the fields', async () => {
      const bad = { ...callsBatch(), sentAt: 'yesterday', events: [{ ...callsBatch().events[0], success: -1 }] };
      const body = await refused(() => postBeacon(c.url, KEY, bad), 400, 'invalid');
      expect(body.problems?.map((p) => p.path)).toEqual(expect.arrayContaining(['sentAt', 'events.0.success']));
    });
    it('unknown fields → 400', async () => {
      const body = await refused(() => postBeacon(c.url, KEY, { ...callsBatch(), email: 'a@b.c' }), 400, 'invalid');
      expect(body.problems?.[0].message).toContain('email');
    });
    it('oversized body → 413 (declared and streamed)', async () => {
      const huge = JSON.stringify({ ...callsBatch(), pad: 'x'.repeat(70_000) });
      await refused(() => postBeacon(c.url, KEY, huge), 413, 'too_large');
      await refused(
        () => send(`${c.url}/v1/beacons?key=${KEY}`, { headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked', origin: ORIGIN }, chunks: [Buffer.alloc(40_000, 32), Buffer.alloc(40_000, 32)] }),
        413,
        'too_large',
      );
    });
    it('gzip bomb → 413, stopped while inflating', async () => {
      const bomb = gzipSync(Buffer.alloc(50_000_000, 32)); // ~50 kB on the wire, 50 MB inflated
      expect(bomb.length).toBeLessThan(65_536);
      const rss = process.memoryUsage().rss;
      await refused(() => postBeacon(c.url, KEY, bomb, { 'content-encoding': 'gzip' }), 413, 'inflated_too_large');
      expect(process.memoryUsage().rss - rss).toBeLessThan(40_000_000);
    });
    it('corrupt gzip → 400', async () => {
      await refused(() => postBeacon(c.url, KEY, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }), 400, 'bad_gzip');
    });
    it('missing or unknown key → 401', async () => {
      await refused(() => postBeacon(c.url, null, callsBatch()), 401, 'missing_key');
      await refused(() => postBeacon(c.url, 'pk_nobody_knows_me', callsBatch()), 401, 'unknown_key');
    });
    it('origin not allowed → 403 without CORS headers; its preflight too', async () => {
      await refused(() => postBeacon(c.url, KEY, callsBatch(), { origin: 'https://evil.example' }), 403, 'origin_not_allowed');
      const pre = await send(`${c.url}/v1/beacons?key=${KEY}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
      expect(pre.status).toBe(403);
      expect(pre.headers['access-control-allow-origin']).toBeUndefined();
    });
    it('no Origin for an app that lists its origins → 403 (a browser always sends one)', async () => {
      const body = await refused(() => postBeacon(c.url, KEY, callsBatch(), { origin: '' }), 403, 'origin_required');
      expect(body.message).toContain('config.apps[].origins');
      // An app open to any origin still takes non-browser senders.
      const any = await postBeacon(c.url, 'pk_test_recs_any', { ...callsBatch(), app: 'recs' }, { origin: '' });
      expect(any.status, any.text).toBe(202);
    });
    it('a batch for another app than the key\'s → 403', async () => {
      await refused(() => postBeacon(c.url, 'pk_test_recs_any', callsBatch()), 403, 'app_mismatch');
    });
    it('unsupported content type → 415', async () => {
      await refused(() => postBeacon(c.url, KEY, callsBatch(), { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    });
  });

  it('caps raw rows per shop per minute and counts the dropped ones', async () => {
    const shop = 'capped.myshopify.com';
    const cap = c.ctx.config.ingest.eventsPerShopPerMinute;
    const transitions = Array.from({ length: 50 }, () => ({ type: 'transition' as const, age: 0, guard: 'cart', from: 'closed' as const, to: 'open' as const, reason: 'failures' as const }));
    const dropped = await metric('lifeboat_events_dropped_total');
    for (let i = 0; i < 3; i++) await postBeacon(c.url, KEY, { ...callsBatch({ shop }), events: transitions });
    await c.ctx.aggregator.flush();
    const [{ n }] = await c.ctx.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM events WHERE shop = $1', [shop]);
    // 150 sent within a minute or two: at most `cap` per minute kept
    expect(Number(n)).toBeLessThanOrEqual(2 * cap);
    expect(Number(n) + (await metric('lifeboat_events_dropped_total')) - dropped).toBe(150);
  });

  it('reports readiness and exposes metrics', async () => {
    expect((await send(`${c.url}/healthz`, { method: 'GET' })).status).toBe(200);
    const ready = await send(`${c.url}/readyz`, { method: 'GET' });
    expect(ready.status).toBe(200);
    const m = await send(`${c.url}/metrics`, { method: 'GET' });
    expect(m.text).toContain('lifeboat_beacons_received_total');
    expect(m.text).toMatch(/lifeboat_beacons_rejected_total\{reason="bad_json"\} [1-9]/);
    expect(m.text).toContain(`lifeboat_events_ingested_total{app="${APP}",kind="calls"}`);
  });
}
