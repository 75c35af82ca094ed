// @vitest-environment node
// Incident replays on the chaos panel: started by HTTP or the panel's form, timed phases, visible state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorefront, type Storefront } from '../src/index.js';
import { SCENARIOS } from '../src/vendors/scenarios.js';

let demo: Storefront;
beforeAll(async () => {
  demo = await startStorefront({ widgets: false, collector: false });
});
afterAll(() => demo?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await sleep(50);
  }
}
const state = async (base: string) => (await fetch(`${base}/__chaos/scenario.json`)).json();
const start = (base: string, body: unknown) =>
  fetch(`${base}/__chaos/scenario`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('incident replays', () => {
  it('the cart app replays Dec 18 2024: phases change the chaos mode in order, with the phase and time left visible', { timeout: 30_000 }, async () => {
    const res = await start(demo.cartVendorUrl, { scenario: 'cart-down', timeScale: 0.02 });
    expect(res.status).toBe(200);
    const s0 = await res.json();
    expect(s0).toMatchObject({ running: true, scenario: 'cart-down', title: 'Cart app down (Dec 18 2024)', phase: 'healthy', phaseIndex: 0, phases: 4 });
    expect(s0.msLeft).toBeGreaterThan(0);
    expect(s0.msLeft).toBeLessThanOrEqual(400);
    // ×0.02: 400 ms healthy, then 1.2 s of hang.
    const s1 = await until(() => state(demo.cartVendorUrl), (s) => s.phase !== 'healthy');
    expect(demo.chaos('cart').mode).toBe('hang');
    expect(s1).toMatchObject({ running: true, phase: 'hang', chaos: { mode: 'hang' } });
    const page = await (await fetch(`${demo.cartVendorUrl}/__chaos`)).text();
    expect(page).toContain('Cart app down (Dec 18 2024)');
    expect(page).toMatch(/phase 2\/4 <strong id="scenario-phase">hang<\/strong>/);
    expect(page).toContain('<meta http-equiv="refresh" content="2">');
    expect(page).not.toMatch(/\son[a-z]+=/);
    const end = await until(() => state(demo.cartVendorUrl), (s) => !s.running);
    expect(end).toMatchObject({ running: false, ended: 'finished', chaos: { mode: 'healthy' } });
    expect(end.log.map((l: { phase: string }) => l.phase)).toEqual(['healthy', 'hang', '500', 'healed']);
  });

  it('the panel form starts a replay; a mode pressed by hand stops it; stop-and-heal heals', async () => {
    const form = await fetch(`${demo.recsVendorUrl}/__chaos/scenario`, {
      method: 'POST',
      body: new URLSearchParams({ scenario: 'recs-overloaded', timeScale: '1' }),
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    expect(await state(demo.recsVendorUrl)).toMatchObject({ running: true, scenario: 'recs-overloaded', phase: 'healthy' });
    await fetch(`${demo.recsVendorUrl}/__chaos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: '500' }) });
    expect(await state(demo.recsVendorUrl)).toMatchObject({ running: false, ended: 'stopped', chaos: { mode: '500' } });

    await start(demo.recsVendorUrl, { scenario: 'recs-overloaded' });
    const stop = await fetch(`${demo.recsVendorUrl}/__chaos/scenario/stop`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"heal":true}' });
    expect(await stop.json()).toMatchObject({ running: false, ended: 'stopped' });
    expect(demo.chaos('recs')).toEqual({ mode: 'healthy' });
  });

  it('each vendor offers only its own scenario, and a bad request names the field', async () => {
    expect((await state(demo.cartVendorUrl)).available.map((s: { id: string }) => s.id)).toEqual(['cart-down']);
    expect((await state(demo.recsVendorUrl)).available.map((s: { id: string }) => s.id)).toEqual(['recs-overloaded']);
    const wrong = await start(demo.cartVendorUrl, { scenario: 'recs-overloaded' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error).toMatch(/scenario must be one of cart-down/);
    const fast = await start(demo.cartVendorUrl, { scenario: 'cart-down', timeScale: 0 });
    expect((await fast.json()).error).toMatch(/timeScale must be a number from 0.001 to 10/);
    expect(SCENARIOS.map((s) => s.title)).toEqual(['Cart app down (Dec 18 2024)', 'Recommendations overloaded']);
  });
});
