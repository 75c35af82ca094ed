/**
 * Batch ids seen recently. A Map keeps insertion order, and ids arrive in time order, so expiry
 * and the size cap both drop from the front in O(1) each.
 */
export class DedupeSet {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly maxIds: number,
  ) {}

  /** Records `key` at `now`; false if it was already seen within the window. */
  add(key: string, now: number): boolean {
    const at = this.seen.get(key);
    if (at !== undefined && now - at < this.windowMs) return false;
    if (at !== undefined) this.seen.delete(key);
    this.seen.set(key, now);
    this.evict(now);
    return true;
  }

  has(key: string, now: number): boolean {
    const at = this.seen.get(key);
    return at !== undefined && now - at < this.windowMs;
  }

  /** Forgets `key` (a batch that was refused after all must be accepted on resend). */
  delete(key: string): void {
    this.seen.delete(key);
  }

  get size(): number {
    return this.seen.size;
  }

  private evict(now: number): void {
    if (this.seen.size > this.maxIds) {
      const first = this.seen.keys().next();
      if (!first.done) this.seen.delete(first.value);
    }
    // Amortised: drop at most a few expired ids per insertion.
    for (let i = 0; i < 4; i++) {
      const first = this.seen.entries().next();
      if (first.done || now - first.value[1] < this.windowMs) return;
      this.seen.delete(first.value[0]);
    }
  }
}
