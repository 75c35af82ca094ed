// The npm + Vite example as a shopper gets it: the page is built with Vite (the same config
// `npm run build` uses), served from 127.0.0.1 with the demo reviews backend, and opened in
// Chromium. A healthy backend shows the reviews; a failing or hanging one shows the fallback note,
// rendered and on screen, within the guard's budget.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { launchChromium } from '../../../test/support/chromium.js';
import { shownOnScreen } from '../../../test/support/shownOnScreen.js';
import { startServer, type TestServer } from '../../../test/support/static-server.js';
import { reviewsBackend } from '../vite.config.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sdkDist = fileURLToPath(new URL('../../../packages/sdk/dist/index.js', import.meta.url));

let outDir: string;
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  // The example imports the published entry point (packages/sdk/dist), as an npm install would.
  if (!existsSync(sdkDist)) throw new Error('packages/sdk/dist is missing: run `npm run build:browser` first');
  outDir = mkdtempSync(join(tmpdir(), 'lifeboat-npm-vite-'));
  await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  server = await startServer({ root: outDir, routes: reviewsBackend });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

/** Opens the product page in a fresh context (fresh IndexedDB, so a fresh breaker). */
async function open(query = ''): Promise<{ page: Page; backendCalls: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const backendCalls: string[] = [];
  page.on('request', (r) => new URL(r.url()).pathname === '/api/reviews' && backendCalls.push(r.url()));
  await page.goto(`${server.url}/index.html${query}`);
  return {
    page,
    backendCalls,
    close: async () => {
      await context.close();
      // Whatever the backend did, the page itself never threw.
      expect(errors).toEqual([]);
    },
  };
}


/** The `reviews` breaker's state as persisted in IndexedDB (object store `breakers`), if saved yet. */
const persistedState = (page: Page) =>
  page.evaluate(async () => {
    const req = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    for (const { name } of await indexedDB.databases()) {
      if (!name) continue;
      const db = await req(indexedDB.open(name));
      try {
        if (!db.objectStoreNames.contains('breakers')) continue;
        const rec = (await req(db.transaction('breakers').objectStore('breakers').get('reviews'))) as { state?: string } | undefined;
        if (rec?.state) return rec.state;
      } finally {
        db.close();
      }
    }
    return undefined;
  });

describe('examples/npm-vite', () => {
  it('builds one JS bundle with the SDK in it (gzip size printed)', () => {
    const assets = readdirSync(join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
    expect(assets).toHaveLength(1);
    const js = readFileSync(join(outDir, 'assets', assets[0]));
    const gzip = gzipSync(js, { level: 9 }).length;
    console.log(`examples/npm-vite bundle ${assets[0]}: ${js.length} bytes, ${gzip} bytes gzip (level 9)`);
    expect(String(js)).toContain('reviews');
    expect(gzip).toBeGreaterThan(0);
  });

  it('a healthy backend: the widget shows the reviews', async () => {
    const { page, close } = await open();
    await page.locator('#reviews[data-source="widget"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('#reviews .reviews-summary').textContent()).toBe('4.6 out of 5 (128 reviews)');
    expect(await page.locator('#reviews .reviews-list li').count()).toBe(2);
    expect(await shownOnScreen(page, '#reviews .reviews-list')).toBe('visible');
    expect(await page.locator('.reviews-fallback').count()).toBe(0);
    await close();
  });

  it('a backend answering 500: the shopper sees the fallback note instead', async () => {
    const { page, backendCalls, close } = await open('?fail=500');
    await page.locator('#reviews[data-source="fallback"]').waitFor({ timeout: 10_000 });
    expect(await page.getAttribute('#reviews', 'data-reason')).toBe('error');
    expect(await page.locator('.reviews-fallback').textContent()).toContain('Reviews are not available right now');
    expect(await shownOnScreen(page, '.reviews-fallback')).toBe('visible');
    expect(await page.locator('.reviews-loading').count()).toBe(0);

    // The next page in the same browser: the breaker opened on that failure (default
    // volumeThreshold 1) and is persisted, so the note comes at once and the backend is not called.
    expect(backendCalls).toHaveLength(1);
    // The write is asynchronous; a shopper's next click comes long after it, a test's does not.
    await expect.poll(() => persistedState(page), { timeout: 5000 }).toBe('open');
    await page.goto(`${server.url}/index.html?fail=500`);
    await page.locator('#reviews[data-source="fallback"]').waitFor({ timeout: 10_000 });
    expect(await page.getAttribute('#reviews', 'data-reason')).toBe('open');
    expect(await shownOnScreen(page, '.reviews-fallback')).toBe('visible');
    expect(backendCalls).toHaveLength(1);
    await close();
  });

  it('a backend that never answers: the fallback note replaces the loading text (guard timeout)', async () => {
    const { page, close } = await open('?fail=hang');
    // The guard's budget is 1.5 s; the wait allows for a loaded machine.
    await page.locator('#reviews[data-source="fallback"]').waitFor({ timeout: 10_000 });
    expect(await page.getAttribute('#reviews', 'data-reason')).toBe('timeout');
    expect(await shownOnScreen(page, '.reviews-fallback')).toBe('visible');
    expect(await page.locator('.reviews-loading').count()).toBe(0);
    await close();
  });
});
