import { describe, expect, it } from 'vitest';
import { weigh } from './aggregator.js';

describe('weigh (sampled summaries)', () => {
  it('is exact when n / rate is whole', () => {
    expect(weigh(3, 0.1)).toBe(30);
    expect(weigh(0, 0.3)).toBe(0);
    expect(weigh(5, 1)).toBe(5);
  });

  it('is unbiased when n / rate is fractional', () => {
    let sum = 0;
    const trials = 20_000;
    for (let i = 0; i < trials; i++) sum += weigh(1, 0.4); // 2.5 each
    expect(sum / trials).toBeGreaterThan(2.45);
    expect(sum / trials).toBeLessThan(2.55);
  });
});
