// One probe per browser profile, however many tabs: two tabs of one shop reach the end of the
// same open period together and call at once; exactly one runs the work (the probe, under a Web
// Lock), the other is answered with the fallback at once, and both learn the verdict.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.js';
import { startServer, type TestServer } from './support/static-server.js';

const sdkDist = fileURLToPath(new URL('../packages/sdk/dist/', import.meta.url));

const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>probe election</title></head><body>
<script type="module">
import { createLifeboat } from '/lifeboat.browser.js';
const lb = createLifeboat({ app: 'smartcart', shop: 'e2e-shop.myshopify.com', storageName: 'election', guards: { cart: { timeout: 2000, resetTimeout: 1500, resetJitter: 0, volumeThreshold: 1 } } });
window.workCalls = 0;
window.fail = () => lb.run('cart', () => { window.workCalls++; return Promise.reject(new Error('503')); }, { fallback: 'native' });
// A probe that takes 800 ms to answer, then succeeds.
window.call = async () => {
  const r = await lb.run('cart', () => { window.workCalls++; return new Promise((ok) => setTimeout(ok, 800, 'vendor')); }, { fallback: 'native' });
  return { value: r.value, reason: r.reason ?? null };
};
window.state = () => lb.state('cart');
await lb.ready;
window.lifeboatReady = true;
</script></body></html>`;

type W = { workCalls: number; fail(): Promise<unknown>; call(): Promise<{ value: string; reason: string | null }>; state(): string };

describe('probe election across tabs (Chromium)', () => {
  let site: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    site = await startServer({ root: sdkDist, pages: { '/': html } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('two tabs at the end of the same open period: one probe, one immediate fallback, one verdict', async () => {
    const ctx = await browser.newContext();
    const tabs: Page[] = [await ctx.newPage(), await ctx.newPage()];
    for (const t of tabs) {
      await t.goto(`${site.url}/`);
      await t.waitForFunction(() => (window as unknown as { lifeboatReady?: boolean }).lifeboatReady === true);
    }
    await tabs[0].evaluate(() => (window as unknown as W).fail());
    // The other tab hears of the opening over BroadcastChannel.
    await tabs[1].waitForFunction(() => (window as unknown as W).state() === 'open');
    await new Promise((r) => setTimeout(r, 1700)); // past the open period (1.5 s, no jitter)
    const before = await Promise.all(tabs.map((t) => t.evaluate(() => (window as unknown as W).workCalls)));
    const results = await Promise.all(tabs.map((t) => t.evaluate(() => (window as unknown as W).call())));
    const after = await Promise.all(tabs.map((t) => t.evaluate(() => (window as unknown as W).workCalls)));
    const probes = after[0] - before[0] + after[1] - before[1];
    expect(probes).toBe(1);
    expect(results.map((r) => r.value).sort()).toEqual(['native', 'vendor']);
    expect(results.find((r) => r.value === 'native')!.reason).toBe('open');
    // The probe succeeded: both tabs are closed again.
    for (const t of tabs) await t.waitForFunction(() => (window as unknown as W).state() === 'closed', undefined, { timeout: 5000 });
    await ctx.close();
  }, 60_000);
});
