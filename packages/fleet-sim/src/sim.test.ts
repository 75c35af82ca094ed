import { describe, expect, it } from 'vitest';
import { DEFAULTS, runStrategy, type SimOptions } from './sim.js';
import { summarise, toJson } from './summary.js';

// Small fleets with answers known in advance; the SDK's real code runs underneath.
const small: SimOptions = { ...DEFAULTS, browsers: 60, shops: 6, minutes: 4, incidentAt: 60_000, incidentFor: 120_000, killAt: 90_000, killUntil: 200_000 };
const pages = (r: Awaited<ReturnType<typeof runStrategy>>) => r.seconds.reduce((a, s) => a + s.pages, 0);
const fallbacks = (r: Awaited<ReturnType<typeof runStrategy>>) => r.seconds.reduce((a, s) => a + s.fallback, 0);

describe('fleet-sim', () => {
  it('no incident: no page falls back, in any strategy, and the backend serves what is offered', async () => {
    for (const s of ['no-sdk', 'lifeboat-local', 'lifeboat-fleet'] as const) {
      const r = await runStrategy(s, { ...small, incidentCapacity: 1 });
      expect(pages(r)).toBeGreaterThan(50);
      expect(fallbacks(r)).toBe(0);
      expect(r.seconds.every((x) => x.queue < 5)).toBe(true);
    }
  }, 60_000);

  it('capacity 0: every Lifeboat page falls back, and each browser pays at most one time budget for the outage', async () => {
    const o = { ...small, incidentAt: 0, incidentFor: 10 * 60_000, incidentCapacity: 0 };
    const r = await runStrategy('lifeboat-local', o);
    expect(pages(r)).toBeGreaterThan(50);
    expect(fallbacks(r)).toBe(pages(r));
    // Each browser's total wait is one budget, or two when a probe (30 s later, jittered) hangs too.
    expect(Math.max(...r.shopperWait)).toBeLessThanOrEqual(3 * o.budgetMs);
    expect(r.shopperWait.filter((w) => w >= o.budgetMs).length).toBeGreaterThan(0);
  }, 60_000);

  it('capacity 0 without the SDK: every page waits until the server drops its request (10 s, before the browser gives up)', async () => {
    const o = { ...small, incidentAt: 0, incidentFor: 10 * 60_000, incidentCapacity: 0, minutes: 2 };
    const r = await runStrategy('no-sdk', o);
    const done = r.seconds.filter((s) => s.t < 60);
    expect(done.reduce((a, s) => a + s.fallback, 0)).toBe(done.reduce((a, s) => a + s.pages, 0));
    expect(done.reduce((a, s) => a + s.pages, 0)).toBeGreaterThan(5);
    // Dropped at the first serving tick after 10 s in the queue.
    for (const s of done) if (s.pages) expect(s.wait / s.pages).toBeGreaterThanOrEqual(10_000), expect(s.wait / s.pages).toBeLessThanOrEqual(10_010);
  }, 60_000);

  it('is deterministic: the same seed gives the same seconds, another seed others', async () => {
    const a = await runStrategy('lifeboat-fleet', small);
    const b = await runStrategy('lifeboat-fleet', small);
    const c = await runStrategy('lifeboat-fleet', { ...small, seed: 2 });
    expect(b.seconds).toEqual(a.seconds);
    expect(summarise(b, small)).toEqual(summarise(a, small));
    expect(c.seconds).not.toEqual(a.seconds);
  }, 60_000);

  it('--json has exactly the fields of the contract', async () => {
    const r = await runStrategy('lifeboat-fleet', { ...small, minutes: 2 });
    const j = toJson(summarise(r, small));
    expect(Object.keys(j)).toEqual(['name', 'loadCutAt60s', 'maxProbeShare', 'recoverySeconds', 'peakOverCapacity', 'waitPerShopperMs', 'statusOriginRps']);
    expect(Object.keys(j.waitPerShopperMs)).toEqual(['p50', 'p99']);
    expect(typeof j.statusOriginRps).toBe('number');
  });

  it('kill switch: new pages obey within 10 s and open pages within 30 s', async () => {
    const r = await runStrategy('lifeboat-kill-switch', { ...small, incidentCapacity: 1 });
    expect(r.kill!.newPagesMs).toBeLessThanOrEqual(10_000);
    expect(r.kill!.openPagesMs).toBeLessThanOrEqual(30_000);
  }, 60_000);
});
