import type { ResolvedGuardOptions } from '@lifeboat/schema/lite';
import { jitter } from '../lib/jitter.js';

/**
 * How long the breaker stays open after `failedProbes` failed probes in a row:
 * resetTimeout × resetBackoff^failedProbes, capped at maxResetTimeout, then jittered by
 * ±resetJitter. A jittered value above the cap is reflected below it, so browsers stuck at the
 * cap still spread their probes and none waits longer than maxResetTimeout.
 */
export function openPeriod(o: ResolvedGuardOptions, failedProbes: number, r = Math.random()): number {
  const max = o.maxResetTimeout;
  const p = jitter(Math.min(o.resetTimeout * o.resetBackoff ** failedProbes, max), o.resetJitter, r);
  return Math.max(1, Math.round(p > max ? 2 * max - p : p));
}
