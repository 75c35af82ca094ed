import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff.js';

describe('alert backoff', () => {
  it('doubles from the base, capped, jittered within the upper half', () => {
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(20, 1000, 60_000, () => 1)).toBe(60_000);
  });
});
