import { describe, expect, it, vi } from 'vitest';
import { createEmitter } from './emitter.js';

describe('createEmitter', () => {
  it('delivers, unsubscribes, survives throwing listeners', () => {
    const onError = vi.fn();
    const e = createEmitter<{ a: number }>(onError);
    const seen: number[] = [];
    expect(e.has('a')).toBe(false);
    const off = e.on('a', (n) => seen.push(n));
    e.on('a', () => {
      throw new Error('x');
    });
    e.on('a', (n) => seen.push(n * 10));
    e.emit('a', 1);
    expect(seen).toEqual([1, 10]);
    expect(onError).toHaveBeenCalledOnce();
    off();
    e.emit('a', 2);
    expect(seen).toEqual([1, 10, 20]);
    e.clear();
    expect(e.has('a')).toBe(false);
  });
  it('a listener may unsubscribe itself while the event is delivered', () => {
    const e = createEmitter<{ a: number }>(() => {});
    const seen: string[] = [];
    const off = e.on('a', () => (seen.push('once'), off()));
    e.on('a', () => seen.push('always'));
    e.emit('a', 1);
    e.emit('a', 1);
    expect(seen).toEqual(['once', 'always', 'always']);
  });
});
