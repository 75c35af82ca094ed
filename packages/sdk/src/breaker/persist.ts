import { createStore, entries, set, type UseStore } from 'idb-keyval';
import type { BreakerRecord, WindowRecord } from './record.js';

/** How long page start may wait for IndexedDB before breakers run from memory alone. */
export const STORAGE_WAIT_MS = 500;

/** Breaker records in IndexedDB (idb-keyval, database `dbName`, object store `breakers`). */
export interface BreakerStore {
  /** Every stored record; `[]` when storage is unavailable. Never rejects, settles within STORAGE_WAIT_MS. */
  load(): Promise<Array<[IDBValidKey, unknown]>>;
  /** Best effort; a failure switches the store to memory (reported once). */
  save(key: IDBValidKey, value: BreakerRecord | WindowRecord): void;
}

/**
 * Opens the store. IndexedDB may be missing (`indexedDB` undefined), throw synchronously on open
 * (blocked storage), reject (quota, corrupt database) or never answer; every case ends in memory
 * mode with exactly one call of `unavailable`, and never in an exception.
 */
export function openBreakerStore(dbName: string, unavailable: (error: unknown) => void): BreakerStore {
  let store: UseStore | undefined;
  const down = (error: unknown) => {
    if (store) {
      store = undefined;
      unavailable(error);
    }
  };
  try {
    store = createStore(dbName, 'breakers');
  } catch (e) {
    store = {} as UseStore;
    down(e);
  }
  return {
    load() {
      return new Promise((resolve) => {
        const done = (rows: Array<[IDBValidKey, unknown]>) => {
          clearTimeout(timer);
          resolve(store ? rows : []);
        };
        const timer = setTimeout(() => {
          down(new Error('IndexedDB timeout'));
          done([]);
        }, STORAGE_WAIT_MS);
        if (!store) return done([]);
        try {
          entries(store).then(done, (e) => {
            down(e);
            done([]);
          });
        } catch (e) {
          down(e);
          done([]);
        }
      });
    },
    save(key, value) {
      if (!store) return;
      try {
        set(key, value, store).catch(down);
      } catch (e) {
        down(e);
      }
    },
  };
}
