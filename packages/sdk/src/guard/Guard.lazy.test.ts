// Every case of Guard.test.ts again, with the loader build's lazy provider: no CircuitBreaker class
// until `loadBreaker()` (resolving after a tick) brought it, and none at the start of each test.
// Same assertions, unchanged: the direct path and the replay behave as opossum from the first call.
import { afterAll, beforeEach, expect, vi } from 'vitest';

const p = vi.hoisted(() => ({ C: undefined as unknown, loads: 0 }));
vi.mock('./opossum.js', async () => {
  const C = (await vi.importActual<typeof import('opossum')>('opossum')).default;
  return {
    lazy: true,
    breakerClass: () => p.C,
    loadBreaker: async () => {
      p.loads++;
      await null;
      return (p.C = C);
    },
  };
});

beforeEach(() => {
  p.C = undefined;
});
// Some cases fail a call, most do not: the class was loaded by some, not by all.
afterAll(() => expect(p.loads).toBeGreaterThan(0));

await import('./Guard.test.js');
