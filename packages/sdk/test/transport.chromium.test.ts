// The beacon transport in real Chromium, against a local beacon sink: navigations, a collector
// that is down, a page closed mid-flight. Uses the built bundle (npx rollup -c).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../test/support/chromium.js';
import { startCollectorStub, type CollectorStub } from '../../../test/support/collector-stub.js';
import { startServer, type TestServer } from '../../../test/support/static-server.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const NAVIGATIONS = 50;

/** A page whose guard runs once and that reports `ready` with `ms` = the page number, to find it again. */
const html = (collector: string) => `<!doctype html><meta charset="utf-8"><title>beacons</title><body><a id="next" href="#">next</a>
<script type="module">
import { createLifeboat } from '/lifeboat.browser.js';
const n = Number(new URLSearchParams(location.search).get('n') ?? 0);
const lb = createLifeboat({
  app: 'smartcart', shop: 'demo-shop.myshopify.com', publicKey: 'pk_test_smartcart',
  collector: ${JSON.stringify(collector)}, storageName: 'beacons-e2e',
  beacons: { sampleRate: 1, flushInterval: 60000 }, status: { enabled: false },
});
await lb.run('cart', async () => 'ok', { fallback: 'native' });
lb.report({ type: 'ready', widget: 'smartcart', ms: n, ok: true });
window.lb = lb;
window.pageReady = true;
</script>`;

describe('beacon transport in Chromium', () => {
  let stub: CollectorStub;
  let site: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  /** The page numbers whose `ready` event the stub holds, counting each batch id once. */
  const pagesSeen = () => {
    const seen = new Map<number, number>();
    for (const { batch } of stub.byId().values())
      for (const e of batch.events) if (e.type === 'ready') seen.set(e.ms as number, (seen.get(e.ms as number) ?? 0) + 1);
    return seen;
  };
  const open = async (tab: Page, n: number) => {
    await tab.goto(`${site.url}/page?n=${n}`);
    await tab.waitForFunction(() => (window as unknown as { pageReady?: boolean }).pageReady === true, undefined, { timeout: 15_000 });
  };
  const until = async (cond: () => boolean, ms: number) => {
    for (const end = Date.now() + ms; !cond() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 100));
    return cond();
  };

  beforeAll(async () => {
    if (!existsSync(`${dist}lifeboat.browser.js`)) throw new Error('packages/sdk/dist/lifeboat.browser.js is missing: run "npx rollup -c" first');
    stub = await startCollectorStub();
    site = await startServer({ root: dist, pages: { '/page': html(stub.url) } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await stub?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await browser.newContext(); // a fresh profile: its own IndexedDB queue
    stub.received.length = 0;
    stub.mode = 'ok';
  });

  it('beacons sent as the page is left arrive, with the page\'s calls and events', async () => {
    const tab = await context.newPage();
    await open(tab, 1);
    await open(tab, 2); // navigating away: visibilitychange → hidden, pagehide → sendBeacon
    expect(await until(() => pagesSeen().has(1), 10_000)).toBe(true);
    const { batch } = stub.received.find((r) => r.batch.events.some((e) => e.type === 'ready' && e.ms === 1))!;
    expect(batch).toMatchObject({ v: 1, app: 'smartcart', shop: 'demo-shop.myshopify.com', page: 'other', sdk: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(batch.events).toContainEqual(expect.objectContaining({ type: 'calls', guard: 'cart', success: 1, failure: 0 }));
    expect(JSON.stringify(batch)).not.toContain('?n=');
  });

  it(`delivers across ${NAVIGATIONS} navigations; reports the delivery rate`, async () => {
    const tab = await context.newPage();
    const started = Date.now();
    for (let n = 1; n <= NAVIGATIONS; n++) await open(tab, n);
    await open(tab, NAVIGATIONS + 1);
    // What sendBeacon delivered at once, then what the queue re-sent within a few seconds.
    await until(() => pagesSeen().size >= NAVIGATIONS, 5000);
    const atOnce = [...pagesSeen().keys()].filter((n) => n <= NAVIGATIONS).length;
    await new Promise((r) => setTimeout(r, 8000)); // the last page re-sends beaconed batches after their grace
    const seen = pagesSeen();
    const delivered = [...seen.keys()].filter((n) => n <= NAVIGATIONS).length;
    const dupes = stub.received.length - stub.byId().size;
    console.log(
      `beacon delivery over ${NAVIGATIONS} navigations: ${delivered}/${NAVIGATIONS} pages (${((100 * delivered) / NAVIGATIONS).toFixed(0)}%) ` +
        `delivered, ${atOnce} by the page-hide beacon alone; ${stub.byId().size} batches, ${dupes} duplicate arrivals ` +
        `(re-sends with the same id, de-duplicated) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(delivered).toBe(NAVIGATIONS);
    for (const [n, count] of seen) expect(count, `page ${n} counted once by id`).toBe(1);
  });

  it('with the collector down, batches are queued and arrive exactly once (by id) after it returns', async () => {
    const tab = await context.newPage();
    await open(tab, 1);
    await stub.stop();
    for (let n = 2; n <= 5; n++) await open(tab, n); // pages 1–4 are left while the collector is down
    expect(stub.received).toEqual([]);
    await stub.start();
    await open(tab, 6); // page 5 is beaconed now; the queue re-sends 1–4 (and 5) after its grace
    expect(await until(() => [1, 2, 3, 4, 5].every((n) => pagesSeen().has(n)), 20_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 2000));
    const seen = pagesSeen();
    for (const n of [1, 2, 3, 4, 5]) expect(seen.get(n), `page ${n}`).toBe(1);
    // And the queue is empty afterwards: none of those batches is sent again.
    const before = new Set(stub.received.map((r) => r.id));
    const count = stub.received.length;
    await tab.evaluate(() => (window as unknown as { lb: { flush(): void } }).lb.flush());
    await new Promise((r) => setTimeout(r, 7000));
    expect(stub.received.slice(count).filter((r) => before.has(r.id))).toEqual([]);
  });

  it('a page closed mid-flight loses no batch the queue held', async () => {
    const tab = await context.newPage();
    await open(tab, 1);
    stub.mode = 'drop'; // every request is read and then cut off with no answer
    await tab.evaluate(() => (window as unknown as { lb: { flush(): void } }).lb.flush()); // fetch, in flight
    await tab.close({ runBeforeUnload: false }); // closed: its pagehide beacon is dropped too
    expect(stub.received).toEqual([]);
    stub.mode = 'ok';
    const next = await context.newPage();
    await open(next, 2);
    // The failed sends opened the transport's breaker (5 s, doubling per failure, +50 % jitter;
    // Chromium may retry a cut POST once): the re-send comes after that wait.
    expect(await until(() => pagesSeen().has(1), 45_000)).toBe(true);
    expect(pagesSeen().get(1)).toBe(1);
  });

  it('without IndexedDB (blocked storage) beacons are still sent and the page is unharmed', async () => {
    await context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
    const tab = await context.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    await open(tab, 1);
    await open(tab, 2);
    expect(await until(() => pagesSeen().has(1), 10_000)).toBe(true);
    expect(errors).toEqual([]);
  });
});
