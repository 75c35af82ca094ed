// How fast a kill switch reaches browsers with the defaults: the real collector (Cache-Control
// max-age 5 s), the built SDK bundle in Chromium (status.maxAge 15 s), an admin's change, and the
// time until a page already open — and a page opened after the change — obeys it.
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../packages/collector/src/app.js';
import { launchChromium } from './support/chromium.js';
import { startServer, type TestServer } from './support/static-server.js';

const PK = 'pk_e2e_timing_smartcart';
const ADMIN = 'at_e2e_admin_token_0002';
const sdkDist = fileURLToPath(new URL('../packages/sdk/dist/', import.meta.url));

// SDK defaults for the status client: no status options.
const html = (collector: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>kill switch timing</title></head><body>
<script type="module">
import { createLifeboat } from '/lifeboat.browser.js';
const lb = createLifeboat({ app: 'smartcart', shop: 'e2e-shop.myshopify.com', collector: ${JSON.stringify(collector)}, publicKey: ${JSON.stringify(PK)}, beacons: { enabled: false } });
window.fleetMode = () => lb.fleet('cart')?.mode ?? 'auto';
window.statusAt = () => lb.statusAt ?? null;
await lb.ready;
window.lifeboatReady = true;
</script></body></html>`;

describe('kill switch timing with the defaults (Chromium)', () => {
  let collector: RunningCollector;
  let site: TestServer;
  let browser: Browser;

  const setMode = async (mode: string) => {
    const r = await fetch(`${collector.url}/v1/admin/apps/smartcart/guards/cart/mode`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'x-lifeboat-actor': 'e2e' },
      body: JSON.stringify({ mode }),
    });
    expect(r.status).toBe(200);
  };
  const open = async (p: Page) => {
    await p.goto(`${site.url}/`);
    await p.waitForFunction(() => (window as unknown as { lifeboatReady?: boolean }).lifeboatReady === true, undefined, { timeout: 15_000 });
  };
  /** ms from `since` until the page's fleet mode is `mode`. */
  const obeys = async (p: Page, mode: string, since: number, timeout: number) => {
    await p.waitForFunction((m) => (window as unknown as { fleetMode(): string }).fleetMode() === m, mode, { timeout, polling: 100 });
    return Date.now() - since;
  };

  beforeAll(async () => {
    collector = await startCollector({
      port: 0,
      db: ':memory:',
      logLevel: 'silent',
      config: { apps: [{ app: 'smartcart', publicKey: PK, origins: ['*'], guards: ['cart'] }], tokens: { read: [], admin: [ADMIN] } },
    });
    site = await startServer({ root: sdkDist, pages: { '/': html(collector.url) } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await collector?.close();
  });

  it('open pages obey within 30 s, new pages within 10 s, both ways', async () => {
    const ctx = await browser.newContext();
    const openPage = await ctx.newPage();
    await open(openPage);
    // The browser has a cached document (auto) from its first page, as a returning shopper does.
    await new Promise((r) => setTimeout(r, 1000));
    for (const mode of ['open', 'auto']) {
      const at = Date.now();
      await setMode(mode);
      const fresh = await ctx.newPage();
      await open(fresh);
      const newMs = await obeys(fresh, mode, at, 15_000);
      const openMs = await obeys(openPage, mode, at, 40_000);
      console.log(`[killswitch-timing] ${mode}: new page obeyed ${newMs} ms after the change, open page ${openMs} ms (status.maxAge 15 s, Cache-Control max-age 5 s)`);
      expect(newMs).toBeLessThanOrEqual(10_000);
      expect(openMs).toBeLessThanOrEqual(30_000);
      expect(await fresh.evaluate(() => (window as unknown as { statusAt(): number }).statusAt())).toBeGreaterThanOrEqual(at - 1000);
      await fresh.close();
    }
    await ctx.close();
  }, 120_000);
});
