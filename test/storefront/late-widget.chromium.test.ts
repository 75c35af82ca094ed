// A cart widget that becomes ready after Lifeboat took over (its backend answered after the
// readiness budget) hijacks the page again: it re-adds the style hiding the theme's drawer,
// patches fetch, mounts its drawer. The page stays on the native cart, visibly, to its end.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStorefront, type Storefront } from '../../examples/storefront/src/index.js';
import { cartJs, closeCarts, demoConfig, expectCartShown, newContext, pageErrors, lifeboatDist, realThemes, THEME_UI, themesUnderTest } from './support.js';

const BUDGET = 2000;
const LATE_MS = BUDGET + 2000; // the widget's backend answers 2 s after Lifeboat gave up on it

let browser: Browser;
let demo: Storefront;

beforeAll(async () => {
  browser = await launchChromium();
  demo = await startStorefront({ collector: false, realThemes: realThemes(), lifeboatDist: lifeboatDist(), config: (base) => demoConfig(base, { budget: BUDGET, guard: { timeout: BUDGET + 500 } }) });
});
afterAll(async () => {
  await demo?.close();
  await browser?.close();
});

const shownNow = (page: import('playwright-core').Page, ui: { line: string; checkout: string }) =>
  expect.poll(() => expectCartShown(page, ui, 'Linen Tote').then(() => 'shown', (e: Error) => e.message), { timeout: 4000 }).toBe('shown');

describe.each(themesUnderTest().map(({ theme }) => [theme]))('%s theme', (theme) => {
  it('a widget ready after the take-over leaves the native cart working and visible for the rest of the page', async () => {
    await demo.setChaos('cart', { mode: 'slow', ms: LATE_MS, hijack: 'backend' });
    const context = await newContext(browser);
    await context.addInitScript(() => {
      document.addEventListener('smartcart:ready', () => ((window as unknown as { __lateReadyAt: number }).__lateReadyAt = performance.now()), true);
    });
    const page = await context.newPage();
    const errors = pageErrors(page, demo.cartVendorUrl);
    const ui = THEME_UI[theme];
    await page.goto(`${demo.storeUrl}/products/linen-tote?theme=${theme}`, { waitUntil: 'domcontentloaded' });
    await page.waitForFunction(() => !!(window as unknown as { Lifeboat?: unknown }).Lifeboat, null, { timeout: 5000 });
    await page.click('#ProductSubmitButton-main');
    await page.locator(ui.line).first().waitFor({ state: 'visible', timeout: BUDGET + 8000 });
    await shownNow(page, ui);

    // The widget finishes starting while the shopper looks at the native drawer.
    await page.waitForFunction(() => (window as unknown as { __lateReadyAt?: number }).__lateReadyAt !== undefined, null, { timeout: LATE_MS + 5000 });
    await page.waitForTimeout(500);
    await shownNow(page, ui);
    expect(await page.locator('#smartcart-takeover').count()).toBe(0);
    expect(await page.locator('#smartcart-root.smartcart--open').count()).toBe(0);
    expect(await page.evaluate(() => String(window.fetch).includes('[native code]'))).toBe(true);

    // The cart icon and a second add still reach the native cart.
    await closeCarts(page);
    await page.waitForTimeout(300);
    await page.click(ui.icon);
    await page.locator(ui.line).first().waitFor({ state: 'visible', timeout: 5000 });
    await shownNow(page, ui);
    await closeCarts(page);
    await page.waitForTimeout(300);
    await page.click('#ProductSubmitButton-main');
    await expect.poll(async () => (await cartJs(page)).items.find((i) => i.title.startsWith('Linen Tote')) && (await cartJs(page)).item_count, { timeout: 5000 }).toBe(2);
    await page.locator(ui.line).first().waitFor({ state: 'visible', timeout: 5000 });
    await shownNow(page, ui);
    expect(errors).toEqual([]);
    await context.close();
  });
});
