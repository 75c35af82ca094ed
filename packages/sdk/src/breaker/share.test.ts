import { afterEach, expect, it, vi } from 'vitest';
import { createLifeboat } from '../createLifeboat.js';
import type { Lifeboat, LifeboatEventMap } from '../types.js';
import { openTabChannel } from './share.js';

// Two instances in one realm stand for two tabs: BroadcastChannel delivers between them.
let lbs: Lifeboat[] = [];
afterEach(() => {
  for (const lb of lbs) lb.destroy();
  lbs = [];
});
function tab(storageName = 'shared') {
  const lb = createLifeboat({ storageName, defaults: { volumeThreshold: 1, resetTimeout: 60_000, resetJitter: 0 } });
  lbs.push(lb);
  const transitions: Array<LifeboatEventMap['transition']> = [];
  lb.on('transition', (e) => transitions.push(e));
  return { lb, transitions };
}
const fail = () => Promise.reject(new Error('down'));

it('a tab sees the other tab open and close a breaker (reason tab), and fails fast without calling the work', async () => {
  const a = tab();
  const b = tab();
  await a.lb.run('cart', fail, { fallback: 0 });
  await vi.waitFor(() => expect(b.lb.state('cart')).toBe('open'));
  expect(b.transitions).toEqual([{ guard: 'cart', from: 'closed', to: 'open', reason: 'tab' }]);
  const work = vi.fn();
  await expect(b.lb.run('cart', work, { fallback: 'native' })).resolves.toMatchObject({ reason: 'open' });
  expect(work).not.toHaveBeenCalled();

  a.lb.applyStatus({ v: 1, generatedAt: Date.now(), guards: { cart: { mode: 'closed' } } });
  await vi.waitFor(() => expect(b.lb.state('cart')).toBe('closed'));
  expect(b.transitions.at(-1)).toEqual({ guard: 'cart', from: 'open', to: 'closed', reason: 'tab' });
  expect(a.transitions.map((t) => t.reason)).toEqual(['failures', 'status']); // no echo back
});

it('other shops (storageName) are not affected', async () => {
  const a = tab('shop-a');
  const b = tab('shop-b');
  await a.lb.run('cart', fail, { fallback: 0 });
  await new Promise((r) => setTimeout(r, 50));
  expect(b.lb.state('cart')).toBe('closed');
});

it('a malformed message is ignored', async () => {
  const b = tab('noise');
  const ch = new BroadcastChannel('lifeboat:noise');
  ch.postMessage({ name: 'cart', record: { state: 'open' } });
  ch.postMessage('hello');
  ch.postMessage(null);
  await new Promise((r) => setTimeout(r, 50));
  ch.close();
  expect(b.lb.state('cart')).toBe('closed');
});

it('without BroadcastChannel the tab channel is a silent no-op', () => {
  const original = globalThis.BroadcastChannel;
  // @ts-expect-error: simulating an old browser
  delete globalThis.BroadcastChannel;
  try {
    const ch = openTabChannel('x', () => {});
    expect(() => ch.post({ name: 'a', record: { state: 'open', openedAt: 0, openUntil: 0, failedProbes: 0, updatedAt: 1 } })).not.toThrow();
    expect(() => ch.close()).not.toThrow();
  } finally {
    globalThis.BroadcastChannel = original;
  }
});
