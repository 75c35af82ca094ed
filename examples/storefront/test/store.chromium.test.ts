// Smoke test of the demo store in real Chromium, without Lifeboat: the native path works, a
// healthy smart cart works, and a hung smart cart swallows the click (the incident, reproduced).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../../test/support/chromium.js';
import { startStorefront, type Storefront } from '../src/index.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function newPage(opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(opts);
  return context.newPage();
}

const cartJs = (page: Page) => page.evaluate(() => fetch('/cart.js').then((r) => r.json()));

describe('plain store (widgets:false)', () => {
  let demo: Storefront;
  beforeAll(async () => {
    demo = await startStorefront({ widgets: false, collector: false });
  });
  afterAll(() => demo?.close());

  it('adds to cart via the product form, shows the line in the drawer, reaches checkout', async () => {
    const page = await newPage();
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    expect(await page.locator('#lifeboat-config').count()).toBe(0);
    await page.click('#ProductSubmitButton-main');
    await page.locator('cart-drawer.active #CartDrawer .cart-item').first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator('#CartDrawer .cart-item__name').first().textContent()).toBe('Linen Tote');
    expect(await page.locator('#cart-icon-bubble .cart-count-bubble').textContent()).toContain('1');
    await Promise.all([page.waitForURL('**/checkout'), page.click('#CartDrawer-Checkout')]);
    expect(await page.locator('h1').textContent()).toBe('Checkout');
    expect(await page.locator('.checkout-line__title').first().textContent()).toBe('Linen Tote - Natural');
    await page.context().close();
  });

  it('shows the 422 sold-out answer from the JSON body status', async () => {
    const page = await newPage();
    await page.goto(`${demo.storeUrl}/products/wool-beanie`);
    await page.selectOption('select[name=id]', '42013');
    await page.click('#ProductSubmitButton-main');
    const error = page.locator('.product-form__error-message');
    await error.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await error.textContent()).toContain('already sold out');
    expect((await cartJs(page)).item_count).toBe(0);
    await page.context().close();
  });

  it('works without JavaScript: form POST → /cart → checkout', async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto(`${demo.storeUrl}/fr/products/ceramic-mug`);
    await Promise.all([page.waitForURL('**/fr/cart'), page.click('#ProductSubmitButton-main')]);
    expect(await page.locator('#main-cart-items .cart-item__name').textContent()).toBe('Ceramic Mug');
    await Promise.all([page.waitForURL('**/fr/checkout'), page.click('#checkout')]);
    expect(await page.locator('h1').textContent()).toBe('Checkout');
    await page.context().close();
  });
});

describe('Standard Storefront Actions emulation (?native=1)', () => {
  let demo: Storefront;
  beforeAll(async () => {
    demo = await startStorefront({ widgets: false, collector: false });
  });
  afterAll(() => demo?.close());

  it('updateCart adds with a lines-update event, declines sold out with userErrors, openCart opens the drawer', async () => {
    const page = await newPage();
    await page.goto(`${demo.storeUrl}/products/enamel-pin?native=1`);
    const result = await page.evaluate(async () => {
      const w = window as any;
      const seen: string[] = [];
      document.addEventListener('shopify:cart:lines-update', (e: any) => seen.push(`${e.detail.action}:${typeof e.promise?.then}`));
      const ok = await w.Shopify.actions.updateCart({ lines: [{ merchandiseId: 'gid://shopify/ProductVariant/42051', quantity: 2 }] });
      const declined = await w.Shopify.actions.updateCart({ lines: [{ merchandiseId: 'gid://shopify/ProductVariant/42041', quantity: 1 }] });
      await w.Shopify.actions.openCart();
      return { seen, count: ok.cart.item_count, okErrors: ok.userErrors.length, declined: declined.userErrors[0]?.message, isDefault: w.Shopify.actions.isDefault() };
    });
    expect(result).toEqual({ seen: ['add:function', 'add:function'], count: 2, okErrors: 0, declined: "The product 'Sold-out Scarf' is already sold out.", isDefault: true });
    await page.locator('cart-drawer.active #CartDrawer .cart-item').first().waitFor({ state: 'visible', timeout: 10_000 });
    // Without ?native=1 (the cookie remembers the switch, so turn it off explicitly) there are no actions.
    await page.goto(`${demo.storeUrl}/?native=0`);
    expect(await page.evaluate(() => typeof (window as any).Shopify.actions)).toBe('undefined');
    await page.context().close();
  });
});

describe('store with the smart cart and no Lifeboat', () => {
  let demo: Storefront;
  beforeAll(async () => {
    demo = await startStorefront({ lifeboat: false, smartcart: true, collector: false });
  });
  afterAll(() => demo?.close());

  it('healthy: add-to-cart goes through the smart cart drawer to checkout', async () => {
    await demo.setChaos('cart', { mode: 'healthy' });
    const page = await newPage();
    await page.goto(`${demo.storeUrl}/products/enamel-pin`);
    await page.waitForFunction(() => (window as unknown as { SmartCart?: { status: string } }).SmartCart?.status === 'ready', null, { timeout: 10_000 });
    await page.click('#ProductSubmitButton-main');
    await page.locator('#smartcart-root.smartcart--open .smartcart-line').first().waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.locator('#smartcart-root .smartcart-line__title').textContent()).toBe('Enamel Pin');
    // The theme's drawer stayed hidden by the app's take-over style.
    expect(await page.locator('cart-drawer').isVisible()).toBe(false);
    expect(demo.vendorRequests('cart').some((r) => r.path === '/api/v2/events')).toBe(true);
    await Promise.all([page.waitForURL('**/checkout'), page.click('#smartcart-root .smartcart-checkout')]);
    expect(await page.locator('.checkout-line__title').textContent()).toBe('Enamel Pin');
    await page.context().close();
  });

  for (const mode of ['hang', 'script-throws'] as const) {
    it(`${mode}: the add-to-cart click and the cart icon are swallowed (the incident)`, async () => {
      await demo.setChaos('cart', { mode });
      const page = await newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${demo.storeUrl}/products/enamel-pin`);
      await page.waitForFunction(() => typeof (window as unknown as { SmartCart?: unknown }).SmartCart === 'object', null, { timeout: 10_000 });
      await page.click('#ProductSubmitButton-main');
      await page.click('#cart-icon-bubble');
      await page.waitForTimeout(1500);
      expect(page.url()).toBe(`${demo.storeUrl}/products/enamel-pin`);
      expect((await cartJs(page)).item_count).toBe(0);
      expect(await page.locator('cart-drawer').isVisible()).toBe(false);
      expect(await page.locator('#smartcart-root').count()).toBe(0);
      if (mode === 'script-throws') expect(errors.join()).toMatch(/loadV2Settings/);
      await page.context().close();
    });
  }
});
