import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UseStore } from 'idb-keyval';
import { createLifeboat } from './createLifeboat.js';
import type { BreakerStore } from './breaker/persist.js';
import type { LifeboatParts } from './types.js';

/** A memory BreakerStore: what a browser profile's IndexedDB would keep across page loads. */
function memoryStore(): BreakerStore & { rows: Map<string, unknown> } {
  const rows = new Map<string, unknown>();
  return {
    rows,
    load: async () => [...rows].map(([k, v]) => [JSON.parse(k), v] as [IDBValidKey, unknown]),
    save: (key, value) => void rows.set(JSON.stringify(key), structuredClone(value)),
  };
}

/** An idb-keyval store over a Map: `get`/`set` hand it a fake object store whose requests succeed at once. */
function memoryKeyval(): UseStore & { map: Map<IDBValidKey, unknown> } {
  const map = new Map<IDBValidKey, unknown>();
  const request = (result?: unknown) => {
    const r = { result } as { result: unknown; onsuccess?: () => void };
    queueMicrotask(() => r.onsuccess?.());
    return r;
  };
  const os = { get: (k: IDBValidKey) => request(map.get(k)), put: (v: unknown, k: IDBValidKey) => (map.set(k, v), request()) };
  const store = ((_mode: IDBTransactionMode, cb: (s: IDBObjectStore) => unknown) => Promise.resolve(cb(os as unknown as IDBObjectStore))) as UseStore;
  return Object.assign(store, { map });
}

const fail = () => Promise.reject(Object.assign(new Error('503'), { status: 503 }));
const config = { app: 'smartcart', guards: { cart: { timeout: 1000, volumeThreshold: 1, resetTimeout: 30_000, resetJitter: 0 } } };

beforeEach(() => vi.useFakeTimers({ now: 1_795_000_000_000 }));
afterEach(() => vi.useRealTimers());

describe('createLifeboat parts', () => {
  it('breakers: a memory store keeps an open breaker across page loads', async () => {
    const breakers = memoryStore();
    const page1 = createLifeboat(config, { breakers, tabs: () => ({ post() {}, close() {} }) });
    await page1.ready;
    await page1.run('cart', fail, { fallback: 0 });
    expect(page1.state('cart')).toBe('open');
    page1.destroy();
    const page2 = createLifeboat(config, { breakers });
    await page2.ready;
    expect(page2.state('cart')).toBe('open');
    const work = vi.fn(() => 1);
    await expect(page2.run('cart', work, { fallback: 0 })).resolves.toMatchObject({ reason: 'open' });
    expect(work).not.toHaveBeenCalled();
    page2.destroy();
  });

  it('tabs: what one page posts, the other hears, through the channel given', async () => {
    const pages: Array<(m: unknown) => void> = [];
    const tabs: LifeboatParts['tabs'] = (_name, receive) => {
      const me = pages.push(receive) - 1;
      return { post: (m) => pages.forEach((r, i) => i !== me && r(m)), close() {} };
    };
    const [a, b] = [createLifeboat(config, { breakers: memoryStore(), tabs }), createLifeboat(config, { breakers: memoryStore(), tabs })];
    await Promise.all([a.ready, b.ready]);
    await a.run('cart', fail, { fallback: 0 });
    expect(b.state('cart')).toBe('open');
    a.destroy();
    b.destroy();
  });

  it('draw: decides whether this page may probe under the fleet probe share', async () => {
    for (const [draw, probes] of [[0.05, true], [0.5, false]] as const) {
      const lb = createLifeboat(config, { breakers: memoryStore(), draw });
      await lb.run('cart', fail, { fallback: 0 });
      lb.applyStatus({ v: 1, generatedAt: 1, guards: { cart: { mode: 'auto', probe: 0.1 } } });
      await vi.advanceTimersByTimeAsync(31_000);
      const work = vi.fn(() => 1);
      await lb.run('cart', work, { fallback: 0 });
      expect(work).toHaveBeenCalledTimes(probes ? 1 : 0);
      lb.destroy();
    }
  });

  it('status: fetch and store given are used; the next page applies the stored document before the network answers', async () => {
    const store = memoryKeyval();
    const urls: string[] = [];
    const doc = { v: 1, generatedAt: 7, guards: { cart: { mode: 'open' } } };
    const fetch = async (url: string) => (urls.push(url), new Response(JSON.stringify(doc), { headers: { etag: '"a"' } }));
    const full = { ...config, collector: 'http://c.test', publicKey: 'pk_test_1', beacons: { enabled: false } };
    const page1 = createLifeboat(full, { breakers: memoryStore(), status: { fetch, store } });
    await page1.ready;
    await vi.advanceTimersByTimeAsync(10);
    expect(urls).toEqual(['http://c.test/v1/status/pk_test_1.json']);
    expect(page1.state('cart')).toBe('open');
    page1.destroy();
    const page2 = createLifeboat(full, { breakers: memoryStore(), status: { fetch: () => new Promise(() => {}), store } });
    await page2.ready;
    expect(page2.state('cart')).toBe('open');
    expect(page2.statusAt).toBe(7);
    page2.destroy();
  });
});
