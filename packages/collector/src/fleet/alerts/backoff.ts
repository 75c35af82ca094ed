/**
 * Delay before attempt `attempts + 1`: exponential from `baseMs`, capped at `maxMs`, with "full
 * jitter" on the upper half so several collectors retrying one receiver do not march in step.
 */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
