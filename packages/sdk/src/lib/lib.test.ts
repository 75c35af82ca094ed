import { describe, expect, it, vi } from 'vitest';
import { openPeriod } from '../breaker/period.js';
import { GUARD_DEFAULTS } from '@lifeboat/schema';
import { createEmitter } from './emitter.js';
import { decorrelated, jitter } from './jitter.js';

describe('jitter', () => {
  it('spreads base × (1 ± spread)', () => {
    expect(jitter(1000, 0.2, 0)).toBe(800);
    expect(jitter(1000, 0.2, 0.5)).toBe(1000);
    expect(jitter(1000, 0.2, 1)).toBeCloseTo(1200);
    expect(jitter(1000, 0, 0.3)).toBe(1000);
  });
  it('decorrelated: between base and 3 × previous, capped', () => {
    expect(decorrelated(100, 100, 2000, 0)).toBe(100);
    expect(decorrelated(100, 100, 2000, 1)).toBe(300);
    expect(decorrelated(1000, 100, 2000, 1)).toBe(2000);
  });
});

describe('openPeriod', () => {
  const o = { ...GUARD_DEFAULTS, resetTimeout: 1000, resetBackoff: 2, maxResetTimeout: 10_000, resetJitter: 0.2 };
  it('backs off exponentially per failed probe', () => {
    expect([0, 1, 2, 3].map((n) => openPeriod(o, n, 0.5))).toEqual([1000, 2000, 4000, 8000]);
  });
  it('never exceeds maxResetTimeout yet stays spread at the cap', () => {
    const at = [0, 0.25, 0.5, 0.75, 0.999].map((r) => openPeriod(o, 10, r));
    for (const p of at) expect(p).toBeLessThanOrEqual(10_000);
    expect(new Set(at).size).toBeGreaterThan(2);
  });
});

describe('createEmitter', () => {
  it('delivers, unsubscribes, survives throwing listeners', () => {
    const onError = vi.fn();
    const e = createEmitter<{ a: number }>(onError);
    const seen: number[] = [];
    expect(e.has('a')).toBe(false);
    const off = e.on('a', (n) => seen.push(n));
    e.on('a', () => {
      throw new Error('x');
    });
    e.on('a', (n) => seen.push(n * 10));
    e.emit('a', 1);
    expect(seen).toEqual([1, 10]);
    expect(onError).toHaveBeenCalledOnce();
    off();
    e.emit('a', 2);
    expect(seen).toEqual([1, 10, 20]);
    e.clear();
    expect(e.has('a')).toBe(false);
  });
  it('a listener may unsubscribe itself while the event is delivered', () => {
    const e = createEmitter<{ a: number }>(() => {});
    const seen: string[] = [];
    const off = e.on('a', () => (seen.push('once'), off()));
    e.on('a', () => seen.push('always'));
    e.emit('a', 1);
    e.emit('a', 1);
    expect(seen).toEqual(['once', 'always', 'always']);
  });
});
