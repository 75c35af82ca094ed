// The loader's gate reads what the SDK core writes (same databases, stores and keys): a breaker
// the core opened, or a fleet word the status client cached, sends the decision to the core.
import { IDBFactory } from 'fake-indexeddb';
import { createStore, set } from 'idb-keyval';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createLifeboat, type Lifeboat } from '@lifeboat/sdk';
import { gate } from './gate.js';

const g = globalThis as { indexedDB?: unknown };
let lbs: Lifeboat[] = [];
const settle = () => new Promise((r) => setTimeout(r, 30));
const cacheDoc = (guards: Record<string, unknown>, t = Date.now()) =>
  set('doc', { d: { v: 1, generatedAt: t, guards }, t }, createStore('lifeboat-status', 'status'));

beforeEach(() => {
  g.indexedDB = new IDBFactory(); // a fresh browser profile per test
});
afterEach(() => {
  for (const lb of lbs.splice(0)) lb.destroy();
  delete g.indexedDB;
});

it('a fresh profile: go', async () => {
  expect(await gate('lifeboat', 'smartcart')).toBe('go');
});

it('a breaker the core opened on an earlier page: the core decides; closed again: go', async () => {
  const lb = createLifeboat({ guards: { smartcart: { volumeThreshold: 1, resetTimeout: 100, resetJitter: 0 } } });
  lbs.push(lb);
  await lb.ready;
  await lb.run('smartcart', () => Promise.reject(new Error('down')), { fallback: null });
  expect(lb.state('smartcart')).toBe('open');
  await settle();
  expect(await gate('lifeboat', 'smartcart')).toBe('core');
  expect(await gate('lifeboat', 'other')).toBe('go');
  // The probe after the open period closes it: the record says closed.
  await new Promise((r) => setTimeout(r, 150));
  await lb.run('smartcart', () => 'ok', { fallback: null });
  expect(lb.state('smartcart')).toBe('closed');
  await settle();
  expect(await gate('lifeboat', 'smartcart')).toBe('go');
});

it('the cached fleet word: open or a probe share → the core decides; closed → go even over an open breaker; a stale document is ignored', async () => {
  await cacheDoc({ smartcart: { mode: 'open' } });
  expect(await gate('lifeboat', 'smartcart')).toBe('core');
  await cacheDoc({ smartcart: { mode: 'auto', probe: 0.1 } });
  expect(await gate('lifeboat', 'smartcart')).toBe('core');
  await cacheDoc({ smartcart: { mode: 'auto' } });
  expect(await gate('lifeboat', 'smartcart')).toBe('go');
  await set('smartcart', { state: 'open', openedAt: 1, openUntil: Date.now() + 60_000, failedProbes: 0, updatedAt: 1 }, createStore('lifeboat', 'breakers'));
  expect(await gate('lifeboat', 'smartcart')).toBe('core');
  await cacheDoc({ smartcart: { mode: 'closed' } });
  expect(await gate('lifeboat', 'smartcart')).toBe('go');
  await cacheDoc({ smartcart: { mode: 'open' } }, Date.now() - 25 * 3_600_000);
  expect(await gate('lifeboat', 'smartcart')).toBe('core'); // stale doc ignored; the open record decides
});

it('another storage name is another database', async () => {
  await set('smartcart', { state: 'open' }, createStore('shop-b', 'breakers'));
  expect(await gate('lifeboat', 'smartcart')).toBe('go');
  expect(await gate('shop-b', 'smartcart')).toBe('core');
});

it('no IndexedDB (blocked storage): go, as the core runs from memory', async () => {
  delete g.indexedDB;
  expect(await gate('lifeboat', 'smartcart')).toBe('go');
});
