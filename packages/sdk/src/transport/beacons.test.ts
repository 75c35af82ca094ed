import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LATENCY_BUCKETS, LATENCY_SLOTS, OUTCOMES, ROW_KINDS } from '@lifeboat/schema/lite';
import { createStore, entries } from 'idb-keyval';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KEY_PATTERN, MAX_BATCH_BYTES, MAX_EVENTS_PER_BATCH, parseBeaconBatch, type BeaconBatch } from '../../../schema/src/index.js';
import { fakeLifeboat, type FakeLifeboat } from '../../test/support/fakeLifeboat.js';
import { attachTransport, BEACON_TRUST, GRACE } from './beacons.js';
import { backoff, retryAfter } from './post.js';

const URL_ = 'http://collector.test/v1/beacons?key=pk_test_smartcart';
/** IndexedDB (fake-indexeddb) runs on setImmediate, which stays real; let it finish its work. */
const settle = async () => {
  for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
};
const advance = async (ms: number) => {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
};

let fetches: { url: string; batch: BeaconBatch; keepalive: boolean }[];
let beacons: { url: string; batch: BeaconBatch; body: unknown }[];
let answer: () => Response | Promise<Response>;
let beaconResult: boolean | undefined;
const valid = (body: string) => {
  const r = parseBeaconBatch(JSON.parse(body));
  if (!r.ok) throw new Error(`invalid batch: ${JSON.stringify(r.problems)}`);
  return r.value;
};

