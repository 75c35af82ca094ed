// The kill switch end to end: a real collector, the built SDK bundle in Chromium, the admin API
// flipping a guard's mode, and the page's guard following the status document.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../packages/collector/src/app.js';
import { launchChromium } from './support/chromium.js';
import { startServer, type TestServer } from './support/static-server.js';

const PK = 'pk_e2e_smartcart';
const ADMIN = 'at_e2e_admin_token_0001';
const sdkDist = fileURLToPath(new URL('../packages/sdk/dist/', import.meta.url));

const page = (collector: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>kill switch</title></head><body>
<script type="module">
import { createLifeboat } from '/lifeboat.browser.js';
const lb = createLifeboat({
  app: 'smartcart',
  shop: 'e2e-shop.myshopify.com',
  collector: ${JSON.stringify(collector)},
  publicKey: ${JSON.stringify(PK)},
  status: { maxAge: 1000, timeout: 2000 },
  beacons: { sampleRate: 1, flushInterval: 1000 },
  guards: { cart: { timeout: 2000 } },
});
window.workCalls = 0;
window.callCart = async () => {
  const r = await lb.run('cart', async () => { window.workCalls++; return 'vendor'; }, { fallback: () => 'native' });
  return { value: r.value, fromFallback: r.fromFallback, reason: r.reason ?? null };
};
window.fleetMode = () => lb.fleet('cart')?.mode ?? 'unnamed';
window.flushBeacons = () => lb.flush();
window.lb = lb;
await lb.ready;
window.lifeboatReady = true;
</script></body></html>`;

type Result = { value: string; fromFallback: boolean; reason: string | null };

describe('kill switch in Chromium', () => {
  let collector: RunningCollector;
  let site: TestServer;
  let browser: Browser;
  let tab: Page;

  const setMode = async (mode: string, extra: Record<string, unknown> = {}) => {
    const r = await fetch(`${collector.url}/v1/admin/apps/smartcart/guards/cart/mode`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'x-lifeboat-actor': 'e2e' },
      body: JSON.stringify({ mode, ...extra }),
    });
    expect(r.status).toBe(200);
  };
  const fleetModeBecomes = (mode: string) => tab.waitForFunction((m) => (window as unknown as { fleetMode(): string }).fleetMode() === m, mode, { timeout: 15_000 });
  const callCart = () => tab.evaluate(() => (window as unknown as { callCart(): Promise<Result> }).callCart());
  const workCalls = () => tab.evaluate(() => (window as unknown as { workCalls: number }).workCalls);

  beforeAll(async () => {
    collector = await startCollector({
      port: 0,
      db: ':memory:',
      logLevel: 'silent',
      config: {
        apps: [{ app: 'smartcart', publicKey: PK, origins: ['*'], guards: ['cart'] }],
        tokens: { read: [], admin: [ADMIN] },
        flushIntervalMs: 500,
        status: { maxAgeSeconds: 1 },
      },
    });
    site = await startServer({ root: sdkDist, pages: { '/': page(collector.url) } });
    browser = await launchChromium();
    tab = await browser.newPage();
    tab.on('pageerror', (e) => console.warn('[page error]', e.message));
    await tab.goto(`${site.url}/`);
    await tab.waitForFunction(() => (window as unknown as { lifeboatReady?: boolean }).lifeboatReady === true, undefined, { timeout: 15_000 });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await collector?.close();
  });

  it('runs the work normally while the fleet says nothing', async () => {
    expect(await callCart()).toEqual({ value: 'vendor', fromFallback: false, reason: null });
    expect(await workCalls()).toBe(1);
  });

  it('open: the guard serves its fallback with reason "status" without calling the work', async () => {
    const flipped = Date.now();
    await setMode('open', { reason: 'vendor database overloaded', banner: 'Basic cart for now' });
    await fleetModeBecomes('open');
    // The page refreshes the document past its status.maxAge (1 s here): generous slack on a loaded machine.
    const ms = Date.now() - flipped;
    console.log(`[killswitch] open reached the page ${ms} ms after the admin call (status.maxAge 1000 ms)`);
    expect(ms).toBeLessThan(10_000);
    const before = await workCalls();
    expect(await callCart()).toEqual({ value: 'native', fromFallback: true, reason: 'status' });
    expect(await callCart()).toEqual({ value: 'native', fromFallback: true, reason: 'status' });
    expect(await workCalls()).toBe(before);
  });

  it('a new page load already knows: still open, no call to the work', async () => {
    await tab.reload();
    await tab.waitForFunction(() => (window as unknown as { lifeboatReady?: boolean }).lifeboatReady === true, undefined, { timeout: 15_000 });
    await fleetModeBecomes('open');
    expect(await callCart()).toEqual({ value: 'native', fromFallback: true, reason: 'status' });
    expect(await workCalls()).toBe(0);
  });

  it('the status fallbacks reach the collector as beacons', async () => {
    await tab.evaluate(() => (window as unknown as { flushBeacons(): unknown }).flushBeacons());
    const deadline = Date.now() + 15_000;
    let found = false;
    while (!found && Date.now() < deadline) {
      await collector.ctx.aggregator.flush();
      const rows = await collector.ctx.db.query<{ data: string }>(`SELECT data FROM events WHERE kind = 'fallback' AND guard = 'cart'`);
      found = rows.some((r) => JSON.parse(r.data).reason === 'status');
      if (!found) await new Promise((r) => setTimeout(r, 250));
    }
    expect(found).toBe(true);
  });

  it('closed, then auto: normal operation again', async () => {
    await setMode('closed');
    await fleetModeBecomes('closed');
    expect(await callCart()).toEqual({ value: 'vendor', fromFallback: false, reason: null });
    await setMode('auto');
    await fleetModeBecomes('unnamed');
    const before = await workCalls();
    expect(await callCart()).toEqual({ value: 'vendor', fromFallback: false, reason: null });
    expect(await workCalls()).toBe(before + 1);
  });

  it('every flip is in the audit trail', async () => {
    const r = await fetch(`${collector.url}/v1/admin/audit?app=smartcart`, { headers: { authorization: `Bearer ${ADMIN}` } });
    const { entries } = (await r.json()) as { entries: { actor: string; after: { mode: string } }[] };
    expect(entries.map((e) => e.after.mode)).toEqual(['auto', 'closed', 'open']);
    expect(entries.every((e) => e.actor.startsWith('e2e (admin token:'))).toBe(true);
  });
});
