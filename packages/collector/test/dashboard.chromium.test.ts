// The vendor dashboard in real Chromium against a collector filled by the synthetic shoppers
// (real SDK instances sending real beacons): the numbers each view shows, an incident from open
// to history, a kill-switch change and its rollout, sessions and roles, an XSS payload from a
// beacon, axe-core on every view, and screenshots of every view at 1280×800 and 390×844
// (test-artifacts/dashboard/).
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShoppers, type Shoppers, type Tally } from '../../../examples/shoppers/shoppers.js';
import { launchChromium } from '../../../test/support/chromium.js';
import { startCollector, type RunningCollector } from '../src/app.js';
import { fleetOf } from '../src/fleet/plugin.js';

const PK = 'pk_dash_smartcart';
const READ = 'rt_dash_read_token_0001';
const ADMIN = 'at_dash_admin_token_0001';
const SHOPS = 10;
const ARTIFACTS = new URL('../../../test-artifacts/dashboard/', import.meta.url);
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

// The dashboard's own formatting (client/format.ts), to compare what it shows with the tally.
const count = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (a: number, b: number) => (b > 0 ? `${((a / b) * 100).toFixed(1)}%` : '–');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('vendor dashboard in Chromium', () => {
  let c: RunningCollector;
  let fleet: Shoppers;
  let browser: Browser;
  let offset = 0;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];

  /** Moves the collector's clock: windows, incidents and the status document follow it; so do the page's ranges. */
  const advance = (ms: number) => void (offset += ms);
  const tick = () => fleetOf(c.ctx)!.detector.tick();
  /** Shoppers call for `ms`, then everything they did is stored. */
  const traffic = async (ms: number) => {
    fleet.resume();
    await sleep(ms);
    fleet.pause();
    await fleet.flush();
    await c.ctx.aggregator.flush();
  };

  const newPage = async (viewport = VIEWPORTS[0]) => {
    const ctx = await browser.newContext({ viewport });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    return page;
  };
  const signedIn = async (token: string, viewport = VIEWPORTS[0], name?: string) => {
    const page = await newPage(viewport);
    await page.goto(`${c.url}/dashboard`);
    await page.fill('#token', token);
    if (name) await page.fill('#name', name);
    await page.click('#signin button[type=submit]');
    await page.waitForSelector('#role');
    return page;
  };
  /** Loads a view afresh and waits for its first completed refresh. */
  const open = async (page: Page, view: string) => {
    await page.goto('about:blank');
    await page.goto(`${c.url}/dashboard#/${view}`);
    await page.waitForFunction(() => Number(document.getElementById('root')?.dataset.ticks ?? 0) >= 1, undefined, { timeout: 20_000 });
  };
  const text = (page: Page, sel: string) => page.locator(sel).first().innerText();
  const stat = (page: Page, guard: string, key: string) => text(page, `section.guard[data-guard="${guard}"] [data-stat="${key}"] dd`);

  beforeAll(async () => {
    c = await startCollector({
      port: 0,
      db: ':memory:',
      logLevel: 'silent',
      config: {
        apps: [{ app: 'smartcart', publicKey: PK, origins: ['https://shop.example'], guards: ['cart', 'recs'] }],
        tokens: { read: [READ], admin: [ADMIN] },
        flushIntervalMs: 500,
        status: { maxAgeSeconds: 1 },
        // Ticks are driven by the test.
        // Every synthetic browser is on this machine: one client address.
        incidents: { windowMinutes: 1, failureShare: 0.5, openShare: 0.3, minCalls: 20, minShops: 3, minClients: 1, resolveShare: 0.2, evaluateEveryMs: 3_600_000 },
      },
    });
    c.ctx.now = () => Date.now() + offset;
    fleet = await startShoppers({
      collector: c.url,
      publicKey: PK,
      app: 'smartcart',
      origin: 'https://shop.example',
      shops: SHOPS,
      rate: 40,
      guards: { cart: 0.6, recs: 0.4 },
      failures: { cart: 0, recs: 0.2 },
      flushInterval: 1000,
      statusMaxAge: 1000,
      latency: [5, 60],
    });
    fleet.pause();
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => undefined);
    await browser?.close();
    await fleet?.stop();
    await c?.close();
  });

  it('a page without a session gets the sign-in form, and a wrong token says so without loading anything', async () => {
    const page = await newPage();
    await page.goto(`${c.url}/dashboard`);
    const form = page.locator('#signin');
    await form.waitFor();
    expect(await form.isVisible()).toBe(true);
    expect(await page.locator('#token').boundingBox()).toMatchObject({ x: expect.any(Number) });
    expect(await page.locator('#role').count()).toBe(0);
    await page.fill('#token', 'rt_wrong_token_000');
    await page.click('#signin button[type=submit]');
    await page.waitForFunction(() => /unknown token/.test(document.getElementById('signin-error')?.textContent ?? ''));
    expect(await page.locator('nav').count()).toBe(0);
    problems.splice(0, problems.length, ...problems.filter((p) => !/status of 401/.test(p)));
    expect(page.url()).not.toContain('token');
    // The sign-in answer set a cookie the page cannot read.
    expect(await page.evaluate(() => document.cookie)).toBe('');
  });

  it('each view shows the numbers of the synthetic traffic', async () => {
    await traffic(4000);
    const { byGuard, byShop } = fleet.tally();
    expect(byGuard.cart.success).toBeGreaterThan(30);
    expect(byGuard.recs.failure).toBeGreaterThan(0);
    const page = await signedIn(READ);
    expect(await text(page, '#role')).toBe('Signed in: read');
    await open(page, 'overview');
    for (const guard of ['cart', 'recs']) {
      const t: Tally = byGuard[guard];
      const attempts = t.success + t.failure + t.timeout;
      const calls = attempts + t.reject;
      const shops = Object.entries(byShop).filter(([k]) => k.endsWith(`\u0000${guard}`));
      const affected = shops.filter(([, v]) => v.failure + v.timeout > 0).length;
      expect(await stat(page, guard, 'calls'), guard).toBe(count(calls));
      expect(await stat(page, guard, 'failure'), guard).toBe(pct(t.failure, attempts));
      expect(await stat(page, guard, 'timeout'), guard).toBe(pct(t.timeout, attempts));
      expect(await stat(page, guard, 'fallback'), guard).toBe(pct(t.fallback, calls));
      expect(await stat(page, guard, 'shops'), guard).toBe(`${affected} of ${shops.length}`);
      expect(await stat(page, guard, 'p95'), guard).toMatch(/^\d[\d,]* ms$/);
      // Four charts per guard, drawn and visible.
      const canvases = page.locator(`section.guard[data-guard="${guard}"] canvas`);
      expect(await canvases.count()).toBe(4);
      expect(await canvases.first().isVisible()).toBe(true);
    }
    // The x-axis is the chosen hour, although the data covers a few seconds; empty minutes are gaps.
    const fig = page.locator('section.guard[data-guard="cart"] figure.chart').first();
    const [xMin, xMax, buckets, gaps] = await Promise.all(['xMin', 'xMax', 'buckets', 'gaps'].map((k) => fig.evaluate((el, key) => Number((el as HTMLElement).dataset[key]), k)));
    expect(xMax - xMin).toBe(3_600_000);
    expect(Math.abs(xMax - (Date.now() + offset))).toBeLessThan(60_000);
    // One bucket per minute the hour touches: 60, or 61 when it does not start on a minute.
    expect([60, 61]).toContain(buckets);
    expect(gaps).toBeGreaterThanOrEqual(buckets - 3);
    // cart never failed: no browser had its breaker open.
    expect(await stat(page, 'cart', 'open')).toBe('0.0%');
    expect(await text(page, '#live')).toMatch(/last update \d\d:\d\d:\d\d/);

    // A custom range (whole minutes, as the inputs take them): the axis is exactly that range.
    const from = Math.floor((Date.now() + offset) / 60_000) * 60_000 - 20 * 60_000;
    const to = from + 30 * 60_000;
    const local = (t: number) => page.evaluate((x) => new Date(x - new Date(x).getTimezoneOffset() * 60_000).toISOString().slice(0, 16), t);
    await page.selectOption('#range', 'custom');
    await page.fill('#from', await local(from));
    await page.fill('#to', await local(to));
    await page.click('#apply-range');
    await page.waitForFunction(() => Number(document.getElementById('root')?.dataset.ticks ?? 0) >= 1);
    const customFig = page.locator('section.guard[data-guard="cart"] figure.chart').first();
    expect(await customFig.evaluate((el) => [Number((el as HTMLElement).dataset.xMin), Number((el as HTMLElement).dataset.xMax)])).toEqual([from, to]);
    expect(await text(page, '#live')).toMatch(/^Fixed range/);
    expect(await stat(page, 'cart', 'calls')).toBe(count(byGuard.cart.success + byGuard.cart.failure + byGuard.cart.timeout + byGuard.cart.reject));

    await open(page, 'shops');
    const shop = 'shop-003.myshopify.com';
    const row = page.locator('#range tr', { hasText: shop }).filter({ hasText: 'cart' });
    const t = byShop[`${shop}\u0000cart`];
    expect(await row.locator('td').nth(2).innerText()).toBe(count(t.success + t.failure + t.timeout + t.reject));

    await open(page, `shop/${shop}`);
    expect(await text(page, 'h1.view-title')).toBe(`Shop ${shop}`);
    expect(await stat(page, 'cart', 'calls')).toBe(count(t.success + t.failure + t.timeout + t.reject));
    expect(await stat(page, 'cart', 'shops')).toBe('0 of 1');

    await open(page, 'incidents');
    expect(await text(page, '#open')).toContain('No open incident.');
  });

  let incidentId = '';
  it('an incident started by synthetic failures appears, resolves and stays in the history with its timeline', async () => {
    advance(3 * 60_000);
    fleet.setFailure('cart', 1);
    await traffic(4000);
    const opened = await tick();
    expect(opened.opened.map((i) => i.guard)).toEqual(['cart']);
    incidentId = opened.opened[0].id;

    const page = await signedIn(READ);
    await open(page, 'incidents');
    const openTable = page.locator('#open');
    expect(await openTable.innerText()).toContain('cart');
    await open(page, 'overview');
    expect(await text(page, 'section.guard[data-guard="cart"] .marks')).toContain('incident (open) on cart');
    await open(page, `incident/${incidentId}`);
    expect(await text(page, 'h1.view-title')).toBe('Incident on cart');
    expect(await text(page, '.timeline')).toMatch(/Opened: failures across shops · failure share 100\.0%/);
    expect(await page.locator('#ms tbody tr').count()).toBeGreaterThanOrEqual(3);

    // The backend recovers; the window calms, then stays calm for a full window.
    fleet.setFailure('cart', 0);
    advance(2 * 60_000);
    await traffic(1500);
    expect((await tick()).resolved).toEqual([]);
    advance(2 * 60_000);
    const resolved = await tick();
    expect(resolved.resolved.map((i) => i.id)).toEqual([incidentId]);

    await open(page, 'incidents');
    expect(await text(page, '#open')).toContain('No open incident.');
    const past = page.locator('#past tbody tr', { hasText: 'cart' });
    expect(await past.count()).toBe(1);
    await past.locator('a').click();
    await page.waitForFunction(() => /Resolved/.test(document.querySelector('.timeline')?.textContent ?? ''), undefined, { timeout: 20_000 });
    const steps = await page.locator('.timeline li strong').allInnerTexts();
    expect(steps[0]).toBe('Opened');
    expect(steps.indexOf('Calming')).toBeGreaterThan(0);
    expect(steps.indexOf('Resolved')).toBeGreaterThan(steps.indexOf('Calming'));
    // Resolving starts the coordinated recovery: a mode the detector set, in the same timeline.
    expect(await text(page, '.timeline')).toMatch(/Mode set: auto \(recovery-started\) by incident/);
    expect(await text(page, 'section.guard[data-guard="cart"] .marks')).toContain('incident (resolved) on cart');
  });

  it('a mode change is confirmed, marked on the charts, and its rollout rises as browsers pick up the document', async () => {
    advance(60_000);
    const page = await signedIn(ADMIN, VIEWPORTS[0], 'Dana Ops');
    expect(await text(page, '#role')).toBe('Signed in: admin');
    await open(page, 'switch');
    await page.fill('#sw-guard', 'cart');
    await page.check('#sw-mode-open');
    await page.fill('#sw-reason', 'cart backend drill');
    await page.click('#switch button[type=submit]');
    const confirm = page.locator('.confirm');
    expect(await confirm.isVisible()).toBe(true);
    expect(await confirm.innerText()).toMatch(/Set cart of smartcart to open for every shop.*Expected rollout: most browsers within about/s);
    // Nothing changed before the confirmation.
    const before = await (await fetch(`${c.url}/v1/apps/smartcart/modes`, { headers: { authorization: `Bearer ${READ}` } })).json();
    expect(before.status.guards.cart?.mode).not.toBe('open');
    await confirm.locator('button.danger').click();
    await page.waitForFunction(() => /cart set to open at/.test(document.getElementById('message')?.textContent ?? ''));
    expect(await text(page, '#message')).toMatch(/most within about \d/);
    const modes = await (await fetch(`${c.url}/v1/apps/smartcart/modes`, { headers: { authorization: `Bearer ${READ}` } })).json();
    const changeAt: number = modes.status.generatedAt;
    expect(modes.status.guards.cart).toMatchObject({ mode: 'open', reason: 'cart backend drill' });

    // Early: the first browsers re-read the document; then all of them.
    await traffic(800);
    await open(page, 'switch');
    const share = async () => Number(/^(\d+)%/.exec(await text(page, `.rollout[data-guard="cart"] .rollout-figure`))?.[1] ?? -1);
    const early = await share();
    for (let i = 0; i < 40 && fleet.obeying(changeAt) < fleet.browsers; i++) await sleep(250);
    expect(fleet.obeying(changeAt)).toBe(fleet.browsers);
    advance(60_000);
    await traffic(3000);
    await open(page, 'switch');
    const late = await share();
    expect(late).toBe(100);
    expect(late).toBeGreaterThanOrEqual(early);
    expect(await page.locator('.rollout[data-guard="cart"] canvas').count()).toBe(1);
    expect(await text(page, '.rollout[data-guard="cart"]')).toMatch(/Expected: most browsers within about/);
    // The audit trail says who changed what.
    const audit = await text(page, '#audit tbody');
    expect(audit).toMatch(/Dana Ops \(dashboard admin token:[0-9a-f]{12}\)\tset-mode\tcart\tauto \(Recovering after incident inc_[0-9a-f]{16}\)\topen \(cart backend drill\)/);
    // Every chart of the guard marks the change.
    await open(page, 'overview');
    expect(await text(page, 'section.guard[data-guard="cart"] .marks')).toMatch(/cart set to open \(set-mode\) by Dana Ops/);
  });

  it('a read session cannot change modes', async () => {
    const page = await signedIn(READ);
    await open(page, 'switch');
    expect(await page.locator('#switch button[type=submit]').isDisabled()).toBe(true);
    expect(await page.locator('#sw-guard').isDisabled()).toBe(true);
    expect(await page.locator('#read-only').isVisible()).toBe(true);
    const status = await page.evaluate(async () => {
      const s = await (await fetch('/dashboard/session')).json();
      const r = await fetch('/v1/admin/apps/smartcart/guards/cart/mode', {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-lifeboat-csrf': s.csrf },
        body: JSON.stringify({ mode: 'closed' }),
      });
      return r.status;
    });
    expect(status).toBe(403);
    problems.splice(0, problems.length, ...problems.filter((p) => !/status of 403/.test(p)));
  });

  it('an XSS payload sent in a beacon renders as inert text', async () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
    const r = await fetch(`${c.url}/v1/beacons?key=${PK}`, {
      method: 'POST',
      headers: { origin: 'https://shop.example' },
      body: JSON.stringify({
        v: 1, id: 'xsstest000000001', sentAt: Date.now(), app: 'smartcart', shop: 'shop-001.myshopify.com', page: 'cart', sdk: '1.0.0',
        events: [{ type: 'sdk-error', age: 0, code: 'fallback-threw', message: payload, guard: 'cart' }],
      }),
    });
    expect(r.status).toBe(202);
    await c.ctx.aggregator.flush();
    const page = await signedIn(READ);
    await open(page, 'shop/shop-001.myshopify.com');
    const cell = page.locator('#ev td', { hasText: 'window.__xss=1' });
    expect(await cell.innerText()).toBe(`fallback-threw: ${payload}`);
    expect(await cell.isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main script').count()).toBe(0);
  });

  it('every view passes axe-core with 0 violations, fits 1280 px and a phone, and is kept as a screenshot', async () => {
    const views = ['overview', 'incidents', `incident/${incidentId}`, 'shops', 'shop/shop-003.myshopify.com', 'switch'];
    const failures: string[] = [];
    for (const viewport of VIEWPORTS) {
      const size = `${viewport.width}x${viewport.height}`;
      const scan = async (page: Page, name: string) => {
        await page.screenshot({ path: new URL(`${name.replace(/\/.*$/, '')}-${size}.png`, ARTIFACTS).pathname, fullPage: true });
        // axe goes in through the DevTools protocol: the page's CSP (script-src 'self') stays on.
        await page.evaluate(AXE);
        const result = await page.evaluate(async () => {
          const r = await (window as unknown as { axe: { run(c: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ['violations'] });
          return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
        for (const v of result) failures.push(`${name} @ ${size}: ${v}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) failures.push(`${name} @ ${size}: ${overflow}px wider than the viewport`);
      };
      const anon = await newPage(viewport);
      await anon.goto(`${c.url}/dashboard`);
      await anon.locator('#signin').waitFor();
      await scan(anon, 'signin');
      const page = await signedIn(ADMIN, viewport);
      for (const v of views) {
        await open(page, v);
        await sleep(300); // charts fit their box on the next frame
        await scan(page, v);
      }
    }
    expect(failures).toEqual([]);
    expect(problems).toEqual([]);
  });
});
