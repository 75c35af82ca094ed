import { describe, expect, it } from 'vitest';
import { retryBudget } from './retryBudget.js';

describe('retryBudget', () => {
  it('allows retries up to `share` of calls in the window', () => {
    const b = retryBudget(0.1, 10_000, 10);
    for (let i = 0; i < 9; i++) b.call(1000);
    expect(b.take(1000)).toBe(false); // 0.9 of a retry earned
    b.call(1000);
    expect(b.take(1000)).toBe(true);
    expect(b.take(1000)).toBe(false);
  });
  it('forgets calls and retries that left the sliding window', () => {
    const b = retryBudget(0.5, 1000, 10);
    b.call(0);
    b.call(0);
    expect(b.take(0)).toBe(true);
    expect(b.take(500)).toBe(false);
    expect(b.take(1100)).toBe(false); // calls gone too
    b.call(1100);
    b.call(1100);
    expect(b.take(1100)).toBe(true);
  });
  it('share 0 never retries', () => {
    const b = retryBudget(0, 1000, 10);
    for (let i = 0; i < 100; i++) b.call(i);
    expect(b.take(100)).toBe(false);
  });
});
