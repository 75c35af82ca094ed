import { LATENCY_BUCKETS } from '@lifeboat/schema';

/**
 * Estimates a latency percentile (ms) from histogram counts (one per LATENCY_BUCKETS bound plus
 * an overflow slot), interpolating linearly inside the bucket that holds it — the same estimate
 * Prometheus' histogram_quantile makes. The overflow bucket has no upper bound, so a percentile
 * that falls in it is reported as the last bound. null without samples.
 */
export function percentile(counts: readonly number[], q: number): number | null {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0 && seen + c >= rank) {
      if (i >= LATENCY_BUCKETS.length) return LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1];
      const lo = i === 0 ? 0 : LATENCY_BUCKETS[i - 1];
      const hi = LATENCY_BUCKETS[i];
      return Math.round(lo + ((hi - lo) * (rank - seen)) / c);
    }
    seen += c;
  }
  return LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1];
}
