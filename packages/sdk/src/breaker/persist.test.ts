import { IDBDatabase, IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLifeboat } from '../createLifeboat.js';
import type { Lifeboat, LifeboatEventMap } from '../types.js';
import { STORAGE_WAIT_MS } from './persist.js';

const g = globalThis as { indexedDB?: unknown };
const trippy = { volumeThreshold: 1, resetTimeout: 10_000, resetJitter: 0, timeout: 100 };
const fail = () => Promise.reject(Object.assign(new Error('503'), { status: 503 }));
const ok = () => Promise.resolve('ok');

let lbs: Lifeboat[] = [];
function page(config: object = { defaults: trippy }) {
  const lb = createLifeboat(config);
  lbs.push(lb);
  const transitions: Array<LifeboatEventMap['transition']> = [];
  const errors: Array<LifeboatEventMap['sdk-error']> = [];
  lb.on('transition', (e) => transitions.push(e));
  lb.on('sdk-error', (e) => errors.push(e));
  return { lb, transitions, errors };
}
// idb-keyval writes in the background; a new "page" must see the previous page's records.
const settle = () => new Promise((r) => setTimeout(r, 20));

beforeEach(() => {
  g.indexedDB = new IDBFactory(); // a fresh, empty browser profile per test
  // Only the clock and timers are virtual; fake-indexeddb schedules with the real setImmediate.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  lbs = [];
});
afterEach(() => {
  for (const lb of lbs) lb.destroy();
  vi.useRealTimers();
  delete g.indexedDB;
  vi.restoreAllMocks();
});

// Lets fake-indexeddb finish background writes; the virtual clock moves by the same `ms`.
async function realWait(ms: number) {
  const now = Date.now();
  vi.useRealTimers();
  await new Promise((r) => setTimeout(r, ms));
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now: now + ms });
}

describe('persisted breakers', () => {
  it('an open breaker is still open on the next page, for the rest of its period, and the work is not called', async () => {
    const one = page();
    await one.lb.ready;
    await one.lb.run('cart', fail, { fallback: 0 });
    expect(one.lb.state('cart')).toBe('open');
    const openUntil = Date.now() + 10_000;
    await realWait(30);
    one.lb.destroy();

    vi.setSystemTime(Date.now() + 4000); // the shopper reads for 4 s, then navigates
    const two = page();
    await two.lb.ready;
    expect(two.lb.state('cart')).toBe('open');
    expect(two.transitions).toEqual([{ guard: 'cart', from: 'closed', to: 'open', reason: 'restored' }]);
    const work = vi.fn(ok);
    await expect(two.lb.run('cart', work, { fallback: 'native' })).resolves.toMatchObject({ reason: 'open' });
    expect(work).not.toHaveBeenCalled();

    // Not a full new period: half-open when the first page's period ends.
    await vi.advanceTimersByTimeAsync(openUntil - Date.now() - 1);
    expect(two.lb.state('cart')).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(two.lb.state('cart')).toBe('half-open');
    await two.lb.run('cart', work);
    expect(work).toHaveBeenCalledOnce();
    expect(two.lb.state('cart')).toBe('closed');
    expect(two.errors).toEqual([]);
  });

  it('a breaker whose period ended while no page was open comes back half-open (one probe)', async () => {
    const one = page();
    await one.lb.run('cart', fail, { fallback: 0 });
    await realWait(30);
    one.lb.destroy();
    vi.setSystemTime(Date.now() + 60_000);
    const two = page();
    await two.lb.ready;
    expect(two.lb.state('cart')).toBe('half-open');
    expect(two.transitions).toEqual([{ guard: 'cart', from: 'closed', to: 'half-open', reason: 'restored' }]);
  });

  it('the backoff survives the reload: a failed probe on page 2 opens for resetTimeout × resetBackoff', async () => {
    const one = page();
    await one.lb.run('cart', fail, { fallback: 0 });
    await realWait(30);
    one.lb.destroy();
    vi.setSystemTime(Date.now() + 10_000);
    const two = page();
    await two.lb.ready;
    await two.lb.run('cart', fail, { fallback: 0 });
    expect(two.lb.state('cart')).toBe('open');
    const openUntil = Date.now() + 20_000;
    await realWait(30);
    two.lb.destroy();
    const three = page();
    await three.lb.ready;
    expect(three.lb.state('cart')).toBe('open');
    await vi.advanceTimersByTimeAsync(openUntil - Date.now() - 1);
    expect(three.lb.state('cart')).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(three.lb.state('cart')).toBe('half-open');
  });

  it('a call made before `ready` is not undone by an older restored record (newer updatedAt wins)', async () => {
    const one = page();
    await one.lb.run('cart', fail, { fallback: 0 });
    await realWait(30);
    one.lb.destroy();
    vi.setSystemTime(Date.now() + 5000);
    const two = page();
    // Before storage answers, this page trips on its own: its open period starts now.
    await two.lb.run('cart', fail, { fallback: 0 });
    const openUntil = Date.now() + 10_000;
    await two.lb.ready;
    expect(two.transitions.map((t) => t.reason)).toEqual(['failures']);
    await vi.advanceTimersByTimeAsync(openUntil - Date.now() - 1);
    expect(two.lb.state('cart')).toBe('open'); // the stored period (5 s earlier) is ignored
    await vi.advanceTimersByTimeAsync(1);
    expect(two.lb.state('cart')).toBe('half-open');
  });

  it('the rolling window carries across pages: one failure per page reaches volumeThreshold', async () => {
    const config = { defaults: { ...trippy, volumeThreshold: 3, rollingCountTimeout: 60_000 } };
    for (let n = 1; n <= 3; n++) {
      const p = page(config);
      await p.lb.ready;
      await p.lb.run('cart', fail, { fallback: 0 });
      expect(p.lb.state('cart')).toBe(n < 3 ? 'closed' : 'open');
      await realWait(30);
      p.lb.destroy();
      vi.setSystemTime(Date.now() + 5000);
    }
  });

  it('counts older than rollingCountTimeout are not carried', async () => {
    const config = { defaults: { ...trippy, volumeThreshold: 2, rollingCountTimeout: 10_000 } };
    const one = page(config);
    await one.lb.run('cart', fail, { fallback: 0 });
    await realWait(30);
    one.lb.destroy();
    vi.setSystemTime(Date.now() + 11_000);
    const two = page(config);
    await two.lb.ready;
    await two.lb.run('cart', fail, { fallback: 0 });
    expect(two.lb.state('cart')).toBe('closed');
  });

  it('calls never wait for storage', async () => {
    const one = page();
    const work = vi.fn(ok);
    await expect(one.lb.run('cart', work)).resolves.toMatchObject({ value: 'ok' });
    expect(work).toHaveBeenCalledOnce();
  });

  it('persist: false keeps a guard out of storage', async () => {
    const one = page({ defaults: trippy, guards: { recs: { persist: false } } });
    await one.lb.run('recs', fail, { fallback: 0 });
    await one.lb.run('cart', fail, { fallback: 0 });
    await realWait(30);
    one.lb.destroy();
    const two = page();
    await two.lb.ready;
    expect(two.lb.state('recs')).toBe('closed');
    expect(two.lb.state('cart')).toBe('open');
  });

  it('ignores malformed records', async () => {
    const { createStore, set } = await import('idb-keyval');
    const store = createStore('lifeboat', 'breakers');
    await set('cart', { state: 'open', openUntil: 'soon' }, store);
    await set('recs', 'garbage', store);
    const one = page();
    await one.lb.ready;
    expect(one.lb.state('cart')).toBe('closed');
    expect(one.errors).toEqual([]);
  });
});

