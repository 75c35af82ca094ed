// The dashboard in a real browser: token in sessionStorage, charts drawn with uPlot, open
// incidents and modes listed, the kill-switch form applying a mode; no script errors under its CSP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startCollector, type RunningCollector } from '../src/app.js';
import { fleetOf } from '../src/fleet/plugin.js';
import { launchChromium } from '../../../test/support/chromium.js';
import { baseConfig, ADMIN, READ, PK, traffic } from './fleet-support.js';

describe('dashboard in Chromium', () => {
  let c: RunningCollector;
  let browser: Browser;
  beforeAll(async () => {
    c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: baseConfig() });
    const now = Date.now();
    for (let m = 30; m >= 0; m--) await traffic(c.ctx.db, now - m * 60_000, { shops: 5, perShop: 40, share: m < 3 ? 0.8 : 0.02 });
    await fleetOf(c.ctx)!.detector.tick();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await c?.close();
  });

  it('shows health, incidents and modes, and flips the kill switch with an admin token', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${c.url}/dashboard`);
    await page.fill('#token', READ);
    await page.click('#token-form button[type=submit]');
    await page.waitForSelector('.chart canvas');
    expect(await page.textContent('#incidents tbody')).toContain('cart');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(1);

    // A read token cannot flip the switch: the error is shown, nothing changes.
    await page.fill('#sw-guard', 'cart');
    await page.selectOption('#sw-mode', 'open');
    await page.click('#switch button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#message')?.className === 'error');
    expect(await page.textContent('#message')).toMatch(/admin token/);

    await page.fill('#token', ADMIN);
    await page.click('#token-form button[type=submit]');
    await page.fill('#sw-reason', 'from the dashboard');
    await page.click('#switch button[type=submit]');
    await page.waitForFunction(() => /now open/.test(document.querySelector('#message')?.textContent ?? ''));
    await page.waitForFunction(() => /from the dashboard/.test(document.querySelector('#modes tbody')?.textContent ?? ''));
    const doc = await (await fetch(`${c.url}/v1/status/${PK}.json`)).json();
    expect(doc.guards.cart).toMatchObject({ mode: 'open', reason: 'from the dashboard' });
    expect(problems.filter((p) => !/status of 403/.test(p))).toEqual([]);
  });
});
