interface Generation {
  ids: Map<string, number>;
  newest: number;
}

/**
 * Batch ids seen recently, in generations of at most `GENERATION` ids: expiry and the size cap
 * drop a whole (oldest) generation at once, and no single Map grows large enough for its rehash
 * to stall the event loop (a 1M-entry Map rehash takes tens of ms; a 64k one, about one).
 * An id is remembered for at least `windowMs` unless `maxIds` newer ids push it out first.
 */
export class DedupeSet {
  static readonly GENERATION = 65_536;
  private readonly gens: Generation[] = [];
  private total = 0;

  constructor(
    private readonly windowMs: number,
    private readonly maxIds: number,
  ) {}

  /** Records `key` at `now`; false if it was already seen within the window. */
  add(key: string, now: number): boolean {
    if (this.has(key, now)) return false;
    let cur = this.gens[this.gens.length - 1];
    if (!cur || cur.ids.size >= DedupeSet.GENERATION) {
      cur = { ids: new Map(), newest: now };
      this.gens.push(cur);
    }
    cur.ids.set(key, now);
    if (now > cur.newest) cur.newest = now;
    this.total++;
    this.evict(now);
    return true;
  }

  has(key: string, now: number): boolean {
    for (let i = this.gens.length - 1; i >= 0; i--) {
      const at = this.gens[i].ids.get(key);
      if (at !== undefined) return now - at < this.windowMs;
    }
    return false;
  }

  /** Forgets `key` (a batch that was refused after all must be accepted on resend). */
  delete(key: string): void {
    for (const g of this.gens) if (g.ids.delete(key)) this.total--;
  }

  get size(): number {
    return this.total;
  }

  private evict(now: number): void {
    while (this.gens.length > 1 && (now - this.gens[0].newest >= this.windowMs || this.total - this.gens[0].ids.size >= this.maxIds)) {
      this.total -= this.gens[0].ids.size;
      this.gens.shift();
    }
  }
}
