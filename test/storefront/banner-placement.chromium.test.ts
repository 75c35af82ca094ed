// The shopper must SEE the degraded-mode notice, where the native cart serves them, and it must
// never stand between them and checkout. With the smart cart hanging, at 1280×800 and 390×844:
// - the theme's drawer serves the add: the notice is inside it, above the line, rendered, inside
//   the viewport, its box clear of the checkout button's; CLS 0; axe-core finds nothing;
// - the cart page: a toast, rendered, inside the viewport, clear of checkout and the cart icon;
// - dismissed from the keyboard, it stays dismissed for the session.
// A Horizon-like drawer (a <dialog> the theme morphs) is checked with the built degraded chunk.
// Screenshots go to test-artifacts/.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStorefront, type Storefront } from '../../examples/storefront/src/index.js';
import { cls, demoConfig, newContext, shifts } from './support.js';

const BUDGET = 2000;
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];
const ARTIFACTS = 'test-artifacts';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let browser: Browser;
let demo: Storefront;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
  demo = await startStorefront({ collector: false, config: (base) => demoConfig(base, { budget: BUDGET, guard: { timeout: BUDGET + 500 } }) });
  await demo.setChaos('cart', { mode: 'hang' });
});
afterAll(async () => {
  await demo?.close();
  await browser?.close();
});

type Box = { left: number; top: number; right: number; bottom: number; width: number; height: number };

/** What the shopper sees of `selector`: rendered, inside the viewport, on top at its centre. */
function seen(page: Page, selector: string) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      rendered: el.checkVisibility({ visibilityProperty: true, opacityProperty: true }),
      inViewport: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth,
      onTop: !!hit && el.contains(hit),
      box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
    };
  }, selector);
}

const overlap = (a: Box, b: Box) => Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));

/**
 * What a tap at the centre and near the corners of `selector` hits, for every point that is not
 * the element itself (or inside it): [] when nothing covers it. The element must be in the viewport.
 */
function coveredAt(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const target = document.querySelector(sel);
    if (!target) return [`${sel} missing`];
    const r = target.getBoundingClientRect();
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

/** axe-core's violations on the whole page, as `rule: target…` lines ([] when none). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The notice is a polite status whose spoken copy says "basic mode" once it is shown. */
async function expectAnnounced(page: Page): Promise<void> {
  const n = page.locator('#lifeboat-banner');
  expect(await n.getAttribute('role')).toBe('status');
  expect(await n.getAttribute('aria-live')).toBe('polite');
  await expect.poll(() => n.locator('span').nth(1).textContent(), { timeout: 3000 }).toContain('basic mode');
  expect(await n.evaluate((el) => [el, ...el.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name)).filter((a) => a.startsWith('on')))).toEqual([]);
}

/**
 * Waits until Lifeboat holds the ground (it injects the widget's script right after): a click
 * before that is the theme's own, whose drawer may already be open when the take-over comes —
 * the notice then waits for the drawer to close rather than push its lines down.
 */
const holding = (page: Page) => page.waitForFunction(() => !!document.querySelector('script[src*="/smartcart.js"]'), null, { timeout: 10_000 });

/** Presses Tab until `selector` has focus (at most 40 times); true when it got there. */
async function tabTo(page: Page, selector: string): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    if (await page.evaluate((s) => document.activeElement === document.querySelector(s), selector)) return true;
    await page.keyboard.press('Tab');
  }
  return false;
}

