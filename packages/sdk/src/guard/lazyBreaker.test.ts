// The guard with the lazy breaker provider (lazyBreaker.ts, direct.ts), as the Shopify loader has it:
// healthy calls never load the class; the first counted failure loads it and replays the page's
// successes and itself, so the breaker decides as the eager one does, and each event once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import CircuitBreaker from 'opossum';
import { createCore } from '../createCore.js';
import { readConfig } from '../config/validateConfig.js';
import { checkStatus } from '../status/checkStatus.js';
import { retryingAction } from './actionProvider.js';
import type { BreakerProvider } from './breakerProvider.js';
import { attachBreaker } from './breakerGlue.js';
import { eagerBreaker } from './eagerBreaker.js';
import { lazyBreaker, type BreakerModule } from './lazyBreaker.js';
import type { Lifeboat, LifeboatEventName } from '../types.js';

const p = vi.hoisted(() => ({ eager: false, loads: 0, offline: false, hold: undefined as Promise<void> | undefined, provider: undefined as unknown as BreakerProvider }));
const load = async (): Promise<BreakerModule> => {
  p.loads++;
  await null; // a tick, as a cached chunk would take
  if (p.hold) await p.hold;
  if (p.offline) throw new Error('chunk unavailable');
  return { default: CircuitBreaker, attachBreaker };
};

const NAMES: LifeboatEventName[] = ['transition', 'success', 'failure', 'timeout', 'reject', 'fallback', 'sdk-error'];
let lbs: Lifeboat[] = [];

function make(eager: boolean, guard: Record<string, unknown> = {}) {
  p.eager = eager;
  const lb = createCore({ defaults: { persist: false, resetJitter: 0, timeout: 100, ...guard } }, undefined, {
    config: readConfig,
    breaker: eager ? eagerBreaker : (ctx) => p.provider(ctx),
    action: retryingAction,
    checkStatus,
  });
  lbs.push(lb);
  const events: Array<[LifeboatEventName, Record<string, unknown>]> = [];
  // (happy-dom has no IndexedDB: its one storage-unavailable sdk-error is not what is compared.)
  for (const n of NAMES) lb.on(n, (e) => (e as { code?: string }).code !== 'storage-unavailable' && events.push([n, e as Record<string, unknown>]));
  // What beacons and listeners see, without latencies (the replay's are not the calls').
  const seen = () => events.map(([n, { ms: _ms, error: _e, ...rest }]) => [n, rest]);
  return { lb, events, seen };
}

