import { createStore, type UseStore } from 'idb-keyval';
import { openBreakerStore, type BreakerStore } from './breaker/persist.js';
import { openTabChannel } from './breaker/share.js';
import type { LifeboatParts } from './types.js';

/** The page's environment: each part given to `createLifeboat`, else the browser's own. */
export const breakersOf = (name: string, unavailable: (error: unknown) => void, parts?: LifeboatParts): BreakerStore =>
  parts?.breakers ?? openBreakerStore(name, unavailable);

export const tabsOf = (parts: LifeboatParts | undefined): NonNullable<LifeboatParts['tabs']> => parts?.tabs ?? openTabChannel;

export const drawOf = (parts: LifeboatParts | undefined): number => parts?.draw ?? Math.random();

export const statusFetchOf = (parts: LifeboatParts | undefined): NonNullable<NonNullable<LifeboatParts['status']>['fetch']> =>
  parts?.status?.fetch ?? ((url, init) => fetch(url, init));

/** The status document's store (an idb-keyval store, object store `status`). Throws where there is no IndexedDB. */
export const statusStoreOf = (db: string, store: string, parts?: LifeboatParts): UseStore => parts?.status?.store ?? createStore(db, store);