describe('storage unavailable → memory, one sdk-error, never an exception', () => {
  async function works(errors: Array<LifeboatEventMap['sdk-error']>, lb: Lifeboat) {
    await expect(lb.run('cart', ok)).resolves.toMatchObject({ value: 'ok' });
    await lb.run('cart', fail, { fallback: 0 });
    await lb.run('cart', fail, { fallback: 0 }); // 2 of 3 failed: a transition tries to save
    await lb.ready;
    await realWait(20);
    expect(lb.state('cart')).toBe('open');
    expect(errors.filter((e) => e.code === 'storage-unavailable')).toHaveLength(1);
    expect(errors).toHaveLength(1);
  }

  it('indexedDB is undefined', async () => {
    delete g.indexedDB;
    const { lb, errors } = page();
    await works(errors, lb);
  });

  it('indexedDB.open throws synchronously (blocked storage)', async () => {
    g.indexedDB = {
      open() {
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      },
    };
    const { lb, errors } = page();
    await works(errors, lb);
  });

  it('indexedDB.open fails asynchronously', async () => {
    g.indexedDB = {
      open() {
        const req: Record<string, unknown> = { error: new DOMException('corrupt', 'UnknownError') };
        setTimeout(() => (req.onerror as () => void)?.(), 0);
        return req;
      },
    };
    const { lb, errors } = page();
    await vi.advanceTimersByTimeAsync(1);
    await works(errors, lb);
  });

  it('indexedDB.open never answers: ready still resolves after STORAGE_WAIT_MS', async () => {
    g.indexedDB = { open: () => ({}) };
    const { lb, errors } = page();
    let ready = false;
    void lb.ready.then(() => (ready = true));
    await vi.advanceTimersByTimeAsync(STORAGE_WAIT_MS - 1);
    expect(ready).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(ready).toBe(true);
    await works(errors, lb);
  });

  it('a write that fails (quota) switches to memory with one sdk-error', async () => {
    const one = page();
    await one.lb.ready;
    vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    await one.lb.run('cart', fail, { fallback: 0 });
    await one.lb.run('recs', fail, { fallback: 0 });
    await realWait(20);
    expect(one.errors.map((e) => e.code)).toEqual(['storage-unavailable']);
    expect(one.lb.state('cart')).toBe('open');
  });
});
