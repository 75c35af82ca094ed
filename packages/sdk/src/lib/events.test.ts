// The page builds' `events` (rollup alias) must carry the real opossum: these tests load opossum
// with `require('events')` answered by the shim and drive a breaker through every transition.
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type CircuitBreakerType from 'opossum';
import EventEmitter from './events.js';

const require = createRequire(import.meta.url);

/** opossum as the page build bundles it: its `require('events')` gets the shim's default export. */
function opossumOnShim(): typeof CircuitBreakerType {
  const M = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const load = M._load;
  const dir = dirname(require.resolve('opossum'));
  const forget = () => Object.keys(require.cache).forEach((k) => k.startsWith(dir) && delete require.cache[k]);
  forget();
  M._load = function (request, ...rest) {
    return request === 'events' ? EventEmitter : load.call(this, request, ...rest);
  };
  try {
    return require('opossum');
  } finally {
    M._load = load;
    forget();
  }
}

/** What opossum has beyond our opossum.d.ts: it is an emitter, and so is its Status window. */
const inside = (b: unknown) => b as EventEmitter & { status: EventEmitter };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('events shim', () => {
  it('on/emit/removeListener/removeAllListeners/listenerCount like Node', () => {
    const e = new EventEmitter();
    const got: unknown[] = [];
    const a = function (this: unknown, x: unknown, y: unknown) {
      got.push(this === e, x, y);
    };
    expect(e.emit('x')).toBe(false);
    e.on('x', a).on('x', () => got.push('b'));
    expect(e.listenerCount('x')).toBe(2);
    expect(e.emit('x', 1, 2)).toBe(true);
    expect(got).toEqual([true, 1, 2, 'b']);
    e.removeListener('x', a);
    expect(e.listenerCount('x')).toBe(1);
    e.removeAllListeners();
    expect(e.listenerCount('x')).toBe(0);
    expect(EventEmitter.EventEmitter).toBe(EventEmitter);
  });
  it('a listener removed or added during an emit does not change that delivery', () => {
    const e = new EventEmitter();
    const got: string[] = [];
    const b = () => got.push('b');
    e.on('x', () => {
      got.push('a');
      e.removeListener('x', b);
      e.on('x', () => got.push('c'));
    });
    e.on('x', b);
    e.emit('x');
    expect(got).toEqual(['a', 'b']);
    e.emit('x');
    expect(got).toEqual(['a', 'b', 'a', 'c']);
  });
  it('event names like "constructor" are plain names', () => {
    const e = new EventEmitter();
    expect(e.emit('constructor')).toBe(false);
    expect(e.listenerCount('toString')).toBe(0);
  });
});

describe('the real opossum CircuitBreaker on the shim', () => {
  const CircuitBreaker = opossumOnShim();
  const opts = { resetTimeout: 40, volumeThreshold: 1, errorThresholdPercentage: 50, timeout: 30, rollingPercentilesEnabled: false, enableSnapshots: false };

  it('is built on the shim', () => {
    const b = new CircuitBreaker(async () => 1, opts);
    expect(b).toBeInstanceOf(EventEmitter);
    expect(inside(b).status).toBeInstanceOf(EventEmitter);
    b.shutdown();
  });

  it('fire, success, failure, open, reject, halfOpen, close, timeout; shutdown removes every listener', async () => {
    const b = new CircuitBreaker(async (mode: string) => {
      if (mode === 'fail') throw new Error('down');
      if (mode === 'hang') await wait(200);
      return mode;
    }, opts);
    const seen: string[] = [];
    for (const t of ['fire', 'success', 'failure', 'open', 'reject', 'halfOpen', 'close', 'timeout', 'shutdown']) b.on(t, () => seen.push(t));

    await expect(b.fire('fail')).rejects.toThrow('down');
    expect(seen).toEqual(['fire', 'failure', 'open']);
    expect(b.opened).toBe(true);
    await expect(b.fire('ok')).rejects.toMatchObject({ code: 'EOPENBREAKER' });
    expect(seen.slice(3)).toEqual(['fire', 'reject']);
    await wait(60);
    expect(seen.at(-1)).toBe('halfOpen');
    expect(b.halfOpen).toBe(true);
    await expect(b.fire('ok')).resolves.toBe('ok');
    expect(b.closed).toBe(true);
    expect(seen.slice(-3)).toEqual(['fire', 'close', 'success']);
    expect(b.stats).toMatchObject({ fires: 3, successes: 1, failures: 1, rejects: 1 });

    await expect(b.fire('hang')).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(seen).toContain('timeout');

    b.shutdown();
    expect(seen.at(-1)).toBe('shutdown');
    for (const t of ['fire', 'success', 'open', 'close']) expect(inside(b).listenerCount(t), t).toBe(0);
    expect(inside(b).status.listenerCount('snapshot')).toBe(0);
  });
});
