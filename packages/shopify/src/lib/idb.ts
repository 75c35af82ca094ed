/**
 * The part of idb-keyval the SDK uses (createStore, get, set, del, entries), same database layout
 * (one object store, out-of-line keys, version 1) and same behaviour in browsers with `getAll`
 * (all that have ES2020). The Shopify loader build aliases `idb-keyval` to this module: no default
 * store and no cursor fallback for pre-2017 browsers (~0.15 kB gzip). idb.test.ts checks that
 * each reads what the other wrote.
 */
export type UseStore = <T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => T | PromiseLike<T>) => Promise<T>;

export const promisifyRequest = <T = unknown>(r: IDBRequest<T> | IDBTransaction): Promise<T> =>
  new Promise((resolve, reject) => {
    // Both kinds share the handlers: a transaction completes, a request succeeds.
    const q = r as IDBRequest<T> & IDBTransaction;
    q.oncomplete = q.onsuccess = () => resolve(q.result);
    q.onabort = q.onerror = () => reject(q.error);
  });

export function createStore(dbName: string, storeName: string): UseStore {
  let dbp: Promise<IDBDatabase> | undefined;
  const db = () => {
    if (dbp) return dbp;
    const r = indexedDB.open(dbName);
    r.onupgradeneeded = () => r.result.createObjectStore(storeName);
    dbp = promisifyRequest(r);
    // A connection the browser closed (Safari does) is opened again on next use.
    dbp.then((d) => (d.onclose = () => (dbp = undefined)), () => (dbp = undefined));
    return dbp;
  };
  return (mode, fn) => db().then((d) => fn(d.transaction(storeName, mode).objectStore(storeName)));
}

const write = (s: UseStore, fn: (o: IDBObjectStore) => unknown): Promise<void> =>
  s('readwrite', (o) => (fn(o), promisifyRequest<void>(o.transaction)));

export const get = <T = unknown>(key: IDBValidKey, s: UseStore): Promise<T | undefined> => s('readonly', (o) => promisifyRequest<T>(o.get(key)));
export const set = (key: IDBValidKey, value: unknown, s: UseStore): Promise<void> => write(s, (o) => o.put(value, key));
export const del = (key: IDBValidKey, s: UseStore): Promise<void> => write(s, (o) => o.delete(key));
export const entries = <K extends IDBValidKey = IDBValidKey, V = unknown>(s: UseStore): Promise<Array<[K, V]>> =>
  s('readonly', (o) =>
    Promise.all([promisifyRequest(o.getAllKeys()), promisifyRequest(o.getAll())]).then(([k, v]) => k.map((x, i) => [x, v[i]] as [K, V])),
  );
