// The status client in real Chromium against a local stub: the document is applied, cached in
// IndexedDB and applied from the cache on the next page before (or without) the network, revalidated
// with If-None-Match, and a hanging collector costs the page nothing. Uses the built bundle.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test/support/chromium.js';
import { startCollectorStub, type CollectorStub } from '../../../test/support/collector-stub.js';
import { startServer, type TestServer } from '../../../test/support/static-server.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const openDoc = { v: 1, generatedAt: Date.now(), guards: { cart: { mode: 'open', reason: 'vendor down', incident: 'inc_1' } } };

const html = (collector: string) => `<!doctype html><meta charset="utf-8"><title>status</title><body>
<script type="module">
import { createLifeboat } from '/lifeboat.browser.js';
const lb = createLifeboat({
  app: 'smartcart', shop: 'demo-shop.myshopify.com', publicKey: 'pk_test_smartcart',
  collector: ${JSON.stringify(collector)}, storageName: 'status-e2e',
  beacons: { enabled: false }, status: { maxAge: 1000, timeout: 500 },
});
window.lb = lb;
window.mode = () => lb.fleet('cart')?.mode ?? 'unnamed';
window.callCart = async () => {
  const t = performance.now();
  const r = await lb.run('cart', async () => 'vendor', { fallback: 'native' });
  return { value: r.value, ms: performance.now() - t };
};
window.pageReady = true;
</script>`;

describe('status client in Chromium', () => {
  let stub: CollectorStub;
  let site: TestServer;
  let browser: Browser;
  let tab: Page;
  const mode = () => tab.evaluate(() => (window as unknown as { mode(): string }).mode());
  const open = async () => {
    await tab.goto(`${site.url}/page`);
    await tab.waitForFunction(() => (window as unknown as { pageReady?: boolean }).pageReady === true);
  };

  beforeAll(async () => {
    if (!existsSync(`${dist}lifeboat.browser.js`)) throw new Error('packages/sdk/dist/lifeboat.browser.js is missing: run "npx rollup -c" first');
    stub = await startCollectorStub();
    site = await startServer({ root: dist, pages: { '/page': html(stub.url) } });
    browser = await launchChromium();
    tab = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await stub?.close();
  });

  it('applies the document from the collector', async () => {
    stub.status = { doc: openDoc, etag: '"d1"' };
    await open();
    await tab.waitForFunction(() => (window as unknown as { mode(): string }).mode() === 'open', undefined, { timeout: 10_000 });
    expect(await tab.evaluate(() => (window as unknown as { callCart(): Promise<{ value: string }> }).callCart())).toMatchObject({ value: 'native' });
  });

  it('revalidates with If-None-Match and keeps the document on 304', async () => {
    const seen = stub.statusRequests.length;
    await expect.poll(() => stub.statusRequests.slice(seen).some((r) => r.ifNoneMatch === '"d1"'), { timeout: 10_000 }).toBe(true);
    expect(await mode()).toBe('open');
  });

  it('a new page applies the cached document even when the collector fails, and keeps it', async () => {
    stub.status = { fail: 503 };
    await open();
    await tab.waitForFunction(() => (window as unknown as { mode(): string }).mode() === 'open', undefined, { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 2500)); // several failed refreshes later
    expect(await mode()).toBe('open');
  });

  it('a hanging collector delays nothing: calls answer at once, the last document stays', async () => {
    stub.status = { fail: 'hang' };
    await open();
    const r = await tab.evaluate(() => (window as unknown as { callCart(): Promise<{ value: string; ms: number }> }).callCart());
    expect(r.value).toBe('native'); // the cached 'open' is in force
    expect(r.ms).toBeLessThan(250); // generous: no wait for the status fetch (its timeout is 500 ms)
    stub.status = { doc: { v: 1, generatedAt: Date.now(), guards: {} }, etag: '"d2"' };
    await tab.waitForFunction(() => (window as unknown as { mode(): string }).mode() === 'unnamed', undefined, { timeout: 10_000 });
    expect(await tab.evaluate(() => (window as unknown as { callCart(): Promise<{ value: string }> }).callCart())).toMatchObject({ value: 'vendor' });
  });
});
