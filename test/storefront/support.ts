// Shared helpers of the storefront e2e suite: one Chromium, one demo store per file, a fresh
// browser context (fresh IndexedDB = fresh breakers) per scenario, and what a shopper sees.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { lifeboatConfig, type Storefront } from '../../examples/storefront/src/index.js';

export type Cfg = Record<string, unknown>;

/** The demo config with the smart cart's budget, guard options and recs options adjusted. */
export function demoConfig(base: Cfg, opts: { budget?: number; guard?: Cfg; recs?: Cfg; extra?: Cfg } = {}): Cfg {
  const guards = (base.guards ?? {}) as Record<string, Cfg>;
  const widgets = (base.widgets as Cfg[]).map((w) => (w.name === 'smartcart' && opts.budget ? { ...w, budget: opts.budget } : w));
  return {
    ...base,
    guards: { ...guards, smartcart: { ...guards.smartcart, ...opts.guard } },
    widgets,
    recommendations: { ...(base.recommendations as Cfg), ...opts.recs },
    ...opts.extra,
  };
}

export { lifeboatConfig };

/** Every page gets a layout-shift observer before any script runs. */
export async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    const w = window as unknown as { __cls: number; __shifts: unknown[] };
    w.__cls = 0;
    w.__shifts = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: Array<{ node?: Node }> }>) {
          if (e.hadRecentInput) continue;
          w.__cls += e.value;
          w.__shifts.push({ value: e.value, nodes: (e.sources ?? []).map((s) => (s.node as Element | undefined)?.outerHTML?.slice(0, 80)) });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    } catch {}
  });
  return context;
}

export const cls = (page: Page) => page.evaluate(() => (window as unknown as { __cls: number }).__cls);
export const shifts = (page: Page) => page.evaluate(() => (window as unknown as { __shifts: unknown[] }).__shifts);

export const cartJs = (page: Page) =>
  page.evaluate(() => fetch('/cart.js', { headers: { Accept: 'application/json' } }).then((r) => r.json())) as Promise<{ item_count: number; items: Array<{ title: string }> }>;

/** A visible cart showing at least one line: the smart cart's drawer or the theme's. */
export const VISIBLE_CART_WITH_LINE = '#smartcart-root.smartcart--open .smartcart-line, cart-drawer.active #CartDrawer .cart-item';
export const VISIBLE_CART = '#smartcart-root.smartcart--open, cart-drawer.active';

/** Which cart is showing now. */
export async function whichCart(page: Page): Promise<'widget' | 'native' | 'none'> {
  if (await page.locator('#smartcart-root.smartcart--open').isVisible().catch(() => false)) return 'widget';
  if (await page.locator('cart-drawer.active').isVisible().catch(() => false)) return 'native';
  return 'none';
}

/** Clicks checkout in whichever cart is open and waits for the checkout page. */
export async function checkout(page: Page, theme: ThemeName = 'dawn'): Promise<number> {
  const t0 = Date.now();
  const widget = await page.locator('#smartcart-root.smartcart--open').isVisible().catch(() => false);
  const button = widget ? '#smartcart-root .smartcart-checkout' : THEME_UI[theme].checkout;
  await Promise.all([page.waitForURL('**/checkout', { timeout: 15_000 }), page.click(button)]);
  await page.locator('h1', { hasText: 'Checkout' }).waitFor();
  return Date.now() - t0;
}

/** Resolves when the demo's smart cart says it is ready (`timeout` ms, playwright's default without). */
export const widgetReady = (page: Page, timeout?: number) =>
  page.waitForFunction(() => (window as unknown as { SmartCart?: { status: string } }).SmartCart?.status === 'ready', null, timeout === undefined ? undefined : { timeout });

export const scriptRequested = (demo: Storefront) => demo.vendorRequests('cart').some((r) => r.path === '/smartcart.js');

/** Slack for time budgets on a loaded 2-core machine. */
export const SLACK_MS = 2500;

// ---- Theme variants -------------------------------------------------------------------------

export type ThemeName = 'dawn' | 'horizon';

/**
 * The theme variants this run covers: the demo's two, or — in the conformance run
 * (`npm run test:themes -- --dawn <dir> --horizon <dir>`, which sets LIFEBOAT_REAL_DAWN /
 * LIFEBOAT_REAL_HORIZON) — the real themes given.
 */
export function themesUnderTest(): Array<{ theme: ThemeName; real?: string }> {
  const real = realThemes();
  if (!real) return [{ theme: 'dawn' }, { theme: 'horizon' }];
  return (['dawn', 'horizon'] as const).filter((t) => real[t]).map((t) => ({ theme: t, real: real[t] }));
}

/** Another build of the loader to serve (`npm run test:themes -- --dist <dir>`, to compare builds). */
export const lifeboatDist = () => process.env.LIFEBOAT_DIST || undefined;