const ok = () => Promise.resolve('ok');
const fail = () => Promise.reject(Object.assign(new Error('HTTP 500'), { status: 500 }));
const hang = (signal: AbortSignal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

type Step = 'ok' | 'fail' | 'timeout' | number; // a number: advance the clock by that many ms

async function play(lb: Lifeboat, steps: Step[]) {
  const states: string[] = [];
  for (const s of steps) {
    if (typeof s === 'number') {
      await vi.advanceTimersByTimeAsync(s);
      continue;
    }
    const r = lb.run('w', s === 'ok' ? ok : s === 'fail' ? fail : hang, { fallback: 'native' });
    if (s === 'timeout') await vi.advanceTimersByTimeAsync(100);
    await r;
    states.push(lb.state('w'));
  }
  return states;
}

/** Runs the steps eagerly and lazily; both must see the same states and the same events. */
async function same(guard: Record<string, unknown>, steps: Step[]) {
  const eager = make(true, guard);
  const want = await play(eager.lb, steps);
  const lazy = make(false, guard);
  const got = await play(lazy.lb, steps);
  expect(got).toEqual(want);
  expect(lazy.seen()).toEqual(eager.seen());
  return { want, lazy, eager };
}

beforeEach(() => {
  vi.useFakeTimers();
  Object.assign(p, { eager: false, loads: 0, offline: false, hold: undefined, provider: lazyBreaker(load) });
  lbs = [];
});
afterEach(() => {
  for (const lb of lbs) lb.destroy();
  vi.useRealTimers();
});

describe('lazy opossum: a healthy page', () => {
  it('never loads the class, and gives the same answers, signals and success events', async () => {
    const { lb, events } = make(false);
    await expect(lb.run('w', () => 42)).resolves.toEqual({ value: 42, fromFallback: false });
    const signals: unknown[] = [];
    await lb.run('w', (s) => void signals.push(s));
    await lb.run('w', function (this: unknown, ...args: unknown[]) {
      signals.push(args[0]);
    });
    expect(signals[0]).toBeInstanceOf(AbortSignal);
    expect(signals[1]).toBeUndefined();
    for (let i = 0; i < 20; i++) await lb.run('w', ok);
    expect(events.filter(([n]) => n === 'success')).toHaveLength(23);
    expect(events.every(([n]) => n === 'success')).toBe(true);
    expect(p.loads).toBe(0);
    expect(lb.state('w')).toBe('closed');
  });

  it('the caller’s abort is not a failure: nothing loaded, counted or served', async () => {
    const { lb, events } = make(false, { volumeThreshold: 1 });
    const ctrl = new AbortController();
    const r = lb.run('w', hang, { fallback: 'fb', signal: ctrl.signal });
    await vi.advanceTimersByTimeAsync(10);
    ctrl.abort(new DOMException('left', 'AbortError'));
    await expect(r).rejects.toMatchObject({ name: 'AbortError' });
    expect(p.loads).toBe(0);
    expect(events).toEqual([]);
    expect(lb.state('w')).toBe('closed');
  });

  it('isFailure → false: the original error, a success event, nothing loaded', async () => {
    const { lb, seen } = make(false, { volumeThreshold: 1 });
    const soldOut = Object.assign(new Error('sold out'), { status: 422 });
    const isFailure = (e: unknown) => (e as { status?: number }).status !== 422;
    for (let i = 0; i < 3; i++) await expect(lb.run('w', () => Promise.reject(soldOut), { fallback: 'x', isFailure })).rejects.toBe(soldOut);
    expect(p.loads).toBe(0);
    expect(seen()).toEqual(Array(3).fill(['success', { guard: 'w' }]));
  });
});

describe('lazy opossum: the first failure', () => {
  it('a timeout loads the class and, with volumeThreshold 1, opens with the eager path’s events', async () => {
    const { lazy, want } = await same({ volumeThreshold: 1 }, ['timeout']);
    expect(want).toEqual(['open']);
    expect(p.loads).toBe(1);
    expect(lazy.seen()).toEqual([
      ['timeout', { guard: 'w' }],
      ['transition', { guard: 'w', from: 'closed', to: 'open', reason: 'failures' }],
      ['fallback', { guard: 'w', reason: 'timeout' }],
    ]);
    expect(lazy.events[0][1]).toEqual({ guard: 'w', ms: 100 });
  });

  it('aborts the work’s signal with a TimeoutError, as opossum’s timer does', async () => {
    const { lb } = make(false);
    let signal: AbortSignal | undefined;
    const r = lb.run('w', (s) => ((signal = s), hang(s)), { fallback: 0 });
    await vi.advanceTimersByTimeAsync(100);
    await expect(r).resolves.toMatchObject({ fromFallback: true, reason: 'timeout' });
    expect((signal!.reason as DOMException).name).toBe('TimeoutError');
  });

  it('an error serves the fallback with reason error after the replay, and its failure event carries the call’s latency', async () => {
    const { lb, events } = make(false, { volumeThreshold: 1 });
    const err = new Error('down');
    const r = lb.run('w', () => new Promise((_, reject) => setTimeout(() => reject(err), 40)), { fallback: (i: unknown) => i });
    await vi.advanceTimersByTimeAsync(40);
    await expect(r).resolves.toMatchObject({ fromFallback: true, reason: 'error', value: { reason: 'error', error: err } });
    expect(events.filter(([n]) => n === 'failure')).toEqual([['failure', { guard: 'w', ms: 40, error: err }]]);
    expect(lb.state('w')).toBe('open');
  });

  it.each([
    ['5 calls, 50 %: 3 ok then failures', { volumeThreshold: 5, errorThresholdPercentage: 50 }, ['ok', 'ok', 'ok', 'fail', 'fail', 'fail', 'fail', 'ok', 'fail']],
    ['2 calls, 50 %: ok, fail, fail', { volumeThreshold: 2, errorThresholdPercentage: 50 }, ['ok', 'fail', 'fail']],
    ['1 call, 10 %: 9 ok then a timeout', { volumeThreshold: 1, errorThresholdPercentage: 10 }, ['ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'timeout']],
    ['1 call, 10 %: 10 ok then a failure stays closed', { volumeThreshold: 1, errorThresholdPercentage: 10 }, [...Array(10).fill('ok'), 'fail']],
    ['3 calls, 0 %: fail, ok, fail', { volumeThreshold: 3, errorThresholdPercentage: 0 }, ['fail', 'ok', 'fail']],
  ] as Array<[string, Record<string, unknown>, Step[]]>)('replays to the eager decision: %s', async (_, guard, steps) => {
    const { want } = await same(guard, steps);
    expect(want.length).toBe(steps.length);
  });

  it('successes that left the rolling window are not replayed into it', async () => {
    const guard = { volumeThreshold: 1, errorThresholdPercentage: 60, rollingCountTimeout: 1000, rollingCountBuckets: 10 };
    const { want } = await same(guard, ['ok', 'ok', 300, 'ok', 1200, 'ok', 'fail']);
    expect(want.at(-1)).toBe('closed'); // 1 of 2 in the window
    const { want: w2 } = await same(guard, ['ok', 'ok', 'ok', 1500, 'fail']);
    expect(w2.at(-1)).toBe('open'); // the three successes rotated out
    await same(guard, ['ok', 'ok', 450, 'ok', 450, 'fail']);
  });

  it('counts each outcome once: success, failure, timeout and fallback events match the eager path', async () => {
    const { lazy } = await same({ volumeThreshold: 10 }, ['ok', 'fail', 'ok', 'timeout', 'ok', 'fail']);
    const count = (n: string) => lazy.events.filter(([t]) => t === n).length;
    expect([count('success'), count('failure'), count('timeout'), count('fallback')]).toEqual([3, 2, 1, 3]);
    expect(p.loads).toBe(1);
  });

  it('after the breaker is made, calls go through opossum (half-open probe, recovery)', async () => {
    await same({ volumeThreshold: 1, resetTimeout: 1000 }, ['ok', 'fail', 'ok', 1000, 'ok', 'ok', 'fail']);
  });

  it('a breaker chunk that does not load: sdk-error, the fallback is still served, the next failure tries again', async () => {
    p.offline = true;
    const { lb, seen } = make(false, { volumeThreshold: 1 });
    await expect(lb.run('w', fail, { fallback: 'native' })).resolves.toMatchObject({ value: 'native', reason: 'error' });
    expect(seen()).toEqual([
      ['failure', { guard: 'w' }],
      ['sdk-error', { guard: 'w', code: 'breaker-unavailable', message: 'w: the circuit breaker did not load' }],
      ['fallback', { guard: 'w', reason: 'error' }],
    ]);
    p.offline = false;
    await lb.run('w', fail, { fallback: 'native' });
    expect(p.loads).toBe(2);
    expect(lb.state('w')).toBe('open');
  });

  it('a call made while the breaker chunk is on its way waits for it; if it fails, the call still runs directly', async () => {
    let arrive!: () => void;
    p.hold = new Promise<void>((r) => (arrive = r));
    p.offline = true;
    const { lb } = make(false, { volumeThreshold: 1 });
    const first = lb.run('w', fail, { fallback: 'a' });
    await vi.advanceTimersByTimeAsync(0);
    const work = vi.fn(ok);
    const second = lb.run('w', work, { fallback: 'b' });
    expect(work).not.toHaveBeenCalled(); // it waits for the replay
    arrive();
    await expect(first).resolves.toMatchObject({ value: 'a', reason: 'error' });
    await expect(second).resolves.toEqual({ value: 'ok', fromFallback: false });
    expect(p.loads).toBe(1);
  });

  it('a call made while the replay is pending runs through the breaker it makes', async () => {
    let arrive!: () => void;
    p.hold = new Promise<void>((r) => (arrive = r));
    const { lb } = make(false, { volumeThreshold: 1 });
    const first = lb.run('w', fail, { fallback: 'a' });
    await vi.advanceTimersByTimeAsync(0);
    const work = vi.fn(ok);
    const second = lb.run('w', work, { fallback: 'b' });
    arrive();
    await expect(first).resolves.toMatchObject({ value: 'a', reason: 'error' });
    // The first failure opened the breaker: the waiting call is refused like any call after it.
    await expect(second).resolves.toMatchObject({ value: 'b', reason: 'open' });
    expect(work).not.toHaveBeenCalled();
  });

  it('a guard with capacity loads the class first and runs through opossum', async () => {
    const { lb } = make(false, { capacity: 1 });
    const a = lb.run('w', (s) => new Promise((r) => setTimeout(() => r('a'), 50)).then((v) => (s.aborted ? 'x' : v)));
    const b = lb.run('w', ok, { fallback: 'busy' });
    await vi.advanceTimersByTimeAsync(50);
    await expect(a).resolves.toEqual({ value: 'a', fromFallback: false });
    await expect(b).resolves.toMatchObject({ value: 'busy', reason: 'rejected' });
    expect(p.loads).toBeGreaterThan(0);
  });
});
