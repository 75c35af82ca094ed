import type { Db } from '../db/types.js';

interface Pending {
  app: string;
  id: string;
  at: number;
  resolve(mine: boolean): void;
  reject(e: unknown): void;
}

/**
 * The dedupe window where the instances meet: a batch id is claimed in PostgreSQL's
 * `batch_ids` table, so two collectors on one database count a batch once, whichever of them a
 * resend reaches. Claims of one event-loop turn share one INSERT (one round trip); rows past the
 * window are deleted by `prune()` and count as absent meanwhile.
 *
 * The in-process DedupeSet still answers most duplicates without a round trip; this is the
 * cross-instance check after it. SQLite has one writer process and does not need it.
 */
export class SharedDedupe {
  private queue: Pending[] = [];
  private scheduled = false;
  /** Claims in flight per journal segment, so a flush can wait for those of its segments. */
  private inFlight = new Map<number, number>();
  private waiters: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    /** This process's journal id (or another stable name): the owner recorded with its claims. */
    private readonly owner: string,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Resolves true if this process is the first to claim (app, id) within the window. */
  claim(app: string, id: string, at: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ app, id, at, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.run());
      }
    });
  }

  private async run(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const first = new Map<string, Pending>();
    const repeats: Pending[] = [];
    for (const p of batch) {
      const k = `${p.app}\u0000${p.id}`;
      if (first.has(k)) repeats.push(p);
      else first.set(k, p);
    }
    for (const p of repeats) p.resolve(false);
    try {
      const mine = await this.insert([...first.values()], false);
      for (const [k, p] of first) p.resolve(mine.has(k));
    } catch (e) {
      for (const p of first.values()) p.reject(e);
    }
  }

  /**
   * Claims many ids at once (start-up replay). `replay` also takes rows this owner claimed
   * before a crash: those batches were journaled and never stored, so they are still ours.
   */
  async claimMany(ids: { app: string; id: string; at: number }[], replay: boolean): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) for (const k of await this.insert(ids.slice(i, i + 1000), replay)) out.add(k);
    return out;
  }

  private async insert(rows: { app: string; id: string; at: number }[], replay: boolean): Promise<Set<string>> {
    if (!rows.length) return new Set();
    const got = await this.db.query<{ app: string; id: string }>(
      `INSERT INTO batch_ids (app, id, at, owner)
       SELECT app, id, at, $2 FROM json_to_recordset($1::json) AS r(app text, id text, at bigint)
       ON CONFLICT (app, id) DO UPDATE SET at = excluded.at, owner = excluded.owner
         WHERE batch_ids.at < $3${replay ? ' OR batch_ids.owner = excluded.owner' : ''}
       RETURNING app, id`,
      [JSON.stringify(rows.map((r) => ({ app: r.app, id: r.id, at: r.at }))), this.owner, this.now() - this.windowMs],
    );
    return new Set(got.map((r) => `${r.app}\u0000${r.id}`));
  }

  /** Marks a claim for a batch journaled in `segment` as started (`done` when it is aggregated or dropped). */
  track(segment: number): void {
    this.inFlight.set(segment, (this.inFlight.get(segment) ?? 0) + 1);
  }

  done(segment: number): void {
    const n = (this.inFlight.get(segment) ?? 1) - 1;
    if (n <= 0) this.inFlight.delete(segment);
    else this.inFlight.set(segment, n);
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Waits until no claim of a batch journaled in a segment ≤ `segment` is in flight. */
  async settle(segment: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const busy = () => [...this.inFlight.keys()].some((s) => s <= segment);
    while (busy()) {
      if (Date.now() > deadline) throw new Error('shared dedupe: claims did not finish in time; the flush is retried');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50).unref();
      });
    }
  }

  /** Deletes ids past the window; returns how many. */
  async prune(): Promise<number> {
    return this.db.run('DELETE FROM batch_ids WHERE at < $1', [this.now() - this.windowMs]);
  }
}
