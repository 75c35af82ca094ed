import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentDetector } from '../src/fleet/incidents/detector.js';
import { listIncidents, timeline } from '../src/fleet/incidents/incidentStore.js';
import { modesOf, readAudit } from '../src/fleet/status/modes.js';
import { fleetGauges } from '../src/fleet/health/gauges.js';
import { fleetSettings } from '../src/fleet/settings.js';
import { baseConfig, makeCtx, rollup, traffic, transition, type TestCtx } from './fleet-support.js';
import { dialects } from './fleet-support.js';

const DIALECTS = await dialects('fleet_incidents');

let ctx: TestCtx | undefined;
let dbUrl = ':memory:';
afterEach(async () => {
  await ctx?.closeAll();
  ctx = undefined;
});

const MIN = 60_000;

async function setup(incidents: Record<string, unknown> = {}) {
  ctx = await makeCtx({ url: dbUrl, config: baseConfig({ incidents: { ...baseConfig().incidents, ...incidents } }) });
  const settings = fleetSettings(ctx.config);
  const detector = new IncidentDetector({ db: ctx.db, now: ctx.now, log: ctx.log, settings: settings.incidents, apps: ['smartcart'], gauges: fleetGauges(ctx.registry) });
  return { ctx, detector };
}

describe.each(DIALECTS)('incident lifecycle from synthetic rollups ($name)', ({ url }) => {
  beforeEach(async () => {
    dbUrl = await url();
  });

  it('opens, updates on a new peak, calms, resolves after a full window, with a timeline', async () => {
    const { ctx, detector } = await setup();
    // Healthy fleet: nothing happens.
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 20, share: 0.02 });
    expect((await detector.tick()).opened).toEqual([]);

    // 60 % failing across 5 shops (and 100 calls): opens.
    ctx.clock.t += MIN;
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 0.9 });
    const t1 = await detector.tick();
    expect(t1.ran).toBe(true);
    expect(t1.opened).toHaveLength(1);
    const id = t1.opened[0].id;
    expect(t1.opened[0]).toMatchObject({ app: 'smartcart', guard: 'cart', state: 'open', cause: 'failures' });

    // Same tick again: no second incident for the same guard.
    expect((await detector.tick()).opened).toEqual([]);

    // Worse, on more shops: a timeline 'updated' entry with the new peak.
    ctx.clock.t += 10_000;
    await traffic(ctx.db, ctx.clock.t, { shops: 8, perShop: 40, share: 1 });
    await detector.tick();
    let [inc] = await listIncidents(ctx.db, { app: 'smartcart', limit: 5 });
    expect(inc.peakShops).toBe(8);
    expect(inc.peakShare).toBeGreaterThan(t1.opened[0].peakShare + 0.05);

    // Recovery: only healthy minutes in the window. Calm starts; not resolved before a full window.
    ctx.clock.t += 3 * MIN;
    await traffic(ctx.db, ctx.clock.t, { shops: 8, perShop: 40, share: 0 });
    await traffic(ctx.db, ctx.clock.t - MIN, { shops: 8, perShop: 40, share: 0 });
    expect((await detector.tick()).resolved).toEqual([]);
    ctx.clock.t += MIN;
    await traffic(ctx.db, ctx.clock.t, { shops: 8, perShop: 40, share: 0 });
    expect((await detector.tick()).resolved).toEqual([]);
    ctx.clock.t += MIN;
    await traffic(ctx.db, ctx.clock.t, { shops: 8, perShop: 40, share: 0 });
    const t2 = await detector.tick();
    expect(t2.resolved.map((i) => i.id)).toEqual([id]);

    [inc] = await listIncidents(ctx.db, { app: 'smartcart', limit: 5 });
    expect(inc.state).toBe('resolved');
    expect(inc.resolvedAt).toBe(ctx.clock.t);
    const kinds = (await timeline(ctx.db, id)).map((e) => e.kind);
    expect(kinds[0]).toBe('opened');
    expect(kinds).toContain('updated');
    expect(kinds).toContain('calming');
    expect(kinds.at(-1)).toBe('resolved');
  });

  it('respects the thresholds: share, minimum calls, minimum shops', async () => {
    const { ctx, detector } = await setup();
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 0.4 }); // below 50 %
    expect((await detector.tick()).opened).toEqual([]);
    await traffic(ctx.db, ctx.clock.t, { shops: 2, perShop: 100, share: 1, guard: 'recs' }); // 2 shops < 3
    expect((await detector.tick()).opened).toEqual([]);
    await traffic(ctx.db, ctx.clock.t, { shops: 4, perShop: 10, share: 1, guard: 'search' }); // 40 calls < 50
    expect((await detector.tick()).opened).toEqual([]);
    await traffic(ctx.db, ctx.clock.t, { shops: 3, perShop: 20, share: 0.5, guard: 'reviews', timeouts: true }); // timeouts count
    const t = await detector.tick();
    expect(t.opened.map((i) => i.guard)).toEqual(['reviews']);
    // Old traffic outside the window does not count.
    ctx.clock.t += 10 * 60_000;
    await traffic(ctx.db, ctx.clock.t - 5 * 60_000, { shops: 5, perShop: 40, share: 1, guard: 'wishlist' });
    expect((await detector.tick()).opened).toEqual([]);
  });

  it('opens on the share of shops whose breaker opened, ignoring openings the status document caused', async () => {
    const { ctx, detector } = await setup();
    // Browsers stopped calling (breakers open): rejects, few attempts, no failures.
    const shops = Array.from({ length: 6 }, (_, i) => `s${i}.myshopify.com`);
    for (const shop of shops) await rollup(ctx.db, { shop, minute: ctx.clock.t, success: 2, reject: 10 });
    for (const shop of shops.slice(0, 3)) await transition(ctx.db, ctx.clock.t - 1000, shop, 'open', 'status');
    expect((await detector.tick()).opened).toEqual([]);
    for (const shop of shops.slice(0, 2)) await transition(ctx.db, ctx.clock.t - 1000, shop, 'open', 'failures');
    expect((await detector.tick()).opened).toEqual([]); // 2 shops < minShops
    await transition(ctx.db, ctx.clock.t - 500, shops[5], 'open', 'probe-failed');
    const t = await detector.tick();
    expect(t.opened).toHaveLength(1);
    expect(t.opened[0].cause).toBe('breakers');
  });

  it('autoOpen sets the mode to open with a banner; resolve starts the probe ramp; the ramp ends', async () => {
    const { ctx, detector } = await setup({ autoOpen: true, autoOpenMaxShare: 1, recoveryStepMs: 60_000 });
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
    const [inc] = (await detector.tick()).opened;
    let [m] = await modesOf(ctx.db, 'smartcart');
    expect(m).toMatchObject({ guard: 'cart', mode: 'open', incident: inc.id, setBy: 'incident' });
    expect(m.banner).toMatch(/basic mode/);
    expect(m.reason).toContain(inc.id);

    // The guard is open everywhere: no more traffic. A full quiet window resolves it.
    ctx.clock.t += 3 * 60_000;
    await detector.tick();
    ctx.clock.t += 2 * 60_000;
    expect((await detector.tick()).resolved).toHaveLength(1);
    [m] = await modesOf(ctx.db, 'smartcart');
    expect(m).toMatchObject({ mode: 'auto', incident: inc.id, recoveryStarted: ctx.clock.t });

    ctx.clock.t += 3 * 60_000;
    await detector.tick();
    [m] = await modesOf(ctx.db, 'smartcart');
    expect(m).toMatchObject({ mode: 'auto', incident: null, probe: null, recoveryStarted: null });
    const actions = (await readAudit(ctx.db, { app: 'smartcart', limit: 10 })).map((a) => a.action).reverse();
    expect(actions).toEqual(['auto-open', 'recovery-started', 'recovery-finished']);
  });

  it('never overrides a mode a person set', async () => {
    const { ctx, detector } = await setup({ autoOpen: true, autoOpenMaxShare: 1 });
    const { setMode } = await import('../src/fleet/status/modes.js');
    await setMode(ctx.db, { app: 'smartcart', guard: 'cart', mode: 'closed', reason: 'vendor says fine', incident: null, probe: null, banner: null, setBy: 'ops', recoveryStarted: null }, ctx.clock.t, 'ops', 'set-mode');
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
    const [inc] = (await detector.tick()).opened;
    expect(inc.autoOpened).toBe(false);
    const [m] = await modesOf(ctx.db, 'smartcart');
    expect(m).toMatchObject({ mode: 'closed', setBy: 'ops' });
  });

  it('publishes per-guard gauges and the incident state on the registry', async () => {
    const { ctx, detector } = await setup();
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 0, guard: 'recs' });
    await detector.tick();
    const text = await ctx.registry.metrics();
    expect(text).toContain('lifeboat_guard_failure_share{app="smartcart",guard="cart"} 1');
    expect(text).toContain('lifeboat_guard_failure_share{app="smartcart",guard="recs"} 0');
    expect(text).toContain('lifeboat_guard_calls{app="smartcart",guard="cart"} 200');
    expect(text).toContain('lifeboat_incident_open{app="smartcart",guard="cart"} 1');
    expect(text).toContain('lifeboat_incident_open{app="smartcart",guard="recs"} 0');
  });
});
