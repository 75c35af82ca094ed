import { describe, expect, it } from 'vitest';
import { DedupeSet } from './dedupe.js';

describe('DedupeSet', () => {
  it('refuses a key seen within the window and accepts it after', () => {
    const d = new DedupeSet(1000, 1_000_000);
    expect(d.add('a', 0)).toBe(true);
    expect(d.add('a', 999)).toBe(false);
    expect(d.has('a', 1000)).toBe(false);
    expect(d.add('a', 1000)).toBe(true);
  });

  it('forgets deleted keys', () => {
    const d = new DedupeSet(1000, 10);
    d.add('a', 0);
    d.delete('a');
    expect(d.add('a', 1)).toBe(true);
  });

  it('keeps at least maxIds of the newest ids, dropping whole old generations', () => {
    const g = DedupeSet.GENERATION;
    const d = new DedupeSet(1e12, g);
    for (let i = 0; i < 3 * g; i++) d.add(`k${i}`, i);
    expect(d.size).toBeLessThanOrEqual(2 * g);
    expect(d.has(`k${3 * g - 1}`, 3 * g)).toBe(true);
    expect(d.has(`k${2 * g}`, 3 * g)).toBe(true);
    expect(d.has('k0', 3 * g)).toBe(false);
  });

  it('drops generations older than the window', () => {
    const g = DedupeSet.GENERATION;
    const d = new DedupeSet(100, 1e9);
    for (let i = 0; i < g + 10; i++) d.add(`k${i}`, 0);
    d.add('late', 500);
    expect(d.size).toBeLessThan(g);
    expect(d.has('late', 500)).toBe(true);
  });
});
