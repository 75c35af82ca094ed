// The guard core in real Chromium, with the built bundle (npx rollup -c): a breaker opened on one
// page is still open on the next (for the rest of its period, without calling the backend and
// without waiting), probes once when that period ends, is shared by two tabs, and a page whose
// IndexedDB is missing or blocked still works.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test/support/chromium.js';
import { startServer, type TestServer } from '../../../test/support/static-server.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const RESET = 2500;
const TIMEOUT = 300;

const html = `<!doctype html><meta charset="utf-8"><title>guard</title><body>
<script type="module">
import { createLifeboat } from '/lifeboat.browser.js';
window.events = [];
const lb = createLifeboat({ storageName: 'guard-e2e', defaults: { volumeThreshold: 1, errorThresholdPercentage: 1, timeout: ${TIMEOUT}, resetTimeout: ${RESET}, resetJitter: 0 } });
for (const type of ['transition', 'sdk-error', 'reject', 'fallback'])
  lb.on(type, (e) => events.push({ type, ...e, error: e.error === undefined ? undefined : String(e.error), at: Date.now() }));
window.calls = 0;
const shape = (r) => ({ value: r.value, fromFallback: r.fromFallback, reason: r.reason });
// The backend: /hang never answers, /ok answers 'ok'; both counted by the server too.
window.call = async (path) => {
  const t0 = performance.now();
  const r = await lb.run('cart', (signal) => (calls++, fetch(path, { signal }).then((res) => res.text())), { fallback: 'native' });
  return { ...shape(r), ms: performance.now() - t0 };
};
window.lb = lb;
await lb.ready;
window.pageReady = true;
</script>`;

interface PageWindow {
  pageReady?: boolean;
  calls: number;
  events: Array<Record<string, unknown>>;
  call(path: string): Promise<{ value: string; fromFallback: boolean; reason?: string; ms: number }>;
  lb: { state(g: string): string; applyStatus(d: unknown): void };
}
type W = Window & PageWindow;

