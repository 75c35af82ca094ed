/**
 * `base × (1 ± spread)`, uniformly: browsers that opened together re-probe at different times.
 * `r` is a draw in [0, 1) (injectable for tests).
 */
export const jitter = (base: number, spread: number, r = Math.random()): number => base * (1 + spread * (2 * r - 1));

/**
 * "Decorrelated jitter" backoff (AWS Architecture Blog, 2015): the next delay is uniform between
 * `base` and three times the previous one, capped. Spreads retries better than full jitter while
 * still growing.
 */
export const decorrelated = (prev: number, base: number, cap: number, r = Math.random()): number =>
  Math.min(cap, base + r * (prev * 3 - base));
