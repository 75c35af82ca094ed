import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { ReportableEvent } from '../types.js';

/** A beacon event with the absolute time it happened; `age` is computed from it at each (re)send. */
export type Stamped = ReportableEvent & { at: number };

/** One batch as kept until its own send succeeded. */
export interface Entry {
  id: string;
  /** Batch header: app, shop, page, sdk of the page the events happened on, and the status document it obeyed. */
  h: { app: string; shop: string; page: string; sdk: string; statusAt?: number };
  e: Stamped[];
  /** Created (epoch ms): the oldest entries go first when the queue is full. */
  c: number;
  /** Not before (epoch ms): the grace while it is in flight or was beaconed. Backoff is the transport's, not the entry's. */
  n: number;
  /** Failed attempts so far. */
  k: number;
  /** When it was handed to sendBeacon (epoch ms): sent, but with no answer. */
  b?: number;
}

export interface Queue {
  put(e: Entry): Promise<unknown>;
  /**
   * Writes synchronously (localStorage) for the moment the page is left: IndexedDB transactions
   * begun in `pagehide` are aborted when a navigation destroys the document (measured in
   * Chromium: none of them landed). `all()` moves stashed entries into IndexedDB later.
   */
  stash(e: Entry): void;
  del(id: string): Promise<unknown>;
  /** Every entry, oldest first, after dropping the oldest beyond the bound. */
  all(): Promise<Entry[]>;
}

/**
 * A bounded queue of batches in IndexedDB, in a database of its own so that a blocked or broken
 * breaker store does not take the beacons with it. Keys are batch ids: tabs never overwrite each
 * other's batches. Without IndexedDB (blocked, private mode, `max` 0) it lives in memory and
 * dies with the page.
 */
export function openQueue(name: string, max: number): Queue {
  let store: UseStore | undefined;
  try {
    if (max > 0) store = createStore(name, 'queue');
  } catch {
    /* no IndexedDB */
  }
  const mem = new Map<string, unknown>();
  // Any IndexedDB failure degrades to memory for the rest of the page instead of failing.
  const run = <T>(f: (s: UseStore) => Promise<T>, or: () => T): Promise<T> =>
    store ? new Promise<T>((r) => r(f(store!))).catch(() => ((store = undefined), or())) : Promise.resolve().then(or);
  const prefix = `${name}:`;
  const all = async () => {
    try {
      for (const k of Object.keys(localStorage))
        if (k.startsWith(prefix)) {
          let e: Entry | undefined;
          try {
            e = JSON.parse(localStorage.getItem(k)!);
          } catch {
            /* not ours or damaged: dropped below */
          }
          if (e?.id) await run<unknown>((s) => set(e.id, e, s), () => mem.set(e.id, e));
          localStorage.removeItem(k);
        }
    } catch {
      /* no localStorage */
    }
    const list = (await run((s) => entries(s), () => [...mem])).map((kv) => kv[1] as Entry).filter((v) => v && v.id);
    list.sort((a, b) => a.c - b.c || a.k - b.k);
    for (const e of list.splice(0, list.length - max)) await q.del(e.id);
    return list;
  };
  const q: Queue = {
    put: (e) => run<unknown>((s) => set(e.id, e, s), () => mem.set(e.id, e)).then(all),
    stash(e) {
      try {
        if (max > 0) localStorage.setItem(prefix + e.id, JSON.stringify(e));
      } catch {
        void q.put(e); // blocked or full: IndexedDB, best effort
      }
    },
    del: (id) => {
      try {
        localStorage.removeItem(prefix + id);
      } catch {
        /* no localStorage */
      }
      return run<unknown>((s) => del(id, s), () => mem.delete(id));
    },
    all,
  };
  return q;
}