const setVisibility = (v: 'visible' | 'hidden') => {
  Object.defineProperty(document, 'visibilityState', { value: v, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: 1_795_000_000_000 });
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
  fetches = [];
  beacons = [];
  answer = () => new Response(null, { status: 202 });
  beaconResult = true;
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    fetches.push({ url, batch: valid(init.body as string), keepalive: !!init.keepalive });
    return answer();
  });
  Object.defineProperty(navigator, 'sendBeacon', {
    configurable: true,
    value: (url: string, body: string) => {
      if (beaconResult === undefined) throw new TypeError('blocked');
      if (beaconResult) beacons.push({ url, batch: valid(body), body });
      return beaconResult;
    },
  });
});
// Every instance a test attaches is detached after it, as destroy() would: the window is shared.
const detachers: (() => void)[] = [];
const attach = (lb: FakeLifeboat) => {
  const d = attachTransport(lb);
  detachers.push(d);
  return d;
};
afterEach(() => {
  detachers.splice(0).forEach((d) => d());
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** What the queue holds: IndexedDB, plus what page hide stashed in localStorage (moved on the next drain). */
const queued = async (lb: FakeLifeboat) => {
  await settle();
  const name = `${lb.config.storageName}-beacons`;
  const stashed = Object.keys(localStorage)
    .filter((k) => k.startsWith(`${name}:`))
    .map((k) => [k.slice(name.length + 1), JSON.parse(localStorage.getItem(k)!)] as [IDBValidKey, unknown]);
  // One batch may be in both (a page-hide rewrite of a batch already in IndexedDB): same id, one batch.
  return [...new Map([...(await entries(createStore(name, 'queue'))), ...stashed].map(([k, v]) => [String(k), v] as [string, unknown]))];
};

function traffic(lb: FakeLifeboat) {
  lb.emit('success', { guard: 'cart', ms: 10 });
  lb.emit('success', { guard: 'cart', ms: 30 });
  lb.emit('failure', { guard: 'cart', ms: 600, error: new Error('boom') });
  lb.emit('timeout', { guard: 'cart', ms: 3000 });
  lb.emit('reject', { guard: 'cart', reason: 'open' });
  lb.emit('fallback', { guard: 'cart', reason: 'open' });
  lb.emit('fallback', { guard: 'cart', reason: 'open' });
  lb.emit('transition', { guard: 'cart', from: 'closed', to: 'open', reason: 'failures' });
}

describe('attachTransport', () => {
  it('attaches nothing without a collector, a key, or with beacons off', () => {
    for (const over of [{ collector: undefined }, { publicKey: undefined }, { beacons: { enabled: false } }]) {
      const lb = fakeLifeboat(over);
      attach(lb)();
      expect(lb.listeners()).toBe(0);
    }
  });

  it('summarises calls per guard with a latency histogram and keeps transitions and fallbacks with their age', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 0 } });
    const detach = attach(lb);
    await advance(5000);
    traffic(lb);
    lb.emit('success', { guard: 'recs', ms: 5 }); // healthy and sampled out (rate 0)
    await advance(25_000); // the visible-page timer flush at 30 s
    expect(beacons).toEqual([]);
    expect(fetches).toHaveLength(1);
    const b = fetches[0].batch;
    expect(fetches[0].url).toBe(URL_);
    expect(b).toMatchObject({ v: 1, app: 'smartcart', shop: 'demo-shop.myshopify.com', page: 'product', sdk: '0.0.0-dev', sentAt: Date.now() });
    expect(b.id).toMatch(KEY_PATTERN);
    expect(b.events).toEqual([
      { type: 'fallback', guard: 'cart', reason: 'open', age: 25_000 }, // the second one is counted, not repeated
      { type: 'transition', guard: 'cart', from: 'closed', to: 'open', reason: 'failures', age: 25_000 },
      {
        type: 'calls', guard: 'cart', age: 0,
        success: 2, failure: 1, timeout: 1, reject: 1, fallback: 2,
        //        ≤25 ≤50 ≤100 ≤250 ≤500 ≤1000 ≤2500 ≤5000 ≤10000 more
        latency: [1, 1, 0, 0, 0, 1, 0, 1, 0, 0],
      },
    ]);
    detach();
    expect(lb.listeners()).toBe(0);
  });

  it('samples healthy summaries once per page and guard, marks them with the rate, and always keeps unhealthy ones', async () => {
    const random = vi.spyOn(Math, 'random').mockReturnValue(0.3);
    const lb = fakeLifeboat({ beacons: { sampleRate: 0.5 } });
    attach(lb);
    lb.emit('success', { guard: 'cart', ms: 10 });
    lb.emit('success', { guard: 'recs', ms: 10 });
    await advance(30_000);
    expect(fetches[0].batch.events.map((e) => [e.type === 'calls' && e.guard, e.type === 'calls' && e.rate])).toEqual([
      ['cart', 0.5],
      ['recs', 0.5],
    ]);
    const draws = random.mock.calls.length;
    random.mockReturnValue(0.9); // would sample out, but the page already decided
    lb.emit('success', { guard: 'cart', ms: 10 });
    await advance(30_000);
    expect(fetches[1].batch.events).toMatchObject([{ guard: 'cart', success: 1 }]);
    expect(random.mock.calls.length - draws).toBeLessThan(3); // only backoff jitter, no new coin

    const out = fakeLifeboat({ beacons: { sampleRate: 0.5 } });
    attach(out);
    out.emit('success', { guard: 'cart', ms: 10 }); // 0.9 ≥ 0.5: sampled out
    out.emit('timeout', { guard: 'recs', ms: 3000 }); // never sampled
    await advance(30_000);
    expect(fetches[2].batch.events).toMatchObject([{ type: 'calls', guard: 'recs', timeout: 1, success: 0 }]);
    expect(fetches[2].batch.events[0]).not.toHaveProperty('rate');
  });

  it('on page hide: writes the batch to the queue, then sendBeacon as text; a later drain re-sends it with the same id', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    const detach = attach(lb);
    lb.emit('success', { guard: 'cart', ms: 10 });
    await advance(2000);
    setVisibility('hidden');
    expect(beacons).toHaveLength(1);
    expect(beacons[0].url).toBe(URL_);
    expect(typeof beacons[0].body).toBe('string'); // text/plain: no preflight; JSON Blobs have thrown in Chromium
    expect(fetches).toEqual([]);
    const id = beacons[0].batch.id;
    expect((await queued(lb)).map(([k]) => k)).toEqual([id]);
    // pagehide right after finds nothing new to send.
    dispatchEvent(new Event('pagehide'));
    expect(beacons).toHaveLength(1);

    // The next page (same storage) re-sends it after the grace period, same id, fresh sentAt and ages.
    detach();
    const next = fakeLifeboat({ storageName: lb.config.storageName });
    attach(next);
    await advance(GRACE / 2);
    expect(fetches).toEqual([]); // still within the grace: it may be in flight
    await advance(GRACE);
    expect(fetches.map((f) => f.batch.id)).toEqual([id]);
    expect(fetches[0].batch.sentAt).toBeGreaterThanOrEqual(beacons[0].batch.sentAt + GRACE);
    expect(fetches[0].batch.events[0].age).toBe(fetches[0].batch.sentAt - beacons[0].batch.sentAt);
    expect(await queued(next)).toEqual([]);
  });

  it('does not re-send a beacon once the collector would no longer recognise its id; failed batches are re-sent however late', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    const detach = attach(lb);
    lb.report({ type: 'ready', widget: 'smartcart', ms: 1, ok: true });
    setVisibility('hidden'); // beaconed, no answer
    answer = () => Promise.reject(new TypeError('offline'));
    lb.report({ type: 'ready', widget: 'smartcart', ms: 2, ok: true });
    lb.emit('flush', {}); // fetched, failed: known undelivered
    await settle();
    detach();
    expect(await queued(lb)).toHaveLength(2);
    fetches = [];
    answer = () => new Response(null, { status: 202 });
    vi.setSystemTime(Date.now() + BEACON_TRUST + 60_000); // the shopper comes back an hour later
    setVisibility('visible');
    const next = fakeLifeboat({ storageName: lb.config.storageName });
    attach(next);
    await advance(2000);
    expect(fetches.map((f) => f.batch.events[0])).toMatchObject([{ type: 'ready', ms: 2 }]);
    expect(await queued(next)).toEqual([]);
  });

  it('does not beacon while the browser says it is offline: the batch is kept for later', async () => {
    Object.defineProperty(navigator, 'onLine', { value: false, configurable: true });
    try {
      const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
      attach(lb);
      answer = () => Promise.reject(new TypeError('offline'));
      lb.report({ type: 'ready', widget: 'smartcart', ms: 1, ok: true });
      setVisibility('hidden');
      await settle();
      expect(beacons).toEqual([]);
      expect((await queued(lb))[0][1]).not.toHaveProperty('b');
    } finally {
      Object.defineProperty(navigator, 'onLine', { value: true, configurable: true });
    }
  });

  it('falls back to fetch keepalive when sendBeacon refuses or throws', async () => {
    for (const result of [false, undefined]) {
      fetches = [];
      beaconResult = result;
      const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
      attach(lb);
      lb.emit('success', { guard: 'cart', ms: 10 });
      dispatchEvent(new Event('pagehide'));
      await settle();
      expect(fetches).toHaveLength(1);
      expect(fetches[0].keepalive).toBe(true);
      expect(await queued(lb)).toEqual([]); // 202: removed
    }
  });

  it('uses plain fetch once the in-flight keepalive bytes would pass 60 KiB', async () => {
    beaconResult = false;
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    answer = () => held.then(() => new Response(null, { status: 202 }));
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    for (let i = 0; i < 3 * MAX_EVENTS_PER_BATCH; i++) lb.report({ type: 'sdk-error', code: 'x', message: 'm'.repeat(150) });
    dispatchEvent(new Event('pagehide'));
    await settle();
    expect(fetches.length).toBeGreaterThan(1);
    expect(fetches[0].keepalive).toBe(true);
    expect(fetches.some((f) => !f.keepalive)).toBe(true);
    release();
    await settle();
  });

  it('splits by event count and by encoded size', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    for (let i = 0; i < 450; i++) lb.report({ type: 'ready', widget: `w${i}`, ms: i, ok: true });
    await advance(30_000);
    expect(fetches.map((f) => f.batch.events.length)).toEqual([200, 200, 50]);
    fetches = [];
    for (let i = 0; i < 400; i++) lb.report({ type: 'sdk-error', code: 'c'.repeat(64), message: 'm'.repeat(300) });
    await advance(30_000);
    expect(fetches.length).toBeGreaterThan(2);
    for (const f of fetches) expect(new TextEncoder().encode(JSON.stringify(f.batch)).length).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(fetches.reduce((a, f) => a + f.batch.events.length, 0)).toBe(400);
    expect(new Set(fetches.map((f) => f.batch.id)).size).toBe(fetches.length);
  });

  it('keeps what failed (network, 5xx) and retries with backoff, same id; drops on 4xx; honours Retry-After', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    await advance(1500); // the start-up drain (IndexedDB is real time, the clock is not)
    answer = () => Promise.reject(new TypeError('Failed to fetch'));
    lb.report({ type: 'ready', widget: 'smartcart', ms: 812, ok: true });
    await advance(28_500);
    expect(fetches).toHaveLength(1);
    const id = fetches[0].batch.id;
    expect((await queued(lb)).map(([k]) => k)).toEqual([id]);

    answer = () => new Response(null, { status: 503 });
    await advance(4000); // backoff ≥ 5 s: nothing yet
    expect(fetches).toHaveLength(1);
    await advance(4000);
    expect(fetches.map((f) => f.batch.id)).toEqual([id, id]);

    answer = () => new Response(null, { status: 429, headers: { 'retry-after': '120' } });
    await advance(20_000);
    expect(fetches).toHaveLength(3);
    await advance(100_000); // 429 said two minutes
    expect(fetches).toHaveLength(3);
    answer = () => new Response(null, { status: 202 });
    await advance(60_000);
    expect(fetches.map((f) => f.batch.id)).toEqual([id, id, id, id]);
    expect(fetches[3].batch.events[0].age - fetches[0].batch.events[0].age).toBe(fetches[3].batch.sentAt - fetches[0].batch.sentAt);
    expect(await queued(lb)).toEqual([]);

    // 400 is final (the collector will never take it); 408 is not.
    answer = () => new Response(null, { status: 400 });
    lb.report({ type: 'ready', widget: 'smartcart', ms: 1, ok: true });
    await advance(30_000);
    expect(await queued(lb)).toEqual([]);
    answer = () => new Response(null, { status: 408 });
    lb.report({ type: 'ready', widget: 'smartcart', ms: 2, ok: true });
    await advance(30_000);
    expect(await queued(lb)).toHaveLength(1);
  });

  it('a collector that is down backs the whole transport off, also for the next page, and on hide only queues', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    const detach = attach(lb);
    answer = () => new Response(null, { status: 500 });
    lb.report({ type: 'banner', action: 'shown', guard: 'cart' });
    await advance(30_000);
    expect(fetches).toHaveLength(1);
    lb.report({ type: 'banner', action: 'dismissed' });
    setVisibility('hidden');
    expect(beacons).toHaveLength(0); // the breaker is open: queued, not sent
    expect(await queued(lb)).toHaveLength(2);
    detach(); // the page is gone

    const next = fakeLifeboat({ storageName: lb.config.storageName, beacons: { sampleRate: 1 } });
    setVisibility('visible');
    attach(next);
    await advance(1500);
    expect(fetches).toHaveLength(1); // still backing off
    answer = () => new Response(null, { status: 202 });
    await advance(10_000);
    expect(fetches).toHaveLength(3);
    expect(await queued(next)).toEqual([]);
  });

  it('is retried at once when the browser comes back online', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    answer = () => Promise.reject(new TypeError('offline'));
    lb.report({ type: 'ready', widget: 'smartcart', ms: 812, ok: true });
    await advance(30_000);
    answer = () => new Response(null, { status: 202 });
    dispatchEvent(new Event('online'));
    await settle();
    expect(fetches).toHaveLength(2);
    expect(fetches[0].batch.id).toBe(fetches[1].batch.id);
    expect(await queued(lb)).toEqual([]);
  });

  it('bounds the queue, dropping the oldest batches', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1, maxQueue: 3 } });
    attach(lb);
    answer = () => new Response(null, { status: 503 });
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      lb.report({ type: 'ready', widget: 'smartcart', ms: i, ok: true });
      setVisibility('hidden'); // beaconed batches stay queued until a later drain re-sends them
      setVisibility('visible');
      await advance(1);
    }
    lb.emit('flush', {}); // the next drain moves page-hide stashes into IndexedDB and trims
    const q = await queued(lb);
    expect(q).toHaveLength(3);
    expect(q.map(([, e]) => (e as { e: { ms: number }[] }).e[0].ms).sort()).toEqual([3, 4, 5]);
    void ids;
  });

  it('sends at once on lifeboat.flush()', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    lb.report({ type: 'ready', widget: 'smartcart', ms: 812, ok: true });
    lb.emit('flush', {});
    await settle();
    expect(fetches).toHaveLength(1);
  });

  it('counts each outcome at its place in OUTCOMES and each latency in its slot (the encoding the collector sums)', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    // Outcome i happens i + 1 times; every timed call lands in the slot of its outcome's index.
    OUTCOMES.forEach((o, i) => {
      for (let k = 0; k <= i; k++) lb.emit(o, { guard: 'cart', ms: LATENCY_BUCKETS[i], reason: 'open', error: new Error('x') } as never);
    });
    lb.emit('success', { guard: 'cart', ms: LATENCY_BUCKETS.at(-1)! + 1 }); // slower than every bound: the last slot
    lb.emit('flush', {});
    await settle();
    const calls = fetches[0].batch.events.find((e) => e.type === 'calls')!;
    expect(OUTCOMES.map((o) => calls[o])).toEqual(OUTCOMES.map((_, i) => i + 1 + (i === 0 ? 1 : 0)));
    const latency = Array.from({ length: LATENCY_SLOTS }, (_, b) => (b < OUTCOMES.length ? b + 1 : 0));
    latency[LATENCY_SLOTS - 1] = 1;
    expect(calls.latency).toEqual(latency);
  });

  it('reports every row kind (all but the calls summary, which only the transport makes)', async () => {
    const { valid } = JSON.parse(readFileSync(join(import.meta.dirname, '../../../schema/fixtures/beacon-batch.json'), 'utf8'));
    const sample: { type: string; age: number }[] = valid.find((f: { name: string }) => f.name === 'every event kind').value.events;
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    for (const { age: _age, ...e } of sample) lb.report(e as never);
    lb.report({ type: 'not-a-kind' } as never);
    lb.emit('flush', {});
    await settle();
    expect(fetches[0].batch.events.map((e) => e.type)).toEqual([...ROW_KINDS]);
  });

  it('carries the generatedAt of the status document the page obeys as statusAt, absent before any', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    lb.report({ type: 'ready', widget: 'smartcart', ms: 812, ok: true });
    lb.emit('flush', {});
    await settle();
    lb.applyStatus({ v: 1, generatedAt: 1_795_000_000_500, guards: { cart: { mode: 'open' } } });
    lb.report({ type: 'ready', widget: 'smartcart', ms: 700, ok: true });
    lb.emit('flush', {});
    await settle();
    expect(fetches.map((f) => f.batch.statusAt)).toEqual([undefined, 1_795_000_000_500]);
    expect('statusAt' in fetches[0].batch).toBe(false);
  });

  it('a batch in flight when the page is hidden is written synchronously, so it survives the page', async () => {
    let release!: () => void;
    answer = () => new Promise<Response>((r) => (release = () => r(new Response(null, { status: 202 }))));
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    lb.report({ type: 'ready', widget: 'smartcart', ms: 1, ok: true });
    lb.emit('flush', {}); // fetch in flight, its IndexedDB write not awaited
    const id = fetches[0].batch.id;
    dispatchEvent(new Event('pagehide'));
    expect(localStorage.getItem(`${lb.config.storageName}-beacons:${id}`)).not.toBeNull();
    release(); // the page lived on and the answer came: gone from both stores
    await settle();
    expect(localStorage.getItem(`${lb.config.storageName}-beacons:${id}`)).toBeNull();
    expect(await queued(lb)).toEqual([]);
  });

  it('drops a damaged page-hide stash instead of getting stuck on it', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    localStorage.setItem(`${lb.config.storageName}-beacons:broken`, '{not json');
    attach(lb);
    lb.report({ type: 'ready', widget: 'smartcart', ms: 1, ok: true });
    setVisibility('hidden');
    setVisibility('visible');
    lb.emit('flush', {});
    await settle();
    expect(localStorage.getItem(`${lb.config.storageName}-beacons:broken`)).toBeNull();
    expect(await queued(lb)).toHaveLength(1); // the real batch, moved into IndexedDB
  });

  it('gives every batch a new id', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    for (let i = 0; i < 50; i++) {
      lb.report({ type: 'ready', widget: 'smartcart', ms: i, ok: true });
      dispatchEvent(new Event('pagehide'));
    }
    const ids = beacons.map((b) => b.batch.id);
    expect(new Set(ids).size).toBe(50);
    for (const id of ids) expect(id).toMatch(KEY_PATTERN);
  });

  it('sends no personal data: URLs, e-mails and long numbers are scrubbed from sdk-errors, bad names dropped', async () => {
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    attach(lb);
    lb.emit('sdk-error', {
      code: 'Fetch Failed!',
      message: 'GET https://shop.example/cart?email=jo@example.com failed for jo@example.com order 123456789 ?token=abc',
      guard: 'cart',
      error: new Error('x'),
    });
    lb.report({ type: 'ready', widget: 'bad widget/name', ms: 5, ok: true });
    lb.report({ type: 'banner', action: 'clicked' } as never);
    lb.report({ type: 'ready', widget: 'recs', ms: 1e9, ok: 1 as never });
    lb.emit('success', { guard: 'https://evil/?q=1', ms: 1 });
    await advance(30_000);
    const [err, ready] = fetches[0].batch.events;
    expect(err).toMatchObject({ type: 'sdk-error', code: 'unknown', guard: 'cart' });
    const msg = (err as { message: string }).message;
    expect(msg).not.toMatch(/:\/\/|@|123456789|token/);
    expect(ready).toEqual({ type: 'ready', widget: 'recs', ms: 600_000, ok: true, age: 30_000 });
    expect(fetches[0].batch.events).toHaveLength(2);
  });

  it('never throws into the page when fetch, sendBeacon and storage all fail', async () => {
    vi.stubGlobal('fetch', () => {
      throw new Error('fetch blocked');
    });
    beaconResult = undefined;
    vi.stubGlobal('indexedDB', undefined);
    const lb = fakeLifeboat({ beacons: { sampleRate: 1 } });
    const reports = vi.fn();
    lb.on('report', reports);
    attach(lb);
    traffic(lb);
    expect(() => dispatchEvent(new Event('pagehide'))).not.toThrow();
    await advance(60_000);
    expect(reports).not.toHaveBeenCalled(); // its own trouble is not reported as beacons (no loop)
  });
});

describe('backoff and Retry-After', () => {
  it('grows from 5 s to an hour with jitter', () => {
    expect(backoff(1)).toBeGreaterThanOrEqual(5000);
    expect(backoff(1)).toBeLessThanOrEqual(7500);
    expect(backoff(2)).toBeGreaterThanOrEqual(10_000);
    expect(backoff(30)).toBe(3_600_000);
  });
  it('reads seconds and HTTP dates', () => {
    expect(retryAfter('120')).toBe(120_000);
    expect(retryAfter(null)).toBeUndefined();
    expect(retryAfter('soon')).toBeUndefined();
    expect(retryAfter(new Date(Date.now() + 30_000).toUTCString())).toBeGreaterThan(28_000);
  });
});
