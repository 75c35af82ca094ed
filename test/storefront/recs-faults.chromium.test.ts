// The recommendations vendor's fault matrix in real Chromium, on both theme variants (or the real
// themes in `npm run test:themes`): whatever the vendor does, the checkout click goes to checkout
// at once, the slot is filled (vendor or Shopify's API) and filling it moves nothing — also under
// a theme that hides empty elements (Dawn's `div:empty { display: none }`).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStorefront, type ChaosMode, type Storefront } from '../../examples/storefront/src/index.js';
import { checkout, cls, demoConfig, newContext, lifeboatDist, realThemes, shifts, SLACK_MS, themesUnderTest, widgetReady, type ThemeName } from './support.js';

const RECS_MODES: ChaosMode[] = ['healthy', 'slow', 'hang', '500', 'error-200'];
const VENDOR_BUDGET = 800;

let browser: Browser;
let demo: Storefront;
const table: Array<Record<string, string | number>> = [];

beforeAll(async () => {
  browser = await launchChromium();
  // The cart widget is healthy here: this file is about recommendations.
  demo = await startStorefront({ collector: false, realThemes: realThemes(), lifeboatDist: lifeboatDist(), config: (base) => demoConfig(base, { recs: { vendorBudget: VENDOR_BUDGET, shopifyBudget: 1500 } }) });
});
afterAll(async () => {
  console.log(`\nRecommendations per vendor chaos mode (vendor budget ${VENDOR_BUDGET} ms):`);
  console.table(table);
  await demo?.close();
  await browser?.close();
});

const cases = themesUnderTest().flatMap(({ theme }) => RECS_MODES.map((m) => [theme, m] as [ThemeName, ChaosMode]));

describe.each(cases)('%s theme, recs vendor %s', (theme, mode) => {
  it('checkout is reached at once while recommendations load; the slot is filled or left without moving the layout', async () => {
    await demo.setChaos('recs', mode === 'slow' ? { mode, ms: 3000 } : { mode });
    await demo.setChaos('cart', { mode: 'healthy' });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.storeUrl}/products/linen-tote?theme=${theme}`);
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
    await page2.goto(`${demo.storeUrl}/products/ceramic-mug?theme=${theme}`);
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
    table.push({ theme, mode, 'slot source': source ?? '-', 'source at checkout click': sourceAtCheckout ?? 'pending', 'checkout click→page (ms)': checkoutMs, CLS: shift });
    await context.close();
  });
});

describe.each(themesUnderTest().map(({ theme }) => [theme]))('%s theme, slots', (theme) => {
  it('a slot rendered empty (no placeholder) is still filled: the theme may hide empty elements', async () => {
    await demo.setChaos('recs', { mode: 'healthy' });
    await demo.setChaos('cart', { mode: 'healthy' });
    const context = await newContext(browser);
    const page = await context.newPage();
    // The slot as themes rendered it before: empty, so `div:empty` rules give it no box.
    let bare = false;
    await page.route('**/products/ceramic-mug*', async (route) => {
      const res = await route.fetch();
      const html = (await res.text()).replace(/(<div[^>]*data-lifeboat-recommendations[^>]*>)<span data-lifeboat-placeholder[^>]*><\/span>/, '$1');
      bare = /data-lifeboat-recommendations[^>]*><\/div>/.test(html);
      await route.fulfill({ response: res, body: html });
    });
    await page.goto(`${demo.storeUrl}/products/ceramic-mug?theme=${theme}`);
    expect(bare).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForFunction(() => !!(document.querySelector('[data-lifeboat-recommendations]') as HTMLElement).dataset.lifeboatSource, null, { timeout: 10_000 });
    // Filled by the vendor, or by Shopify's API when the vendor missed its budget on a busy first page.
    expect(await page.locator('[data-lifeboat-recommendations]').getAttribute('data-lifeboat-source')).toMatch(/^(vendor|shopify-api)$/);
    expect(await page.locator('[data-lifeboat-recommendations] a').first().isVisible()).toBe(true);
    await context.close();
  });

  it('a page without a slot does not fetch the degraded chunk', async () => {
    await demo.setChaos('cart', { mode: 'healthy' });
    const context = await newContext(browser);
    const page = await context.newPage();
    const chunks: string[] = [];
    page.on('request', (r) => r.url().includes('lifeboat.shopify.degraded') && chunks.push(r.url()));
    await page.goto(`${demo.storeUrl}/collections/all?theme=${theme}`);
    await widgetReady(page, 10_000);
    await page.waitForTimeout(2500); // past the idle callback's 2 s timeout
    expect(chunks).toEqual([]);
    await context.close();
  });
});
