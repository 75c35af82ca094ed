// Every case of Guard.test.ts again, with the loader build's lazy provider: no CircuitBreaker class
// until its loader (resolving after a tick) brought it, and none at the start of each test.
// Same assertions, unchanged: the direct path and the replay behave as opossum from the first call.
import CircuitBreaker from 'opossum';
import { afterAll, beforeEach, expect, vi } from 'vitest';
import type { BreakerContext, BreakerProvider } from './breakerProvider.js';
import { attachBreaker } from './breakerGlue.js';
import { lazyBreaker } from './lazyBreaker.js';

const p = vi.hoisted(() => ({ provider: undefined as unknown as BreakerProvider, loads: 0 }));
// createLifeboat's breaker part, swapped for the lazy provider with a loader that takes a tick.
vi.mock('./eagerBreaker.js', () => ({ eagerBreaker: (ctx: BreakerContext) => p.provider(ctx) }));

beforeEach(() => {
  p.provider = lazyBreaker(async () => {
    p.loads++;
    await null;
    return { default: CircuitBreaker, attachBreaker };
  });
});
// Some cases fail a call, most do not: the class was loaded by some, not by all.
afterAll(() => expect(p.loads).toBeGreaterThan(0));

await import('./Guard.test.js');
