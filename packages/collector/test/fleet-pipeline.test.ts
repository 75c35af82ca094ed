// From beacons to the kill switch through the real collector: ingest writes rollups and
// transitions, the detector reads them, the status document and /metrics follow.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { fleetOf } from '../src/fleet/plugin.js';
import { baseConfig, PK, READ } from './fleet-support.js';

let seq = 0;
const batch = (shop: string, events: unknown[]) => ({
  v: 1,
  id: `batch_${process.pid}_${seq++}`,
  sentAt: Date.now(),
  app: 'smartcart',
  shop,
  page: 'product',
  sdk: '0.1.0',
  events,
});
const calls = (success: number, failure: number, timeout: number) => ({
  type: 'calls', age: 100, guard: 'cart', success, failure, timeout, reject: 0, fallback: failure + timeout, latency: [success, 0, 0, 0, 0, 0, 0, 0, failure, timeout],
});
const opened = { type: 'transition', age: 50, guard: 'cart', from: 'closed', to: 'open', reason: 'failures' };

describe('beacons → incident → status document', () => {
  let c: RunningCollector;
  beforeAll(async () => {
    c = await startCollector({
      port: 0,
      db: ':memory:',
      logLevel: 'silent',
      // Each shop's pages reach the collector from their own addresses (here through a proxy that
      // names them in X-Forwarded-For); every shop uses the guard, so the blast-radius cap is 1.
      config: baseConfig({ ingest: { trustProxy: true }, incidents: { ...baseConfig().incidents, autoOpen: true, autoOpenMaxShare: 1 } }),
    });
  });
  afterAll(() => c?.close());

  const send = (body: { shop: string }) =>
    fetch(`${c.url}/v1/beacons?key=${PK}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-forwarded-for': `203.0.113.${10 + Number(/\d+/.exec(body.shop)?.[0] ?? 0)}` },
      body: JSON.stringify(body),
    });

  it('a failing guard across shops opens an incident and the kill switch, visible on every read surface', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await send(batch(`shop${i}.myshopify.com`, [calls(4, 10, 6), opened]));
      expect(r.status).toBe(202);
    }
    await c.ctx.aggregator.flush();
    const tick = await fleetOf(c.ctx)!.detector.tick();
    expect(tick.opened).toHaveLength(1);
    const inc = tick.opened[0];
    expect(inc).toMatchObject({ app: 'smartcart', guard: 'cart', lastCalls: 100, lastShops: 5 });
    expect(inc.lastShare).toBeCloseTo(0.8);

    const doc = await (await fetch(`${c.url}/v1/status/${PK}.json`)).json();
    expect(doc.guards.cart).toMatchObject({ mode: 'open', incident: inc.id });

    const metrics = await (await fetch(`${c.url}/metrics`)).text();
    expect(metrics).toContain('lifeboat_incident_open{app="smartcart",guard="cart"} 1');
    expect(metrics).toContain('lifeboat_guard_calls{app="smartcart",guard="cart"} 100');

    const events = await (await fetch(`${c.url}/v1/apps/smartcart/events?kind=transition`, { headers: { authorization: `Bearer ${READ}` } })).json();
    expect(events.events).toHaveLength(5);
    expect(events.events[0].data).toMatchObject({ from: 'closed', to: 'open', reason: 'failures' });
  });
});
