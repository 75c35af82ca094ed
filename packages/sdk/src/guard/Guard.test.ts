import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLifeboat } from '../createLifeboat.js';
import type { GuardStatus, Lifeboat, LifeboatEventMap, LifeboatEventName } from '../types.js';
import { GuardError } from './GuardError.js';

const NAMES: LifeboatEventName[] = ['transition', 'success', 'failure', 'timeout', 'reject', 'fallback', 'sdk-error'];

function make(config: unknown = {}) {
  const lb = createLifeboat(config);
  const events: Array<[LifeboatEventName, unknown]> = [];
  for (const n of NAMES) lb.on(n, (e) => events.push([n, e]));
  const of = <K extends LifeboatEventName>(n: K) => events.filter(([t]) => t === n).map(([, e]) => e as LifeboatEventMap[K]);
  return { lb, events, of };
}

/** Work that never answers unless its signal aborts. */
const hang = (signal: AbortSignal) =>
  new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
const fail = (status?: number) => () => Promise.reject(Object.assign(new Error(`HTTP ${status}`), { status }));
const ok = () => Promise.resolve('ok');

/** One failure opens it: volume 1, any share. */
const trippy = { volumeThreshold: 1, resetTimeout: 1000, resetJitter: 0, timeout: 100 };

async function trip(lb: Lifeboat, guard = 'cart') {
  await lb.run(guard, fail(500), { fallback: null });
  expect(lb.state(guard)).toBe('open');
}

let lbs: Lifeboat[] = [];
beforeEach(() => {
  vi.useFakeTimers();
  lbs = [];
});
afterEach(() => {
  for (const lb of lbs) lb.destroy();
  vi.useRealTimers();
  vi.restoreAllMocks();
});
const track = <T extends { lb: Lifeboat }>(x: T) => (lbs.push(x.lb), x);

describe('run on a healthy dependency', () => {
  it('returns the value, not from the fallback, and emits success with ms', async () => {
    const { lb, of } = track(make());
    await expect(lb.run('cart', () => 42)).resolves.toEqual({ value: 42, fromFallback: false });
    await expect(lb.run('cart', ok)).resolves.toEqual({ value: 'ok', fromFallback: false });
    await expect(lb.run('cart', () => undefined)).resolves.toEqual({ value: undefined, fromFallback: false });
    expect(of('success')).toHaveLength(3);
    expect(of('success')[0]).toEqual({ guard: 'cart', ms: expect.any(Number) });
    expect(lb.state('cart')).toBe('closed');
  });

  it('gives a per-call AbortSignal only to work that declares a parameter', async () => {
    const { lb } = track(make());
    const seen: unknown[] = [];
    await lb.run('cart', function (this: unknown, ...args: unknown[]) {
      seen.push(args[0]);
    });
    const signals: AbortSignal[] = [];
    await lb.run('cart', (signal) => void signals.push(signal));
    await lb.run('cart', (signal) => void signals.push(signal));
    expect(seen[0]).toBeUndefined();
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    expect(signals[0]).not.toBe(signals[1]);
    expect(signals[0].aborted).toBe(false);
  });
});