describe('guard core in Chromium', () => {
  let site: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  const hits = { ok: 0, hang: 0 };

  const open = async (tab: Page) => {
    await tab.goto(`${site.url}/page`);
    await tab.waitForFunction(() => (window as unknown as W).pageReady === true, undefined, { timeout: 15_000 });
  };
  const call = (tab: Page, path: '/ok' | '/hang') => tab.evaluate((p) => (window as unknown as W).call(p), path);
  const state = (tab: Page) => tab.evaluate(() => (window as unknown as W).lb.state('cart'));
  const events = (tab: Page, type: string) =>
    tab.evaluate((t) => (window as unknown as W).events.filter((e) => e.type === t), type);

  beforeAll(async () => {
    if (!existsSync(`${dist}lifeboat.browser.js`)) throw new Error('packages/sdk/dist/lifeboat.browser.js is missing: run "npx rollup -c" first');
    site = await startServer({
      root: dist,
      pages: { '/page': html },
      routes: (req, res) => {
        if (req.url === '/ok') {
          hits.ok++;
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
          return true;
        }
        if (req.url === '/hang') {
          hits.hang++;
          return true; // never answered
        }
        return false;
      },
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext(); // a fresh profile: empty IndexedDB
    hits.ok = hits.hang = 0;
  });

  it('trip, reload: still open, work not called, no waiting; after the remaining reset time it probes once', async () => {
    const tab = await context.newPage();
    await open(tab);
    expect(await call(tab, '/ok')).toMatchObject({ value: 'ok', fromFallback: false });
    const tripped = await call(tab, '/hang');
    expect(tripped).toMatchObject({ value: 'native', fromFallback: true, reason: 'timeout' });
    expect(tripped.ms).toBeGreaterThanOrEqual(TIMEOUT - 5);
    expect(await state(tab)).toBe('open');
    const openedAt = Date.now();

    await tab.reload();
    await tab.waitForFunction(() => (window as unknown as W).pageReady === true);
    expect(await state(tab)).toBe('open');
    expect(await events(tab, 'transition')).toMatchObject([{ guard: 'cart', from: 'closed', to: 'open', reason: 'restored' }]);
    const hangsBefore = hits.hang;
    const fast = await call(tab, '/hang');
    expect(fast).toMatchObject({ value: 'native', fromFallback: true, reason: 'open' });
    expect(fast.ms).toBeLessThan(100); // zero waiting, generous slack for a loaded machine
    expect(await tab.evaluate(() => (window as unknown as W).calls)).toBe(0);
    expect(hits.hang).toBe(hangsBefore);

    // Half-open when the first page's period ends — not a full new period from the reload.
    await tab.waitForFunction(() => (window as unknown as W).lb.state('cart') === 'half-open', undefined, { timeout: RESET * 2 });
    const halfOpenAt = Date.now();
    expect(halfOpenAt - openedAt).toBeGreaterThanOrEqual(RESET - 400);
    expect(halfOpenAt - openedAt).toBeLessThan(RESET + 1500);
    // Exactly one probe: two calls at once, the backend sees one.
    const [a, b] = await tab.evaluate(() => Promise.all([(window as unknown as W).call('/ok'), (window as unknown as W).call('/ok')]));
    expect([a.fromFallback, b.fromFallback].sort()).toEqual([false, true]);
    expect(hits.ok).toBe(2); // the first page's healthy call + the probe
    expect(await state(tab)).toBe('closed');
    expect((await events(tab, 'transition')).map((e) => `${e.to}:${e.reason}`)).toEqual(['open:restored', 'half-open:reset-timeout', 'closed:probe-succeeded']);
  });

  it('two tabs of the same shop see each other’s transitions', async () => {
    const a = await context.newPage();
    const b = await context.newPage();
    await open(a);
    await open(b);
    await call(a, '/hang');
    expect(await state(a)).toBe('open');
    await b.waitForFunction(() => (window as unknown as W).lb.state('cart') === 'open', undefined, { timeout: 5000 });
    expect(await events(b, 'transition')).toMatchObject([{ guard: 'cart', from: 'closed', to: 'open', reason: 'tab' }]);
    const r = await call(b, '/hang');
    expect(r).toMatchObject({ fromFallback: true, reason: 'open' });
    expect(await b.evaluate(() => (window as unknown as W).calls)).toBe(0);

    // And back: the fleet closes it in tab A, tab B follows.
    await a.evaluate(() => (window as unknown as W).lb.applyStatus({ v: 1, generatedAt: Date.now(), guards: { cart: { mode: 'closed' } } }));
    await b.waitForFunction(() => (window as unknown as W).lb.state('cart') === 'closed', undefined, { timeout: 5000 });
    expect((await events(b, 'transition')).at(-1)).toMatchObject({ from: 'open', to: 'closed', reason: 'tab' });
    expect(await call(b, '/ok')).toMatchObject({ value: 'ok', fromFallback: false });
  });

  const noIndexedDb = {
    'indexedDB.open throws (blocked storage)': () => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      };
    },
    'indexedDB.open never answers': () => {
      IDBFactory.prototype.open = () => ({}) as IDBOpenDBRequest;
    },
    'indexedDB is undefined': () => {
      Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    },
  };
  for (const [title, script] of Object.entries(noIndexedDb))
    it(`${title}: the page still works, with one sdk-error`, async () => {
      const tab = await context.newPage();
      await tab.addInitScript(script);
      const pageErrors: Error[] = [];
      tab.on('pageerror', (e) => pageErrors.push(e));
      await open(tab);
      expect(await call(tab, '/ok')).toMatchObject({ value: 'ok', fromFallback: false });
      await call(tab, '/hang');
      expect(await state(tab)).toBe('open'); // in memory
      expect(await call(tab, '/ok')).toMatchObject({ fromFallback: true, reason: 'open' });
      const errors = await events(tab, 'sdk-error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'storage-unavailable' });
      expect(pageErrors).toEqual([]);
    });
});
