/** Last good recommendations per product, in IndexedDB (memory when storage is blocked). */
import { createStore, get, set, type UseStore } from 'idb-keyval';
import type { RecProduct } from './types.js';

interface Entry {
  at: number;
  products: RecProduct[];
}

export interface RecCache {
  get(productId: string, maxAge: number): Promise<RecProduct[] | undefined>;
  set(productId: string, products: RecProduct[]): Promise<void>;
}

export function createRecCache(name = 'lifeboat-recs'): RecCache {
  const memory = new Map<string, Entry>();
  let store: UseStore | undefined;
  try {
    store = typeof indexedDB !== 'undefined' ? createStore(name, 'recs') : undefined;
  } catch {
    store = undefined;
  }
  return {
    async get(productId, maxAge) {
      let e = memory.get(productId);
      if (!e && store) e = await get<Entry>(productId, store).catch(() => undefined);
      return e && Date.now() - e.at <= maxAge && e.products.length ? e.products : undefined;
    },
    async set(productId, products) {
      const e = { at: Date.now(), products };
      memory.set(productId, e);
      if (store) await set(productId, e, store).catch(() => {});
    },
  };
}
