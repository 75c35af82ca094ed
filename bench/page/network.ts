/**
 * 2. What Chromium fetches: every Lifeboat script response (`lifeboat.shopify*.js`) in the
 * network log of the demo store's product page and home page, healthy cart app and healthy
 * recommendations, on a browser's first view (fresh profile) and on a repeat view (same context,
 * second navigation once the first has settled and gone idle).
 *
 * The demo store serves these files uncompressed (no `content-encoding`); a CDN would gzip them,
 * so each body is sized by `gzip -9n` here. A response that did arrive compressed is counted by
 * its encoded body size instead, as the network log has it.
 */
import type { BrowserContext, Page, Response } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium.js';
import { startStorefront, type Storefront } from '../../examples/storefront/src/index.js';
import { LOADER, isLifeboatUrl } from './dist.js';
import { gzip9n } from './gzip.js';

export interface Fetched {
  file: string;
  status: number;
  /** Bytes of the body as Chromium got it (decoded). */
  bodyBytes: number;
  /** The budget's unit: encoded bytes as served when the server compressed, else `gzip -9n` of the body. */
  gzip: number;
  /** How `gzip` was obtained. */
  gzipFrom: 'content-encoding' | 'gzip -9n of the body';
  /** Milliseconds after the navigation started that the response arrived; `afterLoad` tells whether the load event came first. */
  atMs: number;
  afterLoad: boolean;
}

export interface View {
  url: string;
  files: Fetched[];
  totalGzip: number;
  /** What a shopper got: the smart cart ready, recommendation cards in the slot. */
  widget: string;
  recsCards: number;
}

export interface NetworkResult {
  chromium: string;
  collector: string;
  productFirst: View;
  productRepeat: View;
  homeFirst: View;
  homeRepeat: View;
  /** Whether the home page (no recommendations slot) fetched only the loader and, after load, one core chunk. */
  homeOnlyLoaderAndCore: { met: boolean; why: string };
}

const QUIET_MS = 2500;
const MAX_SETTLE_MS = 20_000;

/** Collects Lifeboat script responses of one navigation. */
function recorder(page: Page) {
  const pending: Array<Promise<Fetched | undefined>> = [];
  let t0 = Date.now();
  let loadAt = Infinity;
  let lastActivity = Date.now();
  page.on('request', () => (lastActivity = Date.now()));
  page.on('requestfinished', () => (lastActivity = Date.now()));
  page.on('load', () => (loadAt = Date.now()));
  page.on('response', (res: Response) => {
    lastActivity = Date.now();
    if (!isLifeboatUrl(res.url())) return;
    const at = Date.now();
    pending.push(
      (async () => {
        const body = await res.body().catch(() => undefined);
        if (!body) return undefined;
        const encoding = (await res.headerValue('content-encoding')) ?? '';
        const sizes = await res.request().sizes().catch(() => undefined);
        const compressed = /gzip|br|deflate|zstd/.test(encoding) && sizes;
        return {
          file: new URL(res.url()).pathname.split('/').pop()!,
          status: res.status(),
          bodyBytes: body.length,
          gzip: compressed ? sizes.responseBodySize : gzip9n(body),
          gzipFrom: compressed ? 'content-encoding' : 'gzip -9n of the body',
          atMs: at - t0,
          afterLoad: at > loadAt,
        } satisfies Fetched;
      })(),
    );
  });
  return {
    start() {
      pending.length = 0;
      t0 = Date.now();
      loadAt = Infinity;
      lastActivity = Date.now();
    },
    /** Waits for the load event, then for the network to stay quiet and the main thread to go idle. */
    async settle() {
      const end = Date.now() + MAX_SETTLE_MS;
      while (Date.now() < end && (loadAt === Infinity || Date.now() - Math.max(lastActivity, loadAt) < QUIET_MS)) await page.waitForTimeout(200);
      await page.evaluate(() => new Promise<void>((r) => (window.requestIdleCallback ?? setTimeout)(() => r(), { timeout: 3000 })));
      return (await Promise.all(pending)).filter((f): f is Fetched => !!f);
    },
  };
}

async function view(page: Page, rec: ReturnType<typeof recorder>, url: string): Promise<View> {
  rec.start();
  await page.goto(url, { waitUntil: 'load' });
  const files = await rec.settle();
  const state = await page.evaluate(() => ({
    widget: (window as unknown as { SmartCart?: { status?: string } }).SmartCart?.status ?? 'absent',
    recsCards: document.querySelectorAll('[data-lifeboat-recommendations] a').length,
  }));
  return { url: new URL(url).pathname + new URL(url).search, files, totalGzip: files.reduce((s, f) => s + f.gzip, 0), ...state };
}

/** First view in a fresh context, then the repeat view in the same context. */
async function firstAndRepeat(context: BrowserContext, url: string): Promise<[View, View]> {
  const page = await context.newPage();
  const rec = recorder(page);
  const first = await view(page, rec, url);
  const repeat = await view(page, rec, url);
  await page.close();
  return [first, repeat];
}

/** The home page's budget: the loader, and at most one chunk (the core, by name) requested after the load event. */
export function homeVerdict(views: View[]): { met: boolean; why: string } {
  const problems: string[] = [];
  for (const v of views) {
    const others = v.files.filter((f) => f.file !== LOADER);
    if (!v.files.some((f) => f.file === LOADER)) problems.push(`${v.url}: the loader was not fetched`);
    const names = [...new Set(others.map((f) => f.file))];
    if (names.length > 1) problems.push(`fetched ${names.join(', ')}`);
    for (const f of others) {
      if (!/core/i.test(f.file)) problems.push(`${f.file} is not a core chunk`);
      else if (!f.afterLoad) problems.push(`${f.file} arrived before the load event`);
    }
  }
  const unique = [...new Set(problems)];
  return unique.length ? { met: false, why: unique.join('; ') } : { met: true, why: 'loader, then the core chunk after load' };
}

export async function measureNetwork(): Promise<NetworkResult> {
  const warnings: string[] = [];
  const demo: Storefront = await startStorefront({ warn: (m) => warnings.push(m) });
  const browser = await launchChromium();
  try {
    await demo.setChaos('cart', { mode: 'healthy' });
    await demo.setChaos('recs', { mode: 'healthy' });
    // Explicit switches: the demo remembers them in cookies, and this is the Lifeboat variant.
    const product = `${demo.storeUrl}/products/linen-tote?lifeboat=1&smartcart=0`;
    const home = `${demo.storeUrl}/?lifeboat=1&smartcart=0`;
    const fresh = () => browser.newContext({ viewport: { width: 1280, height: 800 } });
    const c1 = await fresh();
    const [productFirst, productRepeat] = await firstAndRepeat(c1, product);
    await c1.close();
    const c2 = await fresh();
    const [homeFirst, homeRepeat] = await firstAndRepeat(c2, home);
    await c2.close();
    return {
      chromium: browser.version(),
      collector: `${demo.collectorKind}${warnings.length ? ` (${warnings.join('; ')})` : ''}`,
      productFirst,
      productRepeat,
      homeFirst,
      homeRepeat,
      homeOnlyLoaderAndCore: homeVerdict([homeFirst, homeRepeat]),
    };
  } finally {
    await browser.close();
    await demo.close();
  }
}