describe.each(VIEWPORTS.map((v) => [`${v.width}x${v.height}`, v] as const))('notice at %s, smart cart hanging', (size, viewport) => {
  it('drawer: inside it above the line, visible, clear of checkout; cart page: a toast clear of checkout; CLS 0; axe 0; dismissal lasts the session', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(`${demo.storeUrl}/products/linen-tote`, { waitUntil: 'domcontentloaded' });
    await holding(page);

    // The add lands while the widget starts; past the budget the theme's drawer serves it.
    await page.click('#ProductSubmitButton-main');
    await page.locator('cart-drawer.active #CartDrawer .cart-item').first().waitFor({ state: 'visible', timeout: BUDGET + 8000 });
    await page.locator('cart-drawer.active #lifeboat-banner').waitFor({ state: 'visible', timeout: 5000 });
    await page.waitForTimeout(400); // let the drawer settle before measuring

    const notice = (await seen(page, '#lifeboat-banner'))!;
    expect(notice).toMatchObject({ rendered: true, inViewport: true, onTop: true });
    const checkout = (await seen(page, '#CartDrawer-Checkout'))!;
    expect(checkout).toMatchObject({ rendered: true, inViewport: true, onTop: true });
    expect(overlap(notice.box, checkout.box)).toBe(0);
    expect(await coveredAt(page, '#CartDrawer-Checkout')).toEqual([]);
    expect(await coveredAt(page, '.drawer__close')).toEqual([]);
    const line = (await seen(page, 'cart-drawer .cart-item'))!;
    expect(line.rendered).toBe(true);
    expect(notice.box.bottom).toBeLessThanOrEqual(line.box.top); // above the line
    await expectAnnounced(page);
    expect(await shifts(page)).toEqual([]);
    expect(await cls(page)).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/notice-drawer-${size}.png` });
    expect(await axeViolations(page)).toEqual([]);

    // The next page is served natively from the start (guard open): the cart page shows a toast.
    await page.goto(`${demo.storeUrl}/cart`);
    await page.locator('#lifeboat-banner').waitFor({ state: 'visible', timeout: BUDGET + 5000 });
    await page.waitForTimeout(400);
    const toast = (await seen(page, '#lifeboat-banner'))!;
    expect(toast).toMatchObject({ rendered: true, inViewport: true, onTop: true });
    for (const sel of ['#checkout', '#cart-icon-bubble']) {
      const other = (await seen(page, sel))!;
      if (!other.inViewport) continue; // below the fold: checked once scrolled to, below
      expect(overlap(toast.box, other.box), sel).toBe(0);
      expect(await coveredAt(page, sel), sel).toEqual([]);
    }
    // Wherever the shopper scrolls checkout to, the toast is not over it.
    for (const block of ['end', 'center', 'start'] as const) {
      await page.evaluate((b) => document.querySelector('#checkout')!.scrollIntoView({ block: b }), block);
      await page.waitForTimeout(100);
      expect(await coveredAt(page, '#checkout'), `checkout scrolled to ${block}`).toEqual([]);
    }
    await page.evaluate(() => scrollTo(0, 0));
    await page.waitForTimeout(100);
    await expectAnnounced(page);
    expect(await shifts(page)).toEqual([]);
    expect(await cls(page)).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/notice-cart-page-${size}.png` });
    expect(await axeViolations(page)).toEqual([]);

    // Dismissed from the keyboard (Tab reaches its real <button>, Enter presses it)…
    expect(await page.locator('#lifeboat-banner button').getAttribute('aria-label')).toBe('Dismiss notice');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await tabTo(page, '#lifeboat-banner button')).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#lifeboat-banner').waitFor({ state: 'detached', timeout: 2000 });
    expect(await cls(page)).toBe(0);

    // …and stays dismissed for the session: not on the next cart page, not in the drawer.
    await page.goto(`${demo.storeUrl}/cart`);
    await page.goto(`${demo.storeUrl}/products/ceramic-mug`);
    await page.click('#ProductSubmitButton-main');
    await page.locator('cart-drawer.active #CartDrawer .cart-item').first().waitFor({ state: 'visible', timeout: 8000 });
    await page.waitForTimeout(1000);
    expect(await page.locator('#lifeboat-banner').count()).toBe(0);
    await context.close();
  });
});

