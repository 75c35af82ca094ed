/**
 * Token buckets in memory, one per key. `ratePerMs` tokens accrue per ms up to `burst`.
 * Per process: N collector processes allow N times the configured rate (documented).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerMs: number,
    private readonly burst: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Takes one token; returns 0 when allowed, else the ms until a token is available. */
  take(key: string, now: number): number {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      b = { tokens: this.burst, at: now };
      this.buckets.set(key, b);
    } else if (now > b.at) {
      b.tokens = Math.min(this.burst, b.tokens + (now - b.at) * this.ratePerMs);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / this.ratePerMs);
  }

  /** Drops buckets that would be full again (they carry no state worth keeping). */
  sweep(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * this.ratePerMs >= this.burst) this.buckets.delete(k);
    // Under a spread-out flood every bucket may be busy: fail open rather than grow without bound.
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }

  get size(): number {
    return this.buckets.size;
  }
}
