/**
 * opossum's `CircuitBreaker` and the guard's glue for it (`guard/breakerGlue.ts`) for the loader
 * build (rollup aliases the SDK's `guard/opossum.ts` and `guard/breakerGlue.ts` here): not in the
 * per-page file (with the glue ~5 kB gzip of its 10 kB budget) but in
 * `lifeboat.shopify.breaker.js`, fetched on a page's first counted failure (or for a half-open
 * probe, or a guard with `capacity`). On a healthy page a widget guard makes one call, and what
 * opossum would count then dies with the page; so until the class is here a closed guard runs its
 * calls directly and keeps its successes, and the first failure replays them and itself into a
 * fresh breaker — opossum decides as it would have from the first call (`Guard.ts`).
 */
import type CircuitBreaker from 'opossum';
import type * as Chunk from '../breaker.js';
import { breaker } from '../chunks.js';

let C: typeof CircuitBreaker | undefined;
let glue: typeof Chunk.attachBreaker | undefined;

/** The class may be missing: the guard keeps its direct path. */
export const lazy = true;

/** The class once `loadBreaker` brought it. */
export const breakerClass = (): typeof CircuitBreaker | undefined => C;

/** Fetches the breaker chunk (once; again after a failed load). */
export const loadBreaker = (): Promise<typeof CircuitBreaker> =>
  breaker().then((m) => ((glue = (m as typeof Chunk).attachBreaker), (C = m.default)));

/** The chunk's glue: the guard calls it only once `breakerClass()` is there, so it is too. */
export const attachBreaker: typeof Chunk.attachBreaker = (c, x, primed) => glue!(c, x, primed);
