// The loader's config check in real Chromium: a valid config never fetches zod (the cheap check
// decides on every page); an invalid one keeps the store native and fetches the validate chunk,
// whose console message names the field.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startStorefront, type Storefront } from '../../examples/storefront/src/index.js';
import { demoConfig, newContext, widgetReady, type Cfg } from './support.js';

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


it('a valid config: the widget comes up on every page and zod is never fetched', async () => {
  await demo.setChaos('cart', { mode: 'healthy' });
  const context = await newContext(browser);
  const validated: string[] = [];
  context.on('request', (r) => r.url().includes('lifeboat.shopify.validate.js') && validated.push(r.url()));
  const page = await context.newPage();
  try {
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await widgetReady(page, 10_000);
    await page.goto(`${demo.storeUrl}/collections/all`);
    await widgetReady(page, 10_000);
    demo.setConfig((base) => demoConfig(base, { budget: 4000 }) as Cfg);
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await widgetReady(page, 10_000);
    expect(validated).toEqual([]);
  } finally {
    demo.setConfig(undefined);
    await context.close();
  }
});

it('an invalid config: the store stays native, and only then zod explains the field on the console', async () => {
  await demo.setChaos('cart', { mode: 'healthy' });
  const context = await newContext(browser);
  const validated: string[] = [];
  const widget: string[] = [];
  context.on('request', (r) => {
    if (r.url().includes('lifeboat.shopify.validate.js')) validated.push(r.url());
    if (r.url().startsWith(demo.cartVendorUrl)) widget.push(r.url());
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  try {
    demo.setConfig((base) => {
      const c = demoConfig(base, {}) as Cfg & { widgets: Array<Record<string, unknown>> };
      return { ...c, widgets: [{ ...c.widgets[0], budget: '2s' }] } as Cfg;
    });
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await expect.poll(() => errors.join('\n'), { timeout: 10_000 }).toContain('config.widgets.0.budget');
    expect(validated).toHaveLength(1);
    expect(widget).toEqual([]);
    expect(await page.evaluate(() => typeof (window as unknown as { Lifeboat?: unknown }).Lifeboat)).toBe('object');
  } finally {
    demo.setConfig(undefined);
    await context.close();
  }
});
