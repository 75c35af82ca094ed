/**
 * Retries may be at most `share` of calls over a sliding window (`windowMs` in `buckets` slots):
 * a token bucket where every call deposits `share` of a token and a retry spends one. A backend
 * that fails everything is therefore hit at most (1 + share) × as often as without retries.
 */
export class RetryBudget {
  private readonly calls: number[];
  private readonly retries: number[];
  private readonly size: number;
  private slot = -1;

  constructor(
    private readonly share: number,
    windowMs: number,
    private readonly n: number,
  ) {
    this.size = windowMs / n;
    this.calls = new Array(n).fill(0);
    this.retries = new Array(n).fill(0);
  }

  // Index of `now`'s slot, clearing the slots that fell out of the window since the last look.
  private at(now: number): number {
    const k = Math.floor(now / this.size);
    if (k > this.slot) {
      for (let j = Math.max(this.slot + 1, k - this.n + 1); j <= k; j++) this.calls[j % this.n] = this.retries[j % this.n] = 0;
      this.slot = k;
    }
    return this.slot % this.n;
  }

  /** Counts a call (it earns `share` of a retry). */
  call(now: number): void {
    this.calls[this.at(now)]++;
  }

  /** Spends one retry if the window allows it. */
  take(now: number): boolean {
    const s = this.at(now);
    let calls = 0;
    let retries = 0;
    for (let i = 0; i < this.n; i++) {
      calls += this.calls[i];
      retries += this.retries[i];
    }
    if (retries + 1 > this.share * calls) return false;
    this.retries[s]++;
    return true;
  }
}
