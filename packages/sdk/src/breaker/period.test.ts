import { describe, expect, it } from 'vitest';
import { GUARD_DEFAULTS } from '@lifeboat/schema/lite';
import { openPeriod } from './period.js';

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
