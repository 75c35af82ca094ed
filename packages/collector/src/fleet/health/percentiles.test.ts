import { describe, expect, it } from 'vitest';
import { percentile } from './percentiles.js';

describe('percentile from histogram buckets', () => {
  it('interpolates inside the bucket holding the rank', () => {
    // 100 samples all in (100, 250]: p50 at the middle of the bucket.
    expect(percentile([0, 0, 0, 100, 0, 0, 0, 0, 0, 0], 0.5)).toBe(175);
    expect(percentile([50, 50, 0, 0, 0, 0, 0, 0, 0, 0], 0.5)).toBe(25);
    expect(percentile([50, 50, 0, 0, 0, 0, 0, 0, 0, 0], 0.99)).toBe(50);
  });
  it('reports the last bound for the overflow bucket and null without samples', () => {
    expect(percentile([0, 0, 0, 0, 0, 0, 0, 0, 0, 5], 0.5)).toBe(10000);
    expect(percentile([0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5)).toBeNull();
  });
});
