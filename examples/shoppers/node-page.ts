import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';

/**
 * What the SDK needs from a page, in Node: a visible `document`, `addEventListener` for
 * online/pagehide, `navigator`, and IndexedDB (fake-indexeddb: each synthetic browser gets its
 * own databases through its own `storageName`). Installed once, before the SDK is loaded.
 */
export function installPageGlobals(): void {
  const g = globalThis as Record<string, unknown>;
  if (g.__lifeboatShoppers) return;
  g.__lifeboatShoppers = true;
  g.indexedDB ??= new IDBFactory();
  g.IDBKeyRange ??= IDBKeyRange;
  const noop = () => {};
  g.document ??= { visibilityState: 'visible', addEventListener: noop, removeEventListener: noop };
  g.addEventListener ??= noop;
  g.removeEventListener ??= noop;
  if (!g.navigator) g.navigator = { onLine: true, userAgent: 'lifeboat-shoppers' };
}
