interface Generation {
  /** 53-bit hash of the key → second it was seen. */
  ids: Map<number, number>;
  newest: number;
}

/**
 * cyrb53: a fast 53-bit string hash. Storing the hash instead of the key string cuts memory per
 * id from ~190 to ~60 bytes; two different ids share a hash with probability ~1e-10 at 1M ids,
 * and the cost of that is one batch wrongly taken for a duplicate.
 */
export function hash53(str: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Seconds, as small integers (no heap-allocated number per entry). */
const sec = (ms: number) => Math.floor(ms / 1000);

/**
 * Batch ids seen recently, in generations of at most `GENERATION` ids: expiry and the size cap
 * drop a whole (oldest) generation at once, and no single Map grows large enough for its rehash
 * to stall the event loop (a 1M-entry Map rehash takes tens of ms; a 64k one, about one).
 * An id is remembered for at least `windowMs` (to the second) unless `maxIds` newer ids push it
 * out first.
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
    const h = hash53(key);
    if (this.hasHash(h, now)) return false;
    let cur = this.gens[this.gens.length - 1];
    if (!cur || cur.ids.size >= DedupeSet.GENERATION) {
      cur = { ids: new Map(), newest: now };
      this.gens.push(cur);
    }
    cur.ids.set(h, sec(now));
    if (now > cur.newest) cur.newest = now;
    this.total++;
    this.evict(now);
    return true;
  }

  /**
   * Records `key` without checking whether it is already there: for start-up, where the journal's
   * ids are known to be distinct (only accepted batches are written), and a lookup through every
   * generation per id would make reading a million of them take seconds.
   */
  remember(key: string, at: number): void {
    let cur = this.gens[this.gens.length - 1];
    if (!cur || cur.ids.size >= DedupeSet.GENERATION) {
      cur = { ids: new Map(), newest: at };
      this.gens.push(cur);
    }
    const h = hash53(key);
    if (!cur.ids.has(h)) this.total++;
    cur.ids.set(h, sec(at));
    if (at > cur.newest) cur.newest = at;
    this.evict(at);
  }

  has(key: string, now: number): boolean {
    return this.hasHash(hash53(key), now);
  }

  private hasHash(h: number, now: number): boolean {
    for (let i = this.gens.length - 1; i >= 0; i--) {
      const at = this.gens[i].ids.get(h);
      if (at !== undefined) return (sec(now) - at) * 1000 < this.windowMs;
    }
    return false;
  }

  /** Forgets `key` (a batch that was refused after all must be accepted on resend). */
  delete(key: string): void {
    const h = hash53(key);
    for (const g of this.gens) if (g.ids.delete(h)) this.total--;
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
