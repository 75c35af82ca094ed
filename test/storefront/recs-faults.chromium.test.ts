// The recommendations vendor's fault matrix in real Chromium: whatever the vendor does, the
// checkout click goes to checkout at once, and filling (or not filling) the slot moves nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStorefront, type ChaosMode, type Storefront } from '../../examples/storefront/src/index.js';
import { checkout, cls, demoConfig, newContext, shifts, SLACK_MS, widgetReady } from './support.js';

const RECS_MODES: ChaosMode[] = ['healthy', 'slow', 'hang', '500', 'error-200'];
const VENDOR_BUDGET = 800;

let browser: Browser;
let demo: Storefront;
const table: Array<Record<string, string | number>> = [];

beforeAll(async () => {
  browser = await launchChromium();
  // The cart widget is healthy here: this file is about recommendations.
  demo = await startStorefront({ collector: false, config: (base) => demoConfig(base, { recs: { vendorBudget: VENDOR_BUDGET, shopifyBudget: 1500 } }) });
});
afterAll(async () => {
  console.log(`\nRecommendations per vendor chaos mode (vendor budget ${VENDOR_BUDGET} ms):`);
  console.table(table);
  await demo?.close();
  await browser?.close();
});

describe.each(RECS_MODES.map((m) => [m]))('recs vendor %s', (mode) => {
  it('checkout is reached at once while recommendations load; the slot is filled or left without moving the layout', async () => {
    await demo.setChaos('recs', mode === 'slow' ? { mode, ms: 3000 } : { mode });
    await demo.setChaos('cart', { mode: 'healthy' });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await widgetReady(page, 10_000);
    // Bring the slot near the viewport so the chain starts, then buy right away.
    await page.locator('[data-lifeboat-recommendations]').scrollIntoViewIfNeeded();
    await page.click('#ProductSubmitButton-main');
    await page.locator('#smartcart-root.smartcart--open .smartcart-line').first().waitFor({ state: 'visible', timeout: 10_000 });
    const sourceAtCheckout = await page.locator('[data-lifeboat-recommendations]').getAttribute('data-lifeboat-source');
    const checkoutMs = await checkout(page);
    expect(checkoutMs).toBeLessThan(SLACK_MS);

    // Second page: measure the slot's outcome and layout shift without a shopper's input.
    const page2 = await context.newPage();
    await page2.goto(`${demo.storeUrl}/products/ceramic-mug`);
    await page2.evaluate(() => document.querySelector('[data-lifeboat-recommendations]')!.scrollIntoView({ block: 'center' }));
    await page2.waitForFunction(() => !!(document.querySelector('[data-lifeboat-recommendations]') as HTMLElement).dataset.lifeboatSource, null, { timeout: 10_000 });
    await page2.waitForTimeout(300);
    const source = await page2.locator('[data-lifeboat-recommendations]').getAttribute('data-lifeboat-source');
    const shift = await cls(page2);
    if (shift !== 0) console.log('layout shifts', JSON.stringify(await shifts(page2)));
    expect(shift).toBe(0);
    expect(source).toBe(mode === 'healthy' ? 'vendor' : 'shopify-api');
    const box = await page2.locator('[data-lifeboat-recommendations]').boundingBox();
    expect(box?.height).toBe(320);
    table.push({ mode, 'slot source': source ?? '-', 'source at checkout click': sourceAtCheckout ?? 'pending', 'checkout click→page (ms)': checkoutMs, CLS: shift });
    await context.close();
  });
});
