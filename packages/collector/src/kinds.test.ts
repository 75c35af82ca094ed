import { readFileSync } from 'node:fs';
import { EVENT_KIND_INFO, EVENT_KINDS, LATENCY_SLOTS, OUTCOMES, ROW_KINDS, SUMMARY_KIND, type BeaconBatch, type BeaconEvent, type CallsEvent } from '@lifeboat/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, KEY, batchId, testConfig } from '../test/support/beacons.js';
import { postBeacon } from '../test/support/http.js';
import { COUNTER_COLUMNS, LATENCY_COLUMNS } from './aggregate/rollupRows.js';
import { startCollector, type RunningCollector } from './app.js';

/*
 * "A new event kind touches two files": schema's eventKinds.ts (EVENT_KINDS and its row in EVENT_KIND_INFO) and
 * beacon.ts (its schema). Everything the collector does per kind follows from them; these tests
 * take every kind from the lists and the schema's fixture, so a kind the collector would miss fails here.
 */

const fixture = JSON.parse(readFileSync(new URL('../../schema/fixtures/beacon-batch.json', import.meta.url), 'utf8'));
/** One event of every kind, as the schema's fixtures show them. */
const sample: BeaconEvent[] = fixture.valid.find((f: { name: string }) => f.name === 'every event kind').value.events;
const READ = { authorization: 'Bearer rt_test_read_token_0001' };

const batch = (events: BeaconEvent[], shop: string): BeaconBatch => ({ v: 1, id: batchId(), sentAt: Date.now(), app: APP, shop, page: 'product', sdk: '0.1.0', events });

describe('every event kind through the collector', () => {
  let c: RunningCollector;
  beforeAll(async () => {
    c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: testConfig({ journal: { dir: null } }) });
  });
  afterAll(() => c?.close());

  it('accepts each kind, stores it (calls as rollups, the rest as rows of their kind) and counts it under its own metric label', async () => {
    expect(new Set(sample.map((e) => e.type))).toEqual(new Set(EVENT_KINDS));
    for (const kind of EVENT_KINDS) {
      const r = await postBeacon(c.url, KEY, batch(sample.filter((e) => e.type === kind), `${kind}.myshopify.com`));
      expect(r.status, `${kind}: ${r.text}`).toBe(202);
    }
    await c.ctx.aggregator.flush();
    const [calls] = await c.ctx.db.query<{ n: number }>("SELECT COUNT(*) AS n FROM rollups WHERE shop = 'calls.myshopify.com'");
    expect(Number(calls.n)).toBeGreaterThan(0);
    const rows = await c.ctx.db.query<{ kind: string; shop: string }>('SELECT DISTINCT kind, shop FROM events');
    expect(rows.map((r) => [r.kind, r.shop]).sort()).toEqual(ROW_KINDS.map((k) => [k, `${k}.myshopify.com`]).sort());
    const metrics = await c.ctx.registry.metrics();
    for (const kind of EVENT_KINDS) expect(metrics, kind).toMatch(new RegExp(`^lifeboat_events_ingested_total\\{app="${APP}",kind="${kind}"\\} [1-9]`, 'm'));
  });

  it('the events API takes every row kind, lists the `listed` ones by default, and openapi.yaml documents the same kinds', async () => {
    for (const kind of ROW_KINDS) {
      const r = await c.app.inject({ url: `/v1/apps/${APP}/events?kind=${kind}`, headers: READ });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().events.map((e: { kind: string }) => e.kind)).toEqual([kind]);
    }
    expect((await c.app.inject({ url: `/v1/apps/${APP}/events?kind=${SUMMARY_KIND}`, headers: READ })).statusCode).toBe(400);
    const all = await c.app.inject({ url: `/v1/apps/${APP}/events`, headers: READ });
    expect(new Set(all.json().events.map((e: { kind: string }) => e.kind))).toEqual(new Set(ROW_KINDS.filter((k) => EVENT_KIND_INFO[k].listed)));
    const yaml = readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8');
    const documented = /- \{ name: kind, in: query, schema: \{ type: string, enum: \[([^\]]*)\] \} \}/.exec(yaml);
    expect(documented?.[1].split(',').map((s) => s.trim())).toEqual([...ROW_KINDS]);
  });

  it('sums each outcome into its own column and each latency slot into its own, sampled or not', async () => {
    const counts = Object.fromEntries(OUTCOMES.map((o, i) => [o, i + 1]));
    const latency = Array.from({ length: LATENCY_SLOTS }, (_, i) => 100 + i);
    const summary = { type: 'calls', age: 0, guard: 'cart', ...counts, latency } as CallsEvent;
    for (const [shop, e] of [['whole.example', summary], ['sampled.example', { ...summary, rate: 0.5 }]] as const) {
      expect((await postBeacon(c.url, KEY, batch([e], shop))).status).toBe(202);
    }
    await c.ctx.aggregator.flush();
    const expected = [...OUTCOMES.map((_, i) => i + 1), ...latency];
    for (const [shop, weight] of [['whole.example', 1], ['sampled.example', 2]] as const) {
      const [row] = await c.ctx.db.query<Record<string, number>>(`SELECT ${COUNTER_COLUMNS.join(', ')} FROM rollups WHERE shop = $1`, [shop]);
      expect(COUNTER_COLUMNS.map((col) => Number(row[col])), shop).toEqual(expected.map((n) => n * weight));
    }
    expect(COUNTER_COLUMNS).toEqual([...OUTCOMES, ...LATENCY_COLUMNS]);
  });
});
