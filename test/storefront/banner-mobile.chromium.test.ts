// The degraded-mode notice must never stand between the shopper and the cart: on a phone and on a
// desktop, with the smart cart hanging and the theme's drawer serving, checkout (its centre and
// its corners), add-to-cart and the cart icon are what a tap hits, checkout is reached, the notice
// shifts nothing (CLS 0), is a polite status and goes away from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStorefront, type Storefront } from '../../examples/storefront/src/index.js';
import { cls, demoConfig, newContext, shifts } from './support.js';

const BUDGET = 2000;
const VIEWPORTS = [
  { width: 390, height: 700 },
  { width: 1280, height: 800 },
];

let browser: Browser;
let demo: Storefront;

beforeAll(async () => {
  browser = await launchChromium();
  demo = await startStorefront({ collector: false, config: (base) => demoConfig(base, { budget: BUDGET, guard: { timeout: BUDGET + 500 } }) });
  await demo.setChaos('cart', { mode: 'hang' });
});
afterAll(async () => {
  await demo?.close();
  await browser?.close();
});

/**
 * What a tap at the centre and near the corners of `selector` hits, for every point that is not
 * the element itself (or inside it): [] when nothing covers it. The element must be in the viewport.
 */
function coveredAt(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const target = document.querySelector(sel);
    if (!target) return [`${sel} missing`];
    const r = target.getBoundingClientRect();
    // One pixel of slack: scrollIntoView({ block: 'end' }) leaves sub-pixel overhangs.
    if (r.bottom > innerHeight + 1 || r.right > innerWidth + 1 || r.top < -1 || r.left < -1) return [`${sel} outside the viewport: ${JSON.stringify(r)}`];
    const inset = Math.min(4, r.width / 4, r.height / 4) + 1;
    const points = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + inset, r.top + inset],
      [r.right - inset, r.top + inset],
      [r.left + inset, r.bottom - inset],
      [r.right - inset, r.bottom - inset],
    ];
    return points.flatMap(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit && target.contains(hit) ? [] : [`(${Math.round(x)},${Math.round(y)}): ${hit ? hit.outerHTML.slice(0, 100) : 'nothing'}`];
    });
  }, selector);
}

const bannerText = (page: Page) => page.locator('#lifeboat-banner').textContent();

