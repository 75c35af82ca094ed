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
export async function checkout(page: Page): Promise<number> {
  const t0 = Date.now();
  const button = (await whichCart(page)) === 'widget' ? '#smartcart-root .smartcart-checkout' : '#CartDrawer-Checkout';
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
