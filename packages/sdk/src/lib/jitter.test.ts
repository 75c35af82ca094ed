import { describe, expect, it } from 'vitest';
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
