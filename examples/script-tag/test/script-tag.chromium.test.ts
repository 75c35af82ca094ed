// The script-tag example in Chromium, served as its README says (serve.ts on 127.0.0.1): the
// loader comes up from a plain <script> tag and loads the widget; when the widget's script 404s,
// the shopper gets the basic-mode notice on screen and the store's own cart, and the next page
// does not even request the broken script.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium.js';
import { shownOnScreen } from '../../../test/support/shownOnScreen.js';
import { startScriptTagDemo, type ScriptTagDemo } from '../serve.js';

let demo: ScriptTagDemo;
let browser: Browser;
beforeAll(async () => {
  demo = await startScriptTagDemo();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});


const lifeboatLoaded = (page: Page) =>
  page.waitForFunction(() => typeof (window as unknown as { Lifeboat?: { run?: unknown } }).Lifeboat?.run === 'function', null, { timeout: 10_000 });
const guardState = (page: Page) => page.evaluate(() => (window as unknown as { Lifeboat: { state(g: string): string } }).Lifeboat.state('minicart'));

async function newPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const widgetRequests: string[] = [];
  page.on('request', (r) => r.url().endsWith('/widget/minicart.js') && widgetRequests.push(r.url()));
  return { context, page, errors, widgetRequests };
}

describe('examples/script-tag', () => {
  it('healthy widget: Lifeboat loads it, the widget serves add-to-cart, no notice', async () => {
    demo.setWidget('ok');
    const before = demo.cartCount;
    const { context, page, errors } = await newPage();
    await page.goto(`${demo.url}/`);
    await lifeboatLoaded(page);
    await page.waitForFunction(() => (window as unknown as { MiniCart?: { status: string } }).MiniCart?.status === 'ready', null, { timeout: 10_000 });
    await page.click('#add-to-cart');
    await page.locator('#minicart-root .minicart-line', { hasText: 'Mini cart: 1 item' }).waitFor({ timeout: 10_000 });
    expect(await shownOnScreen(page, '#minicart-root')).toBe('visible');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(demo.cartCount).toBe(before + 1);
    expect(await page.locator('#lifeboat-banner').count()).toBe(0);
    expect(await guardState(page)).toBe('closed');
    expect(errors).toEqual([]);
    await context.close();
  });

  it("widget script 404s: the notice is on screen and add-to-cart goes to the store's own cart", async () => {
    demo.setWidget('404');
    const before = demo.cartCount;
    const { context, page, errors, widgetRequests } = await newPage();
    await page.goto(`${demo.url}/`);
    await lifeboatLoaded(page);
    await page.locator('#lifeboat-banner').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await shownOnScreen(page, '#lifeboat-banner')).toBe('visible');
    expect(await page.locator('#lifeboat-banner').textContent()).toContain('basic mode');
    expect(widgetRequests).toHaveLength(1);
    expect(await guardState(page)).toBe('open');
    // The shopper's click reaches a cart: the plain form post, then the cart page.
    await Promise.all([page.waitForURL('**/cart', { timeout: 10_000 }), page.click('#add-to-cart')]);
    expect(await page.locator('#cart-count').textContent()).toBe(`${before + 1} item${before + 1 === 1 ? '' : 's'}`);
    expect(demo.cartCount).toBe(before + 1);

    // Next page, same browser: the open breaker (persisted) means the broken script is not requested.
    await page.goto(`${demo.url}/`);
    await lifeboatLoaded(page);
    await page.locator('#lifeboat-banner').waitFor({ state: 'visible', timeout: 10_000 });
    expect(await shownOnScreen(page, '#lifeboat-banner')).toBe('visible');
    expect(widgetRequests).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});