async function expectAccessibleBanner(page: Page): Promise<void> {
  const banner = page.locator('#lifeboat-banner');
  await banner.waitFor({ state: 'attached', timeout: BUDGET + 8000 });
  expect(await banner.getAttribute('role')).toBe('status');
  expect(await banner.getAttribute('aria-live')).toBe('polite');
  await expect.poll(() => bannerText(page), { timeout: 3000 }).toContain('basic mode');
  // No inline handlers anywhere in it.
  expect(await banner.evaluate((el) => [el, ...el.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')))).toEqual([]);
}

describe.each(VIEWPORTS.map((v) => [`${v.width}×${v.height}`, v] as const))('banner at %s, smart cart hanging', (_name, viewport) => {
  it('leaves the drawer, its checkout, add-to-cart and the cart icon uncovered; CLS 0; dismissible by keyboard', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${demo.storeUrl}/products/linen-tote`, { waitUntil: 'domcontentloaded' });

    // The add lands while the widget starts; past the budget the theme's drawer serves it.
    await page.click('#ProductSubmitButton-main');
    await page.locator('cart-drawer.active #CartDrawer .cart-item').first().waitFor({ state: 'visible', timeout: BUDGET + 8000 });
    await expectAccessibleBanner(page);
    await page.waitForTimeout(300); // let any late layout land before measuring

    expect(await coveredAt(page, '#CartDrawer-Checkout')).toEqual([]);
    expect(await coveredAt(page, '.drawer__close')).toEqual([]);
    expect(await shifts(page)).toEqual([]);
    expect(await cls(page)).toBe(0);

    // The shopper's tap reaches checkout (Playwright's click also refuses an element another one covers).
    await Promise.all([page.waitForURL('**/checkout', { timeout: 15_000 }), page.click('#CartDrawer-Checkout', { timeout: 5000 })]);
    await page.locator('h1', { hasText: 'Checkout' }).waitFor();

    // Next page: the guard is open, the native cart serves from the start and the notice appears on
    // its own (no input to excuse a shift).
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await expectAccessibleBanner(page);
    await page.waitForTimeout(300);
    expect(await shifts(page)).toEqual([]);
    expect(await cls(page)).toBe(0);

    // Add-to-cart wherever the shopper scrolls it (the bottom edge is where overlays sit), and the cart icon.
    for (const block of ['end', 'center', 'start'] as const) {
      await page.evaluate((b) => document.querySelector('#ProductSubmitButton-main')!.scrollIntoView({ block: b }), block);
      expect(await coveredAt(page, '#ProductSubmitButton-main'), `add-to-cart scrolled to ${block}`).toEqual([]);
    }
    await page.evaluate(() => scrollTo(0, 0));
    expect(await coveredAt(page, '#cart-icon-bubble')).toEqual([]);

    // The icon opens the drawer; nothing of it is covered either.
    await page.click('#cart-icon-bubble');
    await page.locator('cart-drawer.active').waitFor({ state: 'visible', timeout: 5000 });
    expect(await coveredAt(page, '#CartDrawer-Checkout')).toEqual([]);
    await page.locator('cart-drawer.active .drawer__close').click();
    await page.locator('cart-drawer.active').waitFor({ state: 'detached', timeout: 5000 });

    // The notice can be read where it is (scrolled to) and dismissed from the keyboard: Tab reaches
    // its button (a real <button>), Enter removes it.
    const dismiss = page.locator('#lifeboat-banner button');
    expect(await dismiss.getAttribute('aria-label')).toBe('Dismiss notice');
    await page.evaluate(() => document.getElementById('lifeboat-banner')!.scrollIntoView({ block: 'end' }));
    expect(await coveredAt(page, '#lifeboat-banner button')).toEqual([]);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    let reached = false;
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await dismiss.evaluate((b) => document.activeElement === b);
    }
    expect(reached).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#lifeboat-banner').waitFor({ state: 'detached', timeout: 2000 });
    expect(await cls(page)).toBe(0);
    await context.close();
  });
});

// Dawn's body: a grid whose `1fr` row fills a short page. A notice taking room there would shrink
// that row and move the footer up (a shift); the notice must take none.
const DAWN_BODY = '\nhtml{height:100%}body{display:grid;grid-template-rows:auto 1fr auto;grid-template-columns:100%;min-height:100%}';

describe('Dawn-like grid body on a short page (390×700)', () => {
  it('the notice takes no room: nothing shifts, the footer stays at the bottom, the notice hangs below it', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 700 });
    await page.route('**/assets/theme.css', async (route) => {
      const r = await route.fetch();
      await route.fulfill({ response: r, body: (await r.text()) + DAWN_BODY });
    });
    // The first page's failure opens the guard; on the next one the notice appears on its own.
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await expectAccessibleBanner(page);
    await page.goto(`${demo.storeUrl}/cart`);
    await expectAccessibleBanner(page);
    await page.waitForTimeout(300);

    const geo = await page.evaluate(() => {
      const f = document.querySelector('footer')!.getBoundingClientRect();
      const b = document.getElementById('lifeboat-banner')!;
      return { footerBottom: f.bottom, bannerTop: b.getBoundingClientRect().top, marginBottom: b.style.marginBottom, vh: innerHeight };
    });
    expect(geo.marginBottom).toMatch(/^-\d/); // the zero-room placement was needed here
    expect(Math.abs(geo.footerBottom - geo.vh)).toBeLessThan(1); // the grid still fills the viewport
    expect(geo.bannerTop).toBeGreaterThanOrEqual(geo.footerBottom); // below everything, over nothing
    expect(await shifts(page)).toEqual([]);
    expect(await cls(page)).toBe(0);
    expect(await coveredAt(page, '#cart-icon-bubble')).toEqual([]);
    // Hanging below the body still makes the page scroll to it, and its button takes the tap.
    await page.evaluate(() => document.getElementById('lifeboat-banner')!.scrollIntoView({ block: 'end' }));
    expect(await coveredAt(page, '#lifeboat-banner button')).toEqual([]);
    await context.close();
  });
});
