import 'fake-indexeddb/auto';
import { createStore, get, set } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatusDocument } from '../types.js';
import { fakeLifeboat, type FakeLifeboat } from '../../test/support/fakeLifeboat.js';
import { attachStatus, CACHE_LIMIT } from './statusClient.js';
import { checkStatus } from './checkStatus.js';
import { createLifeboat } from '../createLifeboat.js';

const URL_ = 'http://collector.test/v1/status/pk_test_smartcart.json';
const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
};
const advance = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
};
const doc = (mode: 'open' | 'closed' | 'auto', generatedAt = 1): StatusDocument => ({ v: 1, generatedAt, guards: { cart: { mode, reason: 'incident', incident: 'inc_1' } } });

let requests: { url: string; ifNoneMatch?: string }[];
let answer: () => Response | Promise<Response>;
const json = (d: unknown, etag?: string) => () => new Response(JSON.stringify(d), { status: 200, headers: etag ? { etag } : {} });
const setVisibility = (v: 'visible' | 'hidden') => {
  Object.defineProperty(document, 'visibilityState', { value: v, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};
const detachers: (() => void)[] = [];
const attach = (lb: FakeLifeboat) => {
  const d = attachStatus(lb, undefined, { checkStatus });
  detachers.push(d);
  return d;
};
const cacheOf = (lb: FakeLifeboat) => createStore(`${lb.config.storageName}-status`, 'status');
const errors = (lb: FakeLifeboat) => {
  const list: unknown[] = [];
  lb.on('report', (e) => list.push(e.event));
  return list;
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: 1_795_000_000_000 });
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  requests = [];
  answer = json(doc('open'), '"v1"');
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ url, ifNoneMatch: (init.headers as Record<string, string>)['if-none-match'] });
    return answer();
  });
});
afterEach(() => {
  detachers.splice(0).forEach((d) => d());
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('attachStatus', () => {
  it('attaches nothing without a collector or with status off', async () => {
    for (const over of [{ collector: undefined }, { status: { enabled: false } }]) attach(fakeLifeboat(over));
    await advance(1000);
    expect(requests).toEqual([]);
  });

  it('fetches, applies and caches the document with its ETag', async () => {
    const lb = fakeLifeboat();
    attach(lb);
    await advance(400);
    expect(requests).toEqual([{ url: URL_, ifNoneMatch: undefined }]);
    expect(lb.applied).toEqual([doc('open')]);
    expect(await get('doc', cacheOf(lb))).toEqual({ d: doc('open'), e: '"v1"', t: expect.any(Number) });
  });

  it('applies a cached document at start, before the network answers, and asks once at start with its ETag', async () => {
    const lb = fakeLifeboat();
    await set('doc', { d: doc('open'), e: '"v1"', t: Date.now() - 1000 }, cacheOf(lb));
    answer = () => new Promise(() => {}); // the network never answers
    attach(lb);
    await advance(10);
    expect(lb.applied).toEqual([doc('open')]);
    // However young the cached copy: a kill switch set since must reach a new page within the CDN's max-age.
    expect(requests).toEqual([{ url: URL_, ifNoneMatch: '"v1"' }]);
  });

  it('an open page asks again every maxAge (checked every maxAge / 4 while visible), 304s keep the document', async () => {
    const lb = fakeLifeboat({ status: { maxAge: 15_000 } });
    answer = json(doc('auto'), '"v1"');
    attach(lb);
    await advance(10);
    expect(requests).toHaveLength(1);
    answer = () => new Response(null, { status: 304, headers: { etag: '"v1"' } });
    await advance(14_000);
    expect(requests).toHaveLength(1);
    await advance(5_000); // asked just after 0 s: the check at 15 s (every 3.75 s) is a hair early, the one at 18.75 s finds it due
    expect(requests).toEqual([
      { url: URL_, ifNoneMatch: undefined },
      { url: URL_, ifNoneMatch: '"v1"' },
    ]);
    expect(lb.applied).toEqual([doc('auto')]);
    answer = json(doc('open', 2), '"v2"');
    await advance(15_000); // due again at 33.75 s
    expect(requests).toHaveLength(3);
    expect(lb.applied.at(-1)).toEqual(doc('open', 2));
  });

  it('lifeboat.ready settles after the cached document is applied (first page after a kill switch)', async () => {
    const storageName = 'lifeboat-test-ready';
    await set('doc', { d: doc('open'), e: '"v1"', t: Date.now() - 10_000 }, createStore(`${storageName}-status`, 'status'));
    answer = () => new Promise(() => {}); // the network never answers
    const lb = createLifeboat({ app: 'smartcart', collector: 'http://collector.test', publicKey: 'pk_test_smartcart', storageName, beacons: { enabled: false } });
    detachers.push(() => lb.destroy());
    expect(lb.fleet('cart')).toBeUndefined();
    await lb.ready;
    expect(lb.fleet('cart')?.mode).toBe('open');
    expect(lb.state('cart')).toBe('open');
  });

  it('the returned ready settles within STORAGE_WAIT_MS when IndexedDB never answers', async () => {
    vi.spyOn(IDBFactory.prototype, 'open').mockImplementation(() => ({}) as IDBOpenDBRequest);
    const lb = fakeLifeboat();
    const d = attach(lb) as ReturnType<typeof attachStatus>;
    let settled = false;
    void d.ready!.then(() => (settled = true));
    await advance(100);
    expect(settled).toBe(false);
    await advance(500);
    expect(settled).toBe(true);
    vi.restoreAllMocks();
  });

  it('revalidates a stale cached document with If-None-Match; a 304 keeps it and makes it fresh', async () => {
    const lb = fakeLifeboat();
    const cache = cacheOf(lb);
    await set('doc', { d: doc('open'), e: '"v1"', t: Date.now() - 120_000 }, cache);
    answer = () => new Response(null, { status: 304 });
    attach(lb);
    await advance(10);
    expect(requests).toEqual([{ url: URL_, ifNoneMatch: '"v1"' }]);
    expect(lb.applied).toEqual([doc('open')]); // applied once, from the cache
    expect(((await get('doc', cache)) as { t: number }).t).toBeGreaterThan(1_795_000_000_000 - 1000);
  });

  it('does not act on a cached document older than a day, unless the collector vouches for it (304)', async () => {
    const lb = fakeLifeboat();
    await set('doc', { d: doc('open'), e: '"v1"', t: Date.now() - CACHE_LIMIT - 1 }, cacheOf(lb));
    let release!: (r: Response) => void;
    answer = () => new Promise((r) => (release = r));
    attach(lb);
    await advance(10);
    expect(lb.applied).toEqual([]);
    release(new Response(null, { status: 304 }));
    await settle();
    expect(lb.applied).toEqual([doc('open')]);
  });

  it('keeps the last known document on any error and reports one sdk-error per page', async () => {
    const lb = fakeLifeboat({ status: { maxAge: 1000, timeout: 500 } }); // retried after maxAge
    const reports = errors(lb);
    attach(lb);
    await advance(400);
    expect(lb.applied).toEqual([doc('open')]);
    for (const bad of [
      () => new Response('oops', { status: 503 }),
      () => Promise.reject(new TypeError('Failed to fetch')),
      () => new Response('<html>', { status: 200 }),
      json({ v: 2, guards: {} }),
      () => new Promise<Response>(() => {}), // hangs: the timeout gives up
    ]) {
      answer = bad;
      await advance(2100);
    }
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(lb.applied).toEqual([doc('open')]); // nothing else was applied
    expect(reports).toEqual([{ type: 'sdk-error', code: 'status-unavailable', message: expect.stringMatching(/^(HTTP 503|TypeError: Failed to fetch)$/) }]);
  });

  it('refreshes when the page becomes visible and the document is stale, not before', async () => {
    const lb = fakeLifeboat();
    attach(lb);
    await advance(10);
    expect(requests).toHaveLength(1);
    setVisibility('hidden');
    await advance(10_000);
    setVisibility('visible');
    await settle();
    expect(requests).toHaveLength(1); // asked 10 s ago: not due (maxAge 15 s)
    setVisibility('hidden');
    await advance(120_000); // no timer while hidden
    expect(requests).toHaveLength(1);
    answer = json(doc('closed'), '"v2"');
    setVisibility('visible');
    await settle();
    expect(requests).toEqual([
      { url: URL_, ifNoneMatch: undefined },
      { url: URL_, ifNoneMatch: '"v1"' },
    ]);
    expect(lb.applied.at(-1)).toEqual(doc('closed'));
  });

  it('stops on detach', async () => {
    const lb = fakeLifeboat();
    attach(lb)();
    await advance(200_000);
    expect(requests).toEqual([]);
  });
});

describe('checkStatus', () => {
  it('accepts the document and leaves out bad entries one by one', () => {
    expect(
      checkStatus({
        v: 1,
        generatedAt: 5,
        extra: true,
        guards: {
          cart: { mode: 'open', reason: 'r'.repeat(300), incident: 'inc_1', probe: 0.2, banner: 'b', unknown: 1 },
          recs: { mode: 'auto', incident: null, probe: 7 },
          'bad name': { mode: 'open' },
          search: { mode: 'off' },
          nope: null,
        },
      }),
    ).toEqual({
      v: 1,
      generatedAt: 5,
      guards: { cart: { mode: 'open', reason: 'r'.repeat(200), incident: 'inc_1', probe: 0.2, banner: 'b' }, recs: { mode: 'auto', incident: null } },
    });
  });
  it('refuses what is not a v1 document', () => {
    for (const x of [null, 'x', [], { v: 2, guards: {} }, { v: 1 }, { v: 1, guards: 'open' }]) expect(checkStatus(x)).toBeUndefined();
  });
});
