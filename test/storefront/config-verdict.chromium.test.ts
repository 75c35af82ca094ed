// The loader's cached config verdict in real Chromium: the first page of a browser loads the
// validate chunk (full zod validation), the next page with the same config does not, and a
// changed config is validated again. The widget comes up on every page.
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


it('validates once per browser per config version', async () => {
  await demo.setChaos('cart', { mode: 'healthy' });
  const context = await newContext(browser);
  const validated: string[] = [];
  context.on('request', (r) => r.url().includes('lifeboat.shopify.validate.js') && validated.push(r.url()));
  const page = await context.newPage();
  try {
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await widgetReady(page, 10_000);
    expect(validated).toHaveLength(1);

    await page.goto(`${demo.storeUrl}/collections/all`);
    await widgetReady(page, 10_000);
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await widgetReady(page, 10_000);
    expect(validated).toHaveLength(1);

    demo.setConfig((base) => demoConfig(base, { budget: 4000 }) as Cfg);
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await widgetReady(page, 10_000);
    expect(validated).toHaveLength(2);
    await page.goto(`${demo.storeUrl}/cart`);
    await page.goto(`${demo.storeUrl}/products/linen-tote`);
    await widgetReady(page, 10_000);
    expect(validated).toHaveLength(2);
  } finally {
    demo.setConfig(undefined);
    await context.close();
  }
});
