import type { BeaconBatch } from '@lifeboat/schema';
import type { Db } from '../db/types.js';
import { chunks, chunkSize, values } from './flushWrites.js';

const MINUTE_MS = 60_000;

/**
 * Distinct `statusAt` values kept per app and minute. Honest browsers send one value per status
 * document change (a handful a day); a client inventing values cannot grow the table past this.
 */
export const STATUS_AT_CAP = 32;

/** Per (app, shop, guard, minute): batches that reported the guard, and those whose breaker was open. */
export interface BrowserRow {
  app: string;
  shop: string;
  guard: string;
  minute: number;
  batches: number;
  open: number;
}

/** Per (app, minute, statusAt): batches that obeyed the status document generated at `statusAt` (0: none). */
export interface StatusRow {
  app: string;
  minute: number;
  statusAt: number;
  batches: number;
}

/**
 * Counts browsers, not calls: each batch stands for one browser's last flush interval. A browser
 * "has the breaker open" for a guard when its batch holds a refusal for it (`reject > 0`: the
 * breaker, a bulkhead or the status document refused the call) or a transition to `open`. The
 * batches' `statusAt` per minute give the kill switch's rollout: the share of reporting browsers
 * that obey a document at least as new as the change.
 */
export class BrowserTally {
  private guards = new Map<string, BrowserRow>();
  private status = new Map<string, Map<number, StatusRow>>();
  /** `onDrop`: a batch's `statusAt` did not fit {@link STATUS_AT_CAP} (its guards still count). */
  constructor(private readonly onDrop: () => void = () => {}) {}

  add(batch: BeaconBatch, receivedAt: number): void {
    const minute = receivedAt - (receivedAt % MINUTE_MS);
    const seen = new Map<string, boolean>();
    for (const e of batch.events) {
      if (e.type === 'calls') seen.set(e.guard, (seen.get(e.guard) ?? false) || e.reject > 0);
      else if (e.type === 'transition') seen.set(e.guard, (seen.get(e.guard) ?? false) || e.to === 'open');
    }
    for (const [guard, open] of seen) {
      const key = `${batch.app}\u0000${batch.shop}\u0000${guard}\u0000${minute}`;
      let r = this.guards.get(key);
      if (!r) this.guards.set(key, (r = { app: batch.app, shop: batch.shop, guard, minute, batches: 0, open: 0 }));
      r.batches++;
      if (open) r.open++;
    }
    const statusAt = batch.statusAt ?? 0;
    const skey = `${batch.app}\u0000${minute}`;
    let byAt = this.status.get(skey);
    if (!byAt) this.status.set(skey, (byAt = new Map()));
    let s = byAt.get(statusAt);
    if (!s) {
      if (byAt.size >= STATUS_AT_CAP) {
        this.onDrop();
        return;
      }
      byAt.set(statusAt, (s = { app: batch.app, minute, statusAt, batches: 0 }));
    }
    s.batches++;
  }

  /** Hands over what was counted and starts afresh. */
  take(): { guards: BrowserRow[]; status: StatusRow[] } {
    const out = { guards: [...this.guards.values()], status: [...this.status.values()].flatMap((m) => [...m.values()]) };
    this.guards = new Map();
    this.status = new Map();
    return out;
  }

  /** Puts rows back after a failed write, so the next flush retries them. */
  restore(rows: { guards: BrowserRow[]; status: StatusRow[] }): void {
    for (const r of rows.guards) {
      const key = `${r.app}\u0000${r.shop}\u0000${r.guard}\u0000${r.minute}`;
      const cur = this.guards.get(key);
      if (cur) {
        cur.batches += r.batches;
        cur.open += r.open;
      } else this.guards.set(key, { ...r });
    }
    for (const r of rows.status) {
      const skey = `${r.app}\u0000${r.minute}`;
      let byAt = this.status.get(skey);
      if (!byAt) this.status.set(skey, (byAt = new Map()));
      const cur = byAt.get(r.statusAt);
      if (cur) cur.batches += r.batches;
      else byAt.set(r.statusAt, { ...r });
    }
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Additive upserts in primary-key order (see upsertRollups: concurrent writers never deadlock). */
export async function upsertBrowserRows(tx: Db, rows: { guards: BrowserRow[]; status: StatusRow[] }): Promise<void> {
  const guards = [...rows.guards].sort((a, b) => cmp(a.app, b.app) || cmp(a.shop, b.shop) || cmp(a.guard, b.guard) || a.minute - b.minute);
  for await (const chunk of chunks(guards, chunkSize(tx))) {
    const params: unknown[] = [];
    for (const r of chunk) params.push(r.app, r.shop, r.guard, r.minute, r.batches, r.open);
    await tx.run(
      `INSERT INTO browser_minutes (app, shop, guard, minute, batches, open) VALUES ${values(chunk.length, 6)} ` +
        `ON CONFLICT (app, shop, guard, minute) DO UPDATE SET batches = browser_minutes.batches + excluded.batches, open = browser_minutes.open + excluded.open`,
      params,
    );
  }
  const status = [...rows.status].sort((a, b) => cmp(a.app, b.app) || a.minute - b.minute || a.statusAt - b.statusAt);
  for await (const chunk of chunks(status, chunkSize(tx))) {
    const params: unknown[] = [];
    for (const r of chunk) params.push(r.app, r.minute, r.statusAt, r.batches);
    await tx.run(
      `INSERT INTO status_minutes (app, minute, status_at, batches) VALUES ${values(chunk.length, 4)} ` +
        `ON CONFLICT (app, minute, status_at) DO UPDATE SET batches = status_minutes.batches + excluded.batches`,
      params,
    );
  }
}