/** `startStorefront({ realThemes })` for the conformance run, undefined for the demo's fixtures. */
export function realThemes(): { dawn?: string; horizon?: string } | undefined {
  const dawn = process.env.LIFEBOAT_REAL_DAWN || undefined;
  const horizon = process.env.LIFEBOAT_REAL_HORIZON || undefined;
  return dawn || horizon ? { dawn, horizon } : undefined;
}

/** Where each theme variant shows its cart (the smart cart's drawer is the same on both). */
const DEMO_THEME_UI: Record<ThemeName, { line: string; checkout: string; icon: string; open: string }> = {
  dawn: { line: 'cart-drawer.active #CartDrawer .cart-item', checkout: 'cart-drawer.active #CartDrawer-Checkout', icon: '#cart-icon-bubble', open: 'cart-drawer.active' },
  horizon: { line: 'theme-drawer#cart-drawer dialog[open] .cart-item', checkout: 'theme-drawer#cart-drawer dialog[open] #CartDrawer-Checkout', icon: '[aria-controls="cart-drawer"]', open: 'theme-drawer#cart-drawer dialog[open]' },
};
/** Real Horizon's drawer as the conformance fixture renders it (Horizon's own class names). */
const REAL_HORIZON_UI = {
  line: 'theme-drawer#cart-drawer[open] dialog[open] .cart-items__table-row',
  checkout: 'theme-drawer#cart-drawer[open] dialog[open] .cart__checkout-button',
  icon: '[aria-controls="cart-drawer"]',
  open: 'theme-drawer#cart-drawer[open] dialog[open]',
};
export const THEME_UI: Record<ThemeName, { line: string; checkout: string; icon: string; open: string }> = {
  ...DEMO_THEME_UI,
  ...(process.env.LIFEBOAT_REAL_HORIZON ? { horizon: REAL_HORIZON_UI } : {}),
};
export const WIDGET_UI = { line: '#smartcart-root.smartcart--open .smartcart-line', checkout: '#smartcart-root.smartcart--open .smartcart-checkout', open: '#smartcart-root.smartcart--open' };

/**
 * Closes whichever cart is open, the theme's or the widget's. Real Horizon slides its drawer out
 * by animating `right`, a layout shift unless it follows an input: there the shopper's Escape
 * closes it (as a click on its close button would), not a script.
 */
export async function closeCarts(page: Page): Promise<void> {
  const horizonOpen = await page.evaluate(() => {
    (window as unknown as { SmartCart?: { hide?: () => void } }).SmartCart?.hide?.();
    (document.querySelector('cart-drawer') as (HTMLElement & { close?: () => void }) | null)?.close?.();
    const h = document.querySelector('theme-drawer#cart-drawer') as (HTMLElement & { close?: () => void }) | null;
    if (!h) return false;
    if (h.querySelector('dialog[ref="panel"]')) return h.hasAttribute('open');
    h.close?.();
    return false;
  });
  if (horizonOpen) await page.keyboard.press('Escape');
}

/** Which cart shows a line now on this theme. */
export async function cartShowing(page: Page, theme: ThemeName): Promise<'widget' | 'native' | 'none'> {
  if (await page.locator(WIDGET_UI.open).isVisible().catch(() => false)) return 'widget';
  if (await page.locator(THEME_UI[theme].open).first().isVisible().catch(() => false)) return 'native';
  return 'none';
}

/**
 * What a shopper must be able to see for a cart to count as shown: a line naming the product and
 * the checkout button, both rendered (not display:none / visibility:hidden / zero-sized) and
 * inside the viewport, and not covered by something else at their centre.
 */
export async function expectCartShown(page: Page, ui: { line: string; checkout: string }, product: string): Promise<void> {
  for (const [what, sel] of [['line', `${ui.line}`], ['checkout button', ui.checkout]] as const) {
    const el = page.locator(sel).first();
    const seen = await el.evaluate((node) => {
      const e = node as HTMLElement;
      const r = e.getBoundingClientRect();
      const css = getComputedStyle(e);
      const inView = r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {
        rendered: e.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) && css.visibility !== 'hidden',
        inView,
        onTop: !!top && (top === e || e.contains(top) || top.contains(e)),
        text: e.textContent ?? '',
      };
    });
    if (!seen.rendered || !seen.inView || !seen.onTop) throw new Error(`cart ${what} (${sel}) not visible to the shopper: ${JSON.stringify(seen)}`);
    if (what === 'line' && !seen.text.includes(product)) throw new Error(`cart line shows ${JSON.stringify(seen.text.trim())}, not ${product}`);
  }
}

/**
 * Page errors, minus those thrown by the failed widget's own script (its origin): anything left
 * was caused by Lifeboat (directly, or by leaving the theme in a state its scripts throw in).
 */
export function pageErrors(page: Page, widgetOrigin: string): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => {
    if ((e.stack ?? '').includes(widgetOrigin)) return;
    errors.push(`${e.message}\n${(e.stack ?? '').split('\n').slice(1, 3).join('\n')}`);
  });
  return errors;
}
