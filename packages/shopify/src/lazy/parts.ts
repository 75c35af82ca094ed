/**
 * The loader build's stand-in for the SDK's `parts.ts` (rollup alias): a storefront page never
 * gets parts (they are for simulators and tests), so it has the browser's own and no code to choose.
 */
export { openBreakerStore as breakersOf } from '../../../sdk/src/breaker/persist.js';
export { createStore as statusStoreOf } from 'idb-keyval';
export { readConfig as configOf } from '../../../sdk/src/config/resolve.js';
import { openTabChannel } from '../../../sdk/src/breaker/share.js';

export const tabsOf = () => openTabChannel;
export const drawOf = () => Math.random();
export const statusFetchOf = () => fetch;