describe('notice in the drawer, keyboard (390x844)', () => {
  it('Tab reaches its button inside the open drawer; Enter dismisses it; the drawer stays open with focus in it; checkout still works', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${demo.storeUrl}/products/linen-tote`, { waitUntil: 'domcontentloaded' });
    await holding(page);
    await page.click('#ProductSubmitButton-main');
    await page.locator('cart-drawer.active #lifeboat-banner').waitFor({ state: 'visible', timeout: BUDGET + 8000 });
    expect(await tabTo(page, '#lifeboat-banner button')).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('#lifeboat-banner').waitFor({ state: 'detached', timeout: 2000 });
    expect(await page.locator('cart-drawer.active').isVisible()).toBe(true);
    expect(await page.evaluate(() => !!document.activeElement?.closest('cart-drawer'))).toBe(true);
    expect(await cls(page)).toBe(0); // the lines move up, right after the shopper's key press
    await Promise.all([page.waitForURL('**/checkout', { timeout: 15_000 }), page.click('#CartDrawer-Checkout', { timeout: 5000 })]);
    await context.close();
  });
});

// A drawer built the way Horizon builds its own (markup written for this test): <theme-drawer> →
// <dialog> (closed: not rendered) → <cart-drawer-component style=display:contents> →
// `.cart-drawer__inner` (header, <cart-items-component>), re-rendered by morphing its children.
const HORIZON_LIKE = `<!doctype html><html lang="fr"><head><title>Horizon-like</title><meta name="viewport" content="width=device-width">
<style>
  body{margin:0;font:16px/1.5 sans-serif}
  dialog.theme-drawer__dialog{position:fixed;inset:0 0 0 auto;margin:0;width:min(420px,100vw);height:100dvh;max-height:none;padding:0;border:0;background:#fff}
  cart-drawer-component{display:contents}
  .cart-drawer__inner{display:flex;flex-direction:column;height:100%;overflow:hidden}
  .theme-drawer__header{display:flex;justify-content:space-between;align-items:center;padding:16px}
  .cart-drawer__inner>.cart-items-component{flex:1;min-height:0;display:flex;flex-direction:column}
  .cart-drawer__content{display:flex;flex-direction:column;flex:1;min-height:0;padding:0 16px}
  .cart-drawer__items{flex:1;overflow:auto}
  .cart-drawer__summary{padding:16px 0}
  #checkout{width:100%;min-height:48px;background:#111;color:#fff;border:0;font:inherit}
</style></head><body>
<header><h1>Boutique</h1><a href="/cart" id="cart-icon-bubble">Panier</a></header>
<main><p>Produit</p></main>
<theme-drawer id="cart-drawer"><dialog class="theme-drawer__dialog" aria-labelledby="cart-drawer-heading"><cart-drawer-component>
  <div class="cart-drawer__inner">
    <div class="theme-drawer__header"><h2 id="cart-drawer-heading">Panier</h2><button type="button" class="theme-drawer__close-button" aria-label="Fermer"><svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16"><path d="M3 3l10 10M13 3L3 13" stroke="currentColor"/></svg></button></div>
    <cart-items-component class="cart-items-component" data-drawer><div class="cart-drawer__content">
      <div class="cart-drawer__items"><p class="line">Sac en lin</p></div>
      <div class="cart-drawer__summary"><button type="submit" id="checkout" name="checkout">Paiement</button></div>
    </div></cart-items-component>
  </div>
</cart-drawer-component></dialog></theme-drawer>
</body></html>`;

describe('Horizon-like drawer (390x844), the built degraded chunk', () => {
  it('goes in while the dialog is closed, shows above the lines in French when it opens, survives a morph, CLS 0, axe 0', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.route(`${demo.storeUrl}/horizon-like`, (route) => route.fulfill({ contentType: 'text/html', body: HORIZON_LIKE }));
    await page.goto(`${demo.storeUrl}/horizon-like`);
    // A string, so the test runner does not rewrite the page's import().
    await page.evaluate(`(async () => {
      const d = await import('/lifeboat/lifeboat.shopify.degraded.js');
      window.__reports = [];
      d.showBanner({ config: { banner: { enabled: true } }, fleet: () => undefined, report: (e) => window.__reports.push(e) }, 'smartcart');
    })()`);
    const placed = await page.evaluate(() => {
      const n = document.getElementById('lifeboat-banner');
      return { parent: n?.parentElement?.className, next: n?.nextElementSibling?.localName, rendered: n?.checkVisibility() };
    });
    expect(placed).toEqual({ parent: 'cart-drawer__inner', next: 'cart-items-component', rendered: false });

    await page.evaluate(() => document.querySelector('dialog')!.showModal());
    await page.waitForTimeout(300);
    const notice = (await seen(page, '#lifeboat-banner'))!;
    expect(notice).toMatchObject({ rendered: true, inViewport: true, onTop: true });
    const checkout = (await seen(page, '#checkout'))!;
    expect(checkout).toMatchObject({ rendered: true, inViewport: true, onTop: true });
    expect(overlap(notice.box, checkout.box)).toBe(0);
    expect(notice.box.bottom).toBeLessThanOrEqual((await seen(page, '.line'))!.box.top);
    expect(await page.locator('#lifeboat-banner').textContent()).toContain('mode simplifié');
    expect(await page.locator('#lifeboat-banner').getAttribute('lang')).toBe('fr');
    expect(await page.locator('#lifeboat-banner button').getAttribute('aria-label')).toBe('Fermer le message');

    // A morph drops what the theme did not render; the notice is back before the next frame.
    await page.evaluate(() => {
      const inner = document.querySelector('.cart-drawer__inner')!;
      document.getElementById('lifeboat-banner')!.remove();
      inner.querySelector('.line')!.textContent = 'Sac en lin ×2';
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.getElementById('lifeboat-banner')?.nextElementSibling?.localName)).toBe('cart-items-component');
    expect(await shifts(page)).toEqual([]);
    expect(await cls(page)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __reports: unknown[] }).__reports)).toEqual([{ type: 'banner', action: 'shown', guard: 'smartcart' }]);
    await page.screenshot({ path: `${ARTIFACTS}/notice-horizon-like-390x844.png` });
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('Horizon-like drawer already open when the notice comes (390x844)', () => {
  it('does not push the open drawer’s lines down: it waits, goes in once the drawer is closed, and shows when it reopens', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.route(`${demo.storeUrl}/horizon-like`, (route) => route.fulfill({ contentType: 'text/html', body: HORIZON_LIKE }));
    await page.goto(`${demo.storeUrl}/horizon-like`);
    await page.evaluate(() => document.querySelector('dialog')!.showModal());
    await page.waitForTimeout(200);
    const lineTop = async () => (await seen(page, '.line'))!.box.top;
    const before = await lineTop();
    await page.evaluate(`(async () => {
      const d = await import('/lifeboat/lifeboat.shopify.degraded.js');
      d.showBanner({ config: { banner: { enabled: true } }, fleet: () => undefined, report: () => {} }, 'smartcart');
    })()`);
    await page.waitForTimeout(300);
    expect(await page.locator('#lifeboat-banner').count()).toBe(0);
    expect(await lineTop()).toBe(before);
    expect(await cls(page)).toBe(0);
    await page.evaluate(() => document.querySelector('dialog')!.close());
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => document.getElementById('lifeboat-banner')?.parentElement?.className)).toBe('cart-drawer__inner');
    await page.evaluate(() => document.querySelector('dialog')!.showModal());
    await page.waitForTimeout(200);
    expect(await seen(page, '#lifeboat-banner')).toMatchObject({ rendered: true, inViewport: true, onTop: true });
    expect(await shifts(page)).toEqual([]);
    expect(await cls(page)).toBe(0);
    await context.close();
  });
});