describe('time budget', () => {
  it('aborts the work’s own signal when the timeout expires and serves the fallback', async () => {
    const { lb, of } = track(make({ defaults: { timeout: 250 } }));
    let signal: AbortSignal | undefined;
    const p = lb.run('cart', (s) => ((signal = s), hang(s)), { fallback: 'native' });
    await vi.advanceTimersByTimeAsync(249);
    expect(signal!.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const r = await p;
    expect(r).toMatchObject({ value: 'native', fromFallback: true, reason: 'timeout' });
    expect(signal!.aborted).toBe(true);
    expect((signal!.reason as DOMException).name).toBe('TimeoutError');
    expect(of('timeout')).toEqual([{ guard: 'cart', ms: 250 }]);
    expect(of('failure')).toEqual([]);
    expect(of('fallback')).toMatchObject([{ guard: 'cart', reason: 'timeout' }]);
  });

  it('one call timing out does not abort another call of the same guard', async () => {
    const { lb } = track(make({ defaults: { timeout: 100 } }));
    const signals: AbortSignal[] = [];
    const first = lb.run('cart', (s) => (signals.push(s), hang(s)), { fallback: 0 });
    await vi.advanceTimersByTimeAsync(50);
    const second = lb.run('cart', (s) => (signals.push(s), new Promise((r) => setTimeout(() => r(2), 80))), { fallback: 0 });
    await vi.advanceTimersByTimeAsync(50);
    expect(signals[0].aborted).toBe(true);
    expect(signals[1].aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(30);
    await expect(first).resolves.toMatchObject({ reason: 'timeout' });
    await expect(second).resolves.toEqual({ value: 2, fromFallback: false });
  });
});

describe('fallbacks and errors', () => {
  it('a fallback function gets the reason and the error', async () => {
    const { lb } = track(make());
    const err = new Error('down');
    const fallback = vi.fn(() => 'fb');
    const r = await lb.run('cart', () => Promise.reject(err), { fallback });
    expect(fallback).toHaveBeenCalledWith({ reason: 'error', error: err });
    expect(r).toEqual({ value: 'fb', fromFallback: true, reason: 'error', error: err });
  });

  it('an async fallback is awaited; a null value is a fallback', async () => {
    const { lb } = track(make());
    await expect(lb.run('cart', fail(500), { fallback: async () => 'later' })).resolves.toMatchObject({ value: 'later' });
    await expect(lb.run('cart', fail(500), { fallback: null })).resolves.toMatchObject({ value: null, fromFallback: true });
  });

  it('without a fallback rejects with GuardError {guard, reason, cause}', async () => {
    const { lb, of } = track(make());
    const err = new Error('down');
    const e = await lb.run('cart', () => Promise.reject(err)).catch((x) => x);
    expect(e).toBeInstanceOf(GuardError);
    expect(e).toMatchObject({ guard: 'cart', reason: 'error', cause: err, name: 'GuardError' });
    expect(of('failure')).toMatchObject([{ guard: 'cart', error: err }]);
    expect(of('fallback')).toEqual([]);
  });

  it('a synchronous throw is a failure like a rejection', async () => {
    const { lb } = track(make());
    const r = await lb.run('cart', () => {
      throw new Error('sync');
    }, { fallback: 1 });
    expect(r).toMatchObject({ fromFallback: true, reason: 'error' });
  });

  it('a throwing fallback: sdk-error fallback-threw and a GuardError rejection', async () => {
    const { lb, of } = track(make());
    const bad = new Error('fallback broke');
    const e = await lb
      .run('cart', fail(500), {
        fallback: () => {
          throw bad;
        },
      })
      .catch((x) => x);
    expect(e).toBeInstanceOf(GuardError);
    expect(e).toMatchObject({ reason: 'error', cause: bad });
    expect(of('sdk-error').filter((x) => x.code === 'fallback-threw')).toMatchObject([{ guard: 'cart', error: bad }]);
  });

  it('isFailure → false: the original error comes back and the breaker does not count it', async () => {
    const { lb, of } = track(make({ defaults: trippy }));
    const soldOut = Object.assign(new Error('sold out'), { status: 422 });
    const isFailure = (e: unknown) => (e as { status?: number }).status !== 422;
    for (let i = 0; i < 5; i++) await expect(lb.run('cart', () => Promise.reject(soldOut), { fallback: 'x', isFailure })).rejects.toBe(soldOut);
    expect(lb.state('cart')).toBe('closed');
    expect(of('failure')).toEqual([]);
    expect(of('fallback')).toEqual([]);
  });

  it('a throwing isFailure counts the error as a failure', async () => {
    const { lb } = track(make({ defaults: trippy }));
    const isFailure = () => {
      throw new Error('oops');
    };
    await lb.run('cart', fail(500), { fallback: 0, isFailure });
    expect(lb.state('cart')).toBe('open');
  });
});

describe("the caller's signal", () => {
  it('aborts the work, rejects with its reason, and is not a failure', async () => {
    const { lb, of } = track(make({ defaults: trippy }));
    const ctrl = new AbortController();
    let signal: AbortSignal | undefined;
    const p = lb.run('cart', (s) => ((signal = s), hang(s)), { fallback: 'fb', signal: ctrl.signal });
    await vi.advanceTimersByTimeAsync(10);
    ctrl.abort(new DOMException('left the page', 'AbortError'));
    const e = await p.catch((x) => x);
    expect(e).toMatchObject({ name: 'AbortError', message: 'left the page' });
    expect(signal!.aborted).toBe(true);
    expect(lb.state('cart')).toBe('closed');
    expect(of('failure')).toEqual([]);
    expect(of('success')).toEqual([]);
    expect(of('fallback')).toEqual([]);
  });

  it('ends the call even when the work ignores the signal', async () => {
    const { lb } = track(make({ defaults: { timeout: 10_000 } }));
    const ctrl = new AbortController();
    const p = lb.run('cart', () => new Promise(() => {}), { signal: ctrl.signal });
    ctrl.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('an already aborted signal: the work is not called', async () => {
    const { lb } = track(make());
    const work = vi.fn();
    await expect(lb.run('cart', work, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    expect(work).not.toHaveBeenCalled();
  });
});

describe('circuit breaker', () => {
  it('opens when the failure share crosses errorThresholdPercentage with volumeThreshold calls', async () => {
    const { lb, of } = track(make({ defaults: { volumeThreshold: 4, errorThresholdPercentage: 50, resetJitter: 0 } }));
    await lb.run('cart', ok);
    await lb.run('cart', fail(500), { fallback: 0 });
    await lb.run('cart', ok);
    expect(lb.state('cart')).toBe('closed'); // 3 calls < volume 4
    await lb.run('cart', fail(500), { fallback: 0 }); // 2/4 = 50 %: not above
    expect(lb.state('cart')).toBe('closed');
    await lb.run('cart', fail(500), { fallback: 0 }); // 3/5 = 60 %
    expect(lb.state('cart')).toBe('open');
    expect(of('transition')).toEqual([{ guard: 'cart', from: 'closed', to: 'open', reason: 'failures' }]);
  });

  it('timeouts count as failures', async () => {
    const { lb } = track(make({ defaults: trippy }));
    const p = lb.run('cart', hang, { fallback: 0 });
    await vi.advanceTimersByTimeAsync(100);
    await p;
    expect(lb.state('cart')).toBe('open');
  });

  it('only failures inside the rolling window count', async () => {
    const { lb } = track(make({ defaults: { volumeThreshold: 2, rollingCountTimeout: 1000, rollingCountBuckets: 10 } }));
    await lb.run('cart', fail(500), { fallback: 0 });
    await vi.advanceTimersByTimeAsync(1500);
    await lb.run('cart', ok);
    await lb.run('cart', ok);
    await lb.run('cart', fail(500), { fallback: 0 }); // window: 2 ok + 1 failure → 33 %
    expect(lb.state('cart')).toBe('closed');
  });

  it('an open breaker rejects fast to the fallback without calling the work', async () => {
    const { lb, of } = track(make({ defaults: trippy }));
    await trip(lb);
    const work = vi.fn(ok);
    await expect(lb.run('cart', work, { fallback: 'native' })).resolves.toEqual({ value: 'native', fromFallback: true, reason: 'open', error: undefined });
    await expect(lb.run('cart', work)).rejects.toMatchObject({ reason: 'open', guard: 'cart' });
    expect(work).not.toHaveBeenCalled();
    expect(of('reject')).toEqual([
      { guard: 'cart', reason: 'open' },
      { guard: 'cart', reason: 'open' },
    ]);
  });

  it('guards are independent', async () => {
    const { lb } = track(make({ defaults: trippy }));
    await trip(lb, 'cart');
    expect(lb.state('recs')).toBe('closed');
    await expect(lb.run('recs', ok)).resolves.toMatchObject({ value: 'ok' });
  });

  it('per-guard options override defaults', async () => {
    const { lb } = track(make({ defaults: trippy, guards: { recs: { volumeThreshold: 3 } } }));
    await lb.run('recs', fail(500), { fallback: 0 });
    expect(lb.state('recs')).toBe('closed');
    expect(lb.config.guards.recs).toMatchObject({ volumeThreshold: 3, resetTimeout: 1000, timeout: 100 });
  });

  it('after resetTimeout: half-open, exactly one probe; success closes', async () => {
    const { lb, of } = track(make({ defaults: trippy }));
    await trip(lb);
    await vi.advanceTimersByTimeAsync(999);
    expect(lb.state('cart')).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(lb.state('cart')).toBe('half-open');
    let answer: (v: string) => void = () => {};
    const probe = lb.run('cart', () => new Promise<string>((r) => (answer = r)), { fallback: 'fb' });
    const other = vi.fn(ok);
    await expect(lb.run('cart', other, { fallback: 'fb' })).resolves.toMatchObject({ reason: 'open' });
    expect(other).not.toHaveBeenCalled();
    answer('probed');
    await expect(probe).resolves.toEqual({ value: 'probed', fromFallback: false });
    expect(lb.state('cart')).toBe('closed');
    expect(of('transition').map((t) => `${t.from}>${t.to}:${t.reason}`)).toEqual([
      'closed>open:failures',
      'open>half-open:reset-timeout',
      'half-open>closed:probe-succeeded',
    ]);
  });

  it('a failed probe re-opens for resetTimeout × resetBackoff, capped at maxResetTimeout; success resets the backoff', async () => {
    const { lb, of } = track(make({ defaults: { ...trippy, resetBackoff: 3, maxResetTimeout: 5000 } }));
    await trip(lb);
    const periods: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      await vi.advanceTimersToNextTimerAsync();
      expect(lb.state('cart')).toBe('half-open');
      periods.push(Date.now() - t0);
      await lb.run('cart', fail(503), { fallback: 0 });
      expect(lb.state('cart')).toBe('open');
    }
    expect(periods).toEqual([1000, 3000, 5000 - 0]); // 1000, ×3, then 9000 capped to 5000
    expect(of('transition').filter((t) => t.reason === 'probe-failed')).toHaveLength(3);
    await vi.advanceTimersToNextTimerAsync();
    await lb.run('cart', ok);
    expect(lb.state('cart')).toBe('closed');
    await lb.run('cart', fail(500), { fallback: 0 });
    await lb.run('cart', fail(500), { fallback: 0 }); // 2 of 3 calls since the probe failed
    expect(lb.state('cart')).toBe('open');
    const t0 = Date.now();
    await vi.advanceTimersToNextTimerAsync();
    expect(Date.now() - t0).toBe(1000);
  });

  it('the open period is jittered by ±resetJitter', async () => {
    const draws = [0, 0.999];
    for (const d of draws) {
      const { lb } = track(make({ defaults: { ...trippy, resetJitter: 0.2 } }));
      vi.spyOn(Math, 'random').mockReturnValue(d);
      await trip(lb);
      vi.restoreAllMocks();
      const t0 = Date.now();
      await vi.advanceTimersToNextTimerAsync();
      const period = Date.now() - t0;
      expect(lb.state('cart')).toBe('half-open');
      expect(period).toBe(d === 0 ? 800 : Math.round(1000 * (1 + 0.2 * (2 * 0.999 - 1))));
      lb.destroy();
    }
  });

  it('a probe the caller aborts decides nothing: still half-open, the next call probes', async () => {
    const { lb } = track(make({ defaults: trippy }));
    await trip(lb);
    await vi.advanceTimersByTimeAsync(1000);
    const ctrl = new AbortController();
    const p = lb.run('cart', hang, { signal: ctrl.signal });
    ctrl.abort();
    await p.catch(() => {});
    expect(lb.state('cart')).toBe('half-open');
    await lb.run('cart', ok);
    expect(lb.state('cart')).toBe('closed');
  });

  it('idempotent: the half-open probe runs in the background and the fallback is served at once', async () => {
    const { lb, of } = track(make({ defaults: trippy }));
    await trip(lb);
    await vi.advanceTimersByTimeAsync(1000);
    const work = vi.fn(hang);
    const r = await lb.run('cart', work, { fallback: 'native', idempotent: true });
    expect(r).toMatchObject({ value: 'native', fromFallback: true, reason: 'open' });
    expect(work).toHaveBeenCalledOnce(); // the probe is running
    const other = vi.fn(ok);
    await lb.run('cart', other, { fallback: 'native', idempotent: true });
    expect(other).not.toHaveBeenCalled(); // one probe at a time
    await vi.advanceTimersByTimeAsync(100); // the probe hangs: its time budget ends it
    expect(lb.state('cart')).toBe('open');
    expect(of('transition').at(-1)).toMatchObject({ to: 'open', reason: 'probe-failed' });
    expect(of('fallback').slice(1).map((f) => f.reason)).toEqual(['open', 'open']);
    await vi.advanceTimersByTimeAsync(2000);
    await lb.run('cart', ok, { fallback: 'native', idempotent: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(lb.state('cart')).toBe('closed');
  });

  it('probe: a write that would be the half-open probe gets its fallback at once; the health request probes in the background', async () => {
    const { lb, of } = track(make({ defaults: trippy }));
    await trip(lb);
    await vi.advanceTimersByTimeAsync(1000);
    const write = vi.fn(ok);
    const health = vi.fn(hang);
    const r = await lb.run('cart', write, { fallback: 'native', probe: health });
    expect(r).toMatchObject({ value: 'native', fromFallback: true, reason: 'open' });
    expect(write).not.toHaveBeenCalled(); // the shopper's add-to-cart never hangs as the probe
    expect(health).toHaveBeenCalledOnce();
    await vi.advanceTimersByTimeAsync(100); // the health request hangs: its time budget ends it
    expect(of('transition').at(-1)).toMatchObject({ to: 'open', reason: 'probe-failed' });
    await vi.advanceTimersByTimeAsync(2000);
    const healthy = vi.fn(ok);
    await lb.run('cart', write, { fallback: 'native', probe: healthy });
    await vi.advanceTimersByTimeAsync(0);
    expect(healthy).toHaveBeenCalledOnce();
    expect(lb.state('cart')).toBe('closed');
    // Closed: the write runs itself, the probe is not called.
    await expect(lb.run('cart', write, { fallback: 'native', probe: healthy })).resolves.toMatchObject({ fromFallback: false });
    expect(write).toHaveBeenCalledOnce();
    expect(healthy).toHaveBeenCalledOnce();
  });

  it('the open state is checked lazily too (throttled background timers)', async () => {
    const { lb } = track(make({ defaults: trippy }));
    await trip(lb);
    vi.setSystemTime(Date.now() + 5000); // the clock moves, the timer has not run
    const work = vi.fn(ok);
    await lb.run('cart', work);
    expect(work).toHaveBeenCalledOnce();
    expect(lb.state('cart')).toBe('closed');
  });
});

describe('capacity (bulkhead)', () => {
  it('rejects calls beyond capacity to the fallback without counting them as failures', async () => {
    const { lb, of } = track(make({ defaults: { capacity: 1, volumeThreshold: 1 } }));
    let answer: () => void = () => {};
    const first = lb.run('cart', () => new Promise<void>((r) => (answer = r)));
    const second = await lb.run('cart', ok, { fallback: 'busy' });
    expect(second).toMatchObject({ value: 'busy', fromFallback: true, reason: 'rejected' });
    expect(of('reject')).toEqual([{ guard: 'cart', reason: 'capacity' }]);
    answer();
    await first;
    expect(lb.state('cart')).toBe('closed');
    await expect(lb.run('cart', ok)).resolves.toMatchObject({ value: 'ok' });
  });
});

describe('retries', () => {
  const retrying = { retries: 2, retryDelay: 100, retryMaxDelay: 400, retryBudget: 1, timeout: 5000, volumeThreshold: 100 };
  // Retries are earned by calls (retryBudget share of them): a fresh page has none to spend.
  const earn = async (lb: Lifeboat, n = 10) => {
    for (let i = 0; i < n; i++) await lb.run('cart', ok);
  };

  it('a fresh page with retryBudget 0.1 has not earned a retry yet', async () => {
    const { lb } = track(make({ defaults: { ...retrying, retryBudget: 0.1 } }));
    const work = vi.fn(fail(503));
    await lb.run('cart', work, { fallback: 0 });
    expect(work).toHaveBeenCalledOnce();
  });

  it('retries a 5xx / 429 / network error up to `retries` times with a jittered delay', async () => {
    for (const err of [{ status: 503 }, { status: 429 }, new TypeError('Failed to fetch')]) {
      const { lb } = track(make({ defaults: retrying }));
      await earn(lb);
      const work = vi.fn().mockRejectedValueOnce(err).mockRejectedValueOnce(err).mockResolvedValue('third time');
      const p = lb.run('cart', work);
      await vi.advanceTimersByTimeAsync(1200);
      await expect(p).resolves.toEqual({ value: 'third time', fromFallback: false });
      expect(work).toHaveBeenCalledTimes(3);
    }
  });

  it('stops after `retries`', async () => {
    const { lb } = track(make({ defaults: retrying }));
    await earn(lb);
    const work = vi.fn(fail(503));
    const p = lb.run('cart', work, { fallback: 'fb' });
    await vi.advanceTimersByTimeAsync(2000);
    await expect(p).resolves.toMatchObject({ reason: 'error' });
    expect(work).toHaveBeenCalledTimes(3);
  });

  it('waits between retryDelay and retryMaxDelay (decorrelated jitter)', async () => {
    const { lb } = track(make({ defaults: { ...retrying, retries: 5 } }));
    await earn(lb);
    const times: number[] = [];
    const p = lb.run('cart', () => (times.push(Date.now()), Promise.reject({ status: 500 })), { fallback: 0 });
    await vi.advanceTimersByTimeAsync(4000);
    await p;
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    expect(gaps).toHaveLength(5);
    for (const g of gaps) {
      expect(g).toBeGreaterThanOrEqual(100);
      expect(g).toBeLessThanOrEqual(400);
    }
  });

  it('does not retry 4xx, aborts, timeouts or non-failures', async () => {
    const { lb } = track(make({ defaults: { ...retrying, timeout: 300 } }));
    await earn(lb);
    const w400 = vi.fn(fail(404));
    await lb.run('cart', w400, { fallback: 0 });
    expect(w400).toHaveBeenCalledOnce();
    const w503 = vi.fn(fail(503));
    await expect(lb.run('cart', w503, { isFailure: () => false })).rejects.toMatchObject({ status: 503 });
    expect(w503).toHaveBeenCalledOnce();
    const wHang = vi.fn(hang);
    const p = lb.run('cart', wHang, { fallback: 0 });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(p).resolves.toMatchObject({ reason: 'timeout' });
    expect(wHang).toHaveBeenCalledOnce();
  });

  it('all attempts share one time budget', async () => {
    const { lb } = track(make({ defaults: { ...retrying, retries: 10, retryDelay: 100, retryMaxDelay: 100, timeout: 350 } }));
    await earn(lb);
    const work = vi.fn(() => Promise.reject({ status: 500 }));
    const p = lb.run('cart', work, { fallback: 0 });
    await vi.advanceTimersByTimeAsync(2000);
    const r = await p;
    // attempts at 0, 100, 200, 300 would leave no room for 400: the last retry is not started
    expect(work.mock.calls.length).toBeLessThanOrEqual(4);
    expect(['error', 'timeout']).toContain(r.fromFallback && r.reason);
  });

  it('retries never exceed retryBudget share of calls', async () => {
    const { lb } = track(make({ defaults: { ...retrying, retries: 3, retryBudget: 0.2, retryDelay: 1, retryMaxDelay: 1 } }));
    let attempts = 0;
    for (let i = 0; i < 20; i++) {
      const p = lb.run('cart', () => (attempts++, Promise.reject({ status: 500 })), { fallback: 0 });
      await vi.advanceTimersByTimeAsync(20);
      await p;
    }
    expect(attempts - 20).toBeLessThanOrEqual(4);
    expect(attempts - 20).toBeGreaterThan(0);
  });

  it('a half-open probe is never retried', async () => {
    const { lb } = track(make({ defaults: { ...retrying, volumeThreshold: 1, resetTimeout: 1000, resetJitter: 0 } }));
    await lb.run('cart', fail(404), { fallback: 0 }); // not worth a retry, but a failure
    expect(lb.state('cart')).toBe('open');
    await vi.advanceTimersByTimeAsync(1000);
    const work = vi.fn(fail(503));
    await lb.run('cart', work, { fallback: 0 });
    expect(work).toHaveBeenCalledOnce();
    expect(lb.state('cart')).toBe('open');
  });
});

describe('fleet status', () => {
  const doc = (guards: Record<string, GuardStatus>) => ({ v: 1 as const, generatedAt: Date.now(), guards });

  it("'open' fails fast with reason status and state() says open", async () => {
    const { lb, of } = track(make());
    await lb.run('cart', ok);
    expect(lb.statusAt).toBeUndefined();
    lb.applyStatus(doc({ cart: { mode: 'open', reason: 'incident', probe: 0 } }));
    expect(lb.statusAt).toBe(Date.now());
    expect(lb.state('cart')).toBe('open');
    expect(lb.fleet('cart')).toMatchObject({ mode: 'open' });
    const work = vi.fn(ok);
    await expect(lb.run('cart', work, { fallback: 'native' })).resolves.toMatchObject({ value: 'native', reason: 'status' });
    expect(work).not.toHaveBeenCalled();
    expect(of('reject')).toEqual([{ guard: 'cart', reason: 'status' }]);
    expect(of('transition')).toEqual([{ guard: 'cart', from: 'closed', to: 'open', reason: 'status' }]);
    lb.applyStatus(doc({}));
    expect(lb.state('cart')).toBe('closed');
    expect(lb.fleet('cart')).toBeUndefined();
    expect(of('transition')[1]).toEqual({ guard: 'cart', from: 'open', to: 'closed', reason: 'status' });
  });

  it("'open' for a guard never used yet is reported and emitted too", () => {
    const { lb, of } = track(make());
    lb.applyStatus(doc({ recs: { mode: 'open' } }));
    expect(lb.state('recs')).toBe('open');
    expect(of('transition')).toEqual([{ guard: 'recs', from: 'closed', to: 'open', reason: 'status' }]);
  });

  it("'closed' force-closes a locally open breaker and keeps it from tripping", async () => {
    const { lb, of } = track(make({ defaults: trippy }));
    await trip(lb);
    lb.applyStatus(doc({ cart: { mode: 'closed' } }));
    expect(lb.state('cart')).toBe('closed');
    expect(of('transition').at(-1)).toEqual({ guard: 'cart', from: 'open', to: 'closed', reason: 'status' });
    await lb.run('cart', fail(500), { fallback: 0 });
    expect(lb.state('cart')).toBe('closed');
    const work = vi.fn(ok);
    await lb.run('cart', work);
    expect(work).toHaveBeenCalled();
  });

  it("'auto' with probe < 1: a page load whose draw is above it does not call at all, and its open breaker stays open another period", async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.9); // this page load's draw (and jitter)
    const { lb, of } = track(make({ defaults: { ...trippy, resetJitter: 0 } }));
    vi.restoreAllMocks();
    lb.applyStatus(doc({ cart: { mode: 'auto', probe: 0.5 } }));
    // A closed breaker too: the ramp holds back the whole fleet, not only browsers that tripped.
    const work = vi.fn(ok);
    await expect(lb.run('cart', work, { fallback: 'fb' })).resolves.toMatchObject({ value: 'fb', reason: 'status' });
    expect(work).not.toHaveBeenCalled();
    lb.applyStatus(doc({}));
    await trip(lb);
    lb.applyStatus(doc({ cart: { mode: 'auto', probe: 0.5 } }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lb.state('cart')).toBe('open');
    await lb.run('cart', work, { fallback: 'fb' });
    expect(work).not.toHaveBeenCalled();
    lb.applyStatus(doc({ cart: { mode: 'auto', probe: 1 } }));
    await vi.advanceTimersByTimeAsync(1000);
    expect(lb.state('cart')).toBe('half-open');
    expect(of('transition').map((t) => t.to)).toEqual(['open', 'half-open']);
  });

  it("'open' with a probe share: page loads whose draw is below it still call (the fleet keeps learning), the rest get the fallback", async () => {
    for (const [draw, calls] of [[0.01, 1], [0.5, 0]] as const) {
      vi.spyOn(Math, 'random').mockReturnValue(draw);
      const { lb } = track(make());
      vi.restoreAllMocks();
      lb.applyStatus(doc({ cart: { mode: 'open', probe: 0.02 } }));
      expect(lb.state('cart')).toBe('open');
      const work = vi.fn(ok);
      const r = await lb.run('cart', work, { fallback: 'fb' });
      expect(work).toHaveBeenCalledTimes(calls);
      expect(r).toMatchObject(calls ? { value: 'ok', fromFallback: false } : { value: 'fb', reason: 'status' });
    }
  });

  it("'auto' with probe < 1: a browser whose draw is below it probes", async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    const { lb } = track(make({ defaults: trippy }));
    vi.restoreAllMocks();
    lb.applyStatus(doc({ cart: { mode: 'auto', probe: 0.5 } }));
    await trip(lb);
    await vi.advanceTimersByTimeAsync(1000);
    expect(lb.state('cart')).toBe('half-open');
  });

  it('a malformed document is an sdk-error, not an exception', () => {
    const { lb, of } = track(make());
    expect(() => lb.applyStatus({ v: 1, generatedAt: 0, guards: { cart: null } } as never)).not.toThrow();
    expect(() => lb.applyStatus(null as never)).not.toThrow();
    expect(of('sdk-error').filter((e) => e.code === 'status-invalid').length).toBeLessThanOrEqual(1);
  });
});

describe('instance', () => {
  it('catches listener exceptions and reports them as sdk-error', async () => {
    const { lb, of } = track(make());
    lb.on('success', () => {
      throw new Error('listener bug');
    });
    await expect(lb.run('cart', ok)).resolves.toMatchObject({ value: 'ok' });
    expect(of('sdk-error').filter((e) => e.code === 'listener-threw')).toHaveLength(1);
  });

  it('on() returns an unsubscribe function', async () => {
    const { lb } = track(make());
    const seen = vi.fn();
    const off = lb.on('success', seen);
    await lb.run('cart', ok);
    off();
    await lb.run('cart', ok);
    expect(seen).toHaveBeenCalledOnce();
  });

  it('report() emits report; flush() emits flush', () => {
    const { lb } = track(make());
    const reports = vi.fn();
    const flushes = vi.fn();
    lb.on('report', reports);
    lb.on('flush', flushes);
    lb.report({ type: 'ready', guard: 'cart', widget: 'smartcart', ms: 812, ok: true } as never);
    lb.flush();
    expect(reports).toHaveBeenCalledWith({ event: expect.objectContaining({ type: 'ready', ms: 812 }) });
    expect(flushes).toHaveBeenCalledOnce();
  });

  it('destroy() stops the open-period timer and the listeners', async () => {
    const { lb, of } = make({ defaults: trippy });
    await trip(lb);
    lb.destroy();
    const before = of('transition').length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(of('transition').length).toBe(before);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a healthy guard leaves no timer behind (no rolling-window interval)', async () => {
    const { lb } = track(make());
    await lb.ready;
    await lb.run('cart', ok);
    expect(vi.getTimerCount()).toBe(0);
  });
});
