/**
 * A browser profile's storage in memory, in the shapes the SDK's parts take: a BreakerStore (what
 * IndexedDB keeps of breakers across page loads), an idb-keyval store (the status document's
 * cache), and the profile's tabs (what BroadcastChannel carries between them).
 */
import type { UseStore } from 'idb-keyval';
import type { BreakerStore, TabChannel } from '@lifeboat/sdk';

export function memoryBreakers(): BreakerStore {
  const rows = new Map<string, [IDBValidKey, unknown]>();
  return {
    load: async () => [...rows.values()],
    // Structured clone, as IndexedDB does: a page must not share objects with the next one.
    save: (key, value) => void rows.set(typeof key === 'string' ? key : JSON.stringify(key), [key, { ...value }]),
  };
}

/** An idb-keyval store over a Map: its requests succeed one microtask later, as IndexedDB's would. */
export function memoryKeyval(): UseStore {
  const map = new Map<IDBValidKey, unknown>();
  const request = (result?: unknown) => {
    const r = { result } as { result: unknown; onsuccess?: () => void };
    queueMicrotask(() => r.onsuccess?.());
    return r;
  };
  const os = {
    get: (k: IDBValidKey) => request(map.get(k)),
    put: (v: unknown, k: IDBValidKey) => (map.set(k, v), request()),
    // idb-keyval's `set` waits for the transaction's completion.
    get transaction() {
      const t = {} as { oncomplete?: () => void };
      queueMicrotask(() => t.oncomplete?.());
      return t;
    },
  };
  return ((_mode: IDBTransactionMode, cb: (s: IDBObjectStore) => unknown) => Promise.resolve(cb(os as unknown as IDBObjectStore))) as UseStore;
}

/** The open tabs of one profile: what one posts, the others receive (in a later task, as BroadcastChannel delivers). */
export function profileTabs() {
  const open = new Set<(m: unknown) => void>();
  return (_name: string, receive: (m: unknown) => void): TabChannel => {
    open.add(receive);
    return {
      post: (m) => {
        for (const r of open) if (r !== receive) setTimeout(r, 0, m);
      },
      close: () => void open.delete(receive),
    };
  };
}
