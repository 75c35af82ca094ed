// The script-tag loader in real Chromium: an invalid config leaves the store native (never
// broken) with clear console errors; only `window.Lifeboat` is added; no eval in the bundles;
// the recommendations chain serves the last good result when the vendor fails.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStorefront, type Storefront } from '../../examples/storefront/src/index.js';
import { cartJs, demoConfig, newContext, scriptRequested, type Cfg, widgetReady } from './support.js';

const dist = (f: string) => readFileSync(new URL(`../../packages/shopify/dist/${f}`, import.meta.url));

let browser: Browser;
let demo: Storefront;
beforeAll(async () => {
  browser = await launchChromium();
  demo = await startStorefront({ collector: false });
});
afterAll(async () => {
  await demo?.close();
  await browser?.close();
});

describe('bundles', () => {
  it('print their gzip sizes; contain no eval or new Function', () => {
    // Every file the loader may fetch, so a new lazy chunk (the breaker chunk was one) is checked too.
    const files = readdirSync(new URL('../../packages/shopify/dist/', import.meta.url)).filter((f) => /^lifeboat\.shopify.*\.js$/.test(f)).sort();
    expect(files).toContain('lifeboat.shopify.js');
    const sizes = files.map((f) => ({ file: f, bytes: dist(f).length, gzip: gzipSync(dist(f), { level: 9 }).length }));
    console.table(sizes);
    for (const f of files) expect(String(dist(f))).not.toMatch(/\beval\(|new Function\(/);
  });
});

describe('invalid config', () => {
  it('keeps the store native: console errors name the field, the widget is not loaded, add-to-cart works', async () => {
    demo.setConfig((base) => {
      const c = demoConfig(base) as Cfg;
      return { ...c, widgets: [{ ...(c.widgets as Cfg[])[0], budget: '2s' }] };
    });
    try {
      await demo.setChaos('cart', { mode: 'healthy' });
      demo.clearVendorRequests('cart');
      const context = await newContext(browser);
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(String(e)));
      await page.goto(`${demo.storeUrl}/products/linen-tote`);
      await expect.poll(() => errors.join('\n'), { timeout: 5000 }).toContain('config.widgets.0.budget');
      expect(scriptRequested(demo)).toBe(false);
      expect(await page.evaluate(() => typeof (window as unknown as { Lifeboat?: { run?: unknown } }).Lifeboat?.run)).toBe('function');
      await page.click('#ProductSubmitButton-main');
      await page.locator('cart-drawer.active #CartDrawer .cart-item').first().waitFor({ state: 'visible', timeout: 5000 });
      expect((await cartJs(page)).item_count).toBe(1);
      expect(pageErrors).toEqual([]);
      await context.close();
    } finally {
      demo.setConfig(undefined);
    }
  });
});

describe('globals', () => {
  it('adds window.Lifeboat and nothing else', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    // Keys of a plain page of the same store (no loader) against a page with it.
    await page.goto(`${demo.storeUrl}/products/linen-tote?lifeboat=0`);
    const plain: string[] = await page.evaluate(() => Object.keys(window));
    await page.goto(`${demo.storeUrl}/products/linen-tote?lifeboat=1`);
    await widgetReady(page);
    const withLoader: string[] = await page.evaluate(() => Object.keys(window));
    const added = withLoader.filter((k) => !plain.includes(k) && !['SmartCart', '__SMARTCART__'].includes(k));
    expect(added).toEqual(['Lifeboat']);
    await context.close();
  });
});

describe('included twice', () => {
  it('the second copy does nothing: one instance, one widget load', async () => {
    await demo.setChaos('cart', { mode: 'healthy' });
    demo.clearVendorRequests('cart');
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${demo.storeUrl}/products/linen-tote?lifeboat=1`);
    await widgetReady(page);
    await page.evaluate(() => {
      const w = window as unknown as { Lifeboat: object; __first: object };
      w.__first = w.Lifeboat;
    });
    await page.addScriptTag({ url: '/lifeboat/lifeboat.shopify.js' });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { Lifeboat: object; __first: object }).Lifeboat === (window as unknown as { __first: object }).__first)).toBe(true);
    expect(demo.vendorRequests('cart').filter((r) => r.path === '/smartcart.js')).toHaveLength(1);
    await context.close();
  });
});

describe('recommendations cache', () => {
  it('serves the last good result for the product when the vendor fails (stale-while-revalidate)', async () => {
    await demo.setChaos('cart', { mode: 'healthy' });
    await demo.setChaos('recs', { mode: 'healthy' });
    const context = await newContext(browser);
    const page = await context.newPage();
    const slot = '[data-lifeboat-recommendations]';
    const source = () => page.locator(slot).getAttribute('data-lifeboat-source');
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await page.locator(slot).scrollIntoViewIfNeeded();
    await expect.poll(source, { timeout: 8000 }).toBe('vendor');
    const fresh = await page.locator(slot).textContent();
    await demo.setChaos('recs', { mode: '500' });
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await page.locator(slot).scrollIntoViewIfNeeded();
    await expect.poll(source, { timeout: 8000 }).toBe('cache');
    expect(await page.locator(slot).textContent()).toBe(fresh);
    await demo.setChaos('recs', { mode: 'healthy' });
    await context.close();
  });
});
