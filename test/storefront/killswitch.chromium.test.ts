// Against the real collector: the fleet kill switch end to end, and the beacons of a failing
// widget. Kill switch: the vendor sets the smart cart guard to `open` in the
// collector; shoppers get the native cart and the fleet's banner text, and once the document is
// known the widget's script is not requested at all. Back to `auto`, the widget returns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStorefront, type Storefront } from '../../examples/storefront/src/index.js';
import { cartJs, demoConfig, newContext, scriptRequested, widgetReady } from './support.js';

let browser: Browser;
let demo: Storefront;

const setMode = async (mode: 'open' | 'auto', banner?: string) => {
  const res = await fetch(`${demo.collectorUrl}/v1/admin/apps/smartcart/guards/smartcart/mode`, {
    method: 'PUT',
    headers: { authorization: 'Bearer at_demo_admin_token', 'content-type': 'application/json' },
    body: JSON.stringify({ mode, reason: 'e2e', ...(banner ? { banner } : {}) }),
  });
  return res.status;
};

beforeAll(async () => {
  browser = await launchChromium();
  demo = await startStorefront({ config: (base) => demoConfig(base, { budget: 2000, extra: { status: { maxAge: 1000 } } }) });
});
afterAll(async () => {
  await demo?.close();
  await browser?.close();
});

describe('fleet kill switch', () => {
  it('open: native cart with the fleet banner; the next page does not request the widget', async (ctx) => {
    if (demo.collectorKind !== 'collector') {
      console.log(`kill-switch e2e skipped: the demo runs a ${demo.collectorKind} collector (packages/collector not startable)`);
      ctx.skip();
    }
    await demo.setChaos('cart', { mode: 'healthy' });
    expect(await setMode('open', 'Our cart is in basic mode for a moment.')).toBe(200);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    const banner = page.locator('#lifeboat-banner');
    // The notice waits in the closed drawer and shows when the native drawer serves the add.
    await banner.waitFor({ state: 'attached', timeout: 8000 });
    expect(await banner.textContent()).toContain('Our cart is in basic mode for a moment.');
    await page.click('#ProductSubmitButton-main');
    await page.locator('cart-drawer.active #CartDrawer .cart-item').first().waitFor({ state: 'visible', timeout: 8000 });
    await page.locator('cart-drawer.active #lifeboat-banner').waitFor({ state: 'visible', timeout: 5000 });
    expect((await cartJs(page)).item_count).toBe(1);

    demo.clearVendorRequests('cart');
    await page.goto(`${demo.storeUrl}/products/ceramic-mug`);
    await page.waitForTimeout(500);
    expect(scriptRequested(demo)).toBe(false);

    // Back to auto: once this browser has read the new document, the widget is loaded again.
    const switched = Date.now();
    expect(await setMode('auto')).toBe(200);
    await page.waitForTimeout(1200); // status maxAge in this test: 1 s
    await page.goto(`${demo.storeUrl}/products/ceramic-mug`);
    // Read by this page's core (at idle): a document generated after the switch, saying auto.
    type L = { statusAt?: number; fleet(g: string): { mode: string } | undefined };
    await expect
      .poll(() => page.evaluate((t) => { const l = (window as unknown as { Lifeboat: L }).Lifeboat; return (l.statusAt ?? 0) >= t ? (l.fleet('smartcart')?.mode ?? 'auto') : 'not yet'; }, switched - 1000), { timeout: 8000 })
      .toBe('auto');
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    // The widget's own start-up (script + settings call) on a machine busy with the rest of the
    // suite has taken longer than 8 s once; what is asserted is that it comes back at all.
    await widgetReady(page, 15_000);
    await context.close();
  });
});

describe('beacons from a failing widget', () => {
  it('the collector receives the ready {ok:false} and the native-cart fallback', async (ctx) => {
    if (demo.collectorKind !== 'collector') {
      console.log(`beacon e2e skipped: the demo runs a ${demo.collectorKind} collector`);
      ctx.skip();
    }
    await demo.setChaos('cart', { mode: '500' });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    // The take-over is done once the notice is in place (in the closed drawer).
    await page.locator('#lifeboat-banner').waitFor({ state: 'attached', timeout: 8000 });
    await context.close(); // pagehide: the transport sends what it holds
    const events = async (kind: string) => {
      const r = await fetch(`${demo.collectorUrl}/v1/apps/smartcart/events?kind=${kind}&limit=100`, { headers: { authorization: 'Bearer rt_demo_read_token' } });
      return r.ok ? ((await r.json()) as { events: Array<Record<string, unknown>> }).events : [];
    };
    await expect.poll(async () => JSON.stringify(await events('ready')), { timeout: 20_000, interval: 500 }).toContain('"ok":false');
    await expect.poll(async () => JSON.stringify(await events('fallback')), { timeout: 20_000, interval: 500 }).toContain('native-cart');
    await demo.setChaos('cart', { mode: 'healthy' });
  });
});
