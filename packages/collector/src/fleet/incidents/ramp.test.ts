import { afterEach, describe, expect, it } from 'vitest';
import { IncidentDetector } from './detector.js';
import { modesOf, readAudit } from '../status/modes.js';
import { buildStatusDocument } from '../status/document.js';
import { fleetSettings } from '../settings.js';
import { baseConfig, makeCtx, traffic, type TestCtx } from '../../../test/fleet-support.js';

let ctx: TestCtx | undefined;
afterEach(async () => {
  await ctx?.closeAll();
  ctx = undefined;
});

// The detector's ramp on a real (SQLite) store: the probe limit of an incident whose automatic
// open was held back moves with what the probes report, not with the clock.
describe('incident probe limit ramped by the probes', () => {
  it('holds while the probes fail, steps up when they succeed, drops back when they fail again', async () => {
    ctx = await makeCtx({ config: baseConfig({ incidents: { ...baseConfig().incidents, autoOpen: true, autoOpenMaxShare: 0.1, evaluateEveryMs: 10_000 } }) });
    const settings = fleetSettings(ctx.config).incidents;
    const detector = new IncidentDetector({ db: ctx.db, now: ctx.now, log: ctx.log, settings, apps: ['smartcart'] });
    const c = ctx;
    const probe = async () => (await modesOf(c.db, 'smartcart'))[0]?.probe;
    const tick = async (calls: { perShop: number; share: number } | null) => {
      c.clock.t += 10_000;
      if (calls) await traffic(c.db, c.clock.t, { shops: 5, ...calls });
      await detector.tick();
    };
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
    expect((await detector.tick()).opened).toHaveLength(1);
    expect(await probe()).toBe(0.1); // held back by the blast-radius cap: the probe limit
    for (let i = 0; i < 6; i++) await tick({ perShop: 10, share: 1 });
    expect(await probe()).toBe(0.1);
    // The backend is back: the probes succeed. The limit steps up once the step held 30 s.
    for (let i = 0; i < 4; i++) await tick({ perShop: 10, share: 0 });
    expect(await probe()).toBe(0.5);
    for (let i = 0; i < 4; i++) await tick({ perShop: 10, share: 0 });
    expect(await probe()).toBe(1);
    // Failing again: straight back to the first step.
    await tick({ perShop: 40, share: 1 });
    await tick({ perShop: 40, share: 1 });
    expect(await probe()).toBe(0.1);
    const actions = (await readAudit(ctx.db, { app: 'smartcart', limit: 10 })).map((a) => a.action).reverse();
    expect(actions).toEqual(['auto-open-held', 'probe-ramp-up', 'probe-ramp-up', 'probe-ramp-down']);
  });

  it('a recovery that resolves at a ramped-up limit goes on from there, and ends when its top step holds', async () => {
    ctx = await makeCtx({ config: baseConfig({ incidents: { ...baseConfig().incidents, autoOpen: true, autoOpenMaxShare: 0.1, evaluateEveryMs: 10_000 } }) });
    const settings = fleetSettings(ctx.config).incidents;
    const detector = new IncidentDetector({ db: ctx.db, now: ctx.now, log: ctx.log, settings, apps: ['smartcart'] });
    const c = ctx;
    const recovery = { steps: settings.recoverySteps, stepMs: settings.recoveryStepMs };
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
    await detector.tick();
    let resolvedAt = 0;
    for (let i = 0; i < 40 && !resolvedAt; i++) {
      c.clock.t += 10_000;
      await traffic(c.db, c.clock.t, { shops: 5, perShop: 20, share: 0 });
      if ((await detector.tick()).resolved.length) resolvedAt = c.clock.t;
    }
    expect(resolvedAt).toBeGreaterThan(0);
    const [m] = await modesOf(ctx.db, 'smartcart');
    // Resolved after the calm window; the probes had long since ramped the limit to the top.
    expect(m).toMatchObject({ mode: 'auto', recoveryStarted: resolvedAt, probe: 1 });
    expect(buildStatusDocument([m], c.clock.t, recovery).guards.cart.probe).toBe(1);
    for (let i = 0; i < 4; i++) {
      c.clock.t += 10_000;
      await traffic(c.db, c.clock.t, { shops: 5, perShop: 20, share: 0 });
      await detector.tick();
    }
    expect((await modesOf(ctx.db, 'smartcart'))[0]).toMatchObject({ mode: 'auto', incident: null, probe: null, recoveryStarted: null });
  });
});
