import { readFileSync } from 'node:fs';
import { parseBeaconBatch } from '@lifeboat/schema';
import { describe, expect, it } from 'vitest';
import { fastValidateBatch, validateBatch } from './fastValidate.js';

interface Fixture {
  name: string;
  value: unknown;
}
const fixtures = JSON.parse(readFileSync(new URL('../../../schema/fixtures/beacon-batch.json', import.meta.url), 'utf8')) as { valid: Fixture[]; invalid: Fixture[] };

const callsOnly = {
  v: 1,
  id: 'b7Yl0Jq3S9yq2m1x8c4T0w',
  sentAt: 1795000000000,
  app: 'smartcart',
  shop: 'demo-shop.myshopify.com',
  page: 'product',
  sdk: '0.1.0',
  events: [
    { type: 'calls', age: 10, guard: 'cart', success: 1, failure: 2, timeout: 3, reject: 4, fallback: 5, latency: [1, 0, 0, 0, 0, 0, 0, 0, 0, 2] },
    { type: 'calls', age: 10, guard: 'recs', success: 1, failure: 0, timeout: 0, reject: 0, fallback: 0, latency: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0], rate: 0.25 },
    { type: 'transition', age: 5, guard: 'cart', from: 'closed', to: 'open', reason: 'failures' },
    { type: 'fallback', age: 5, guard: 'cart', reason: 'timeout', served: 'native-cart' },
    { type: 'fallback', age: 5, guard: 'cart', reason: 'open' },
    { type: 'ready', age: 5, widget: 'smartcart', ms: 812, ok: true },
  ],
};

/** Every value a mutation may put in place of another. */
const replacements: unknown[] = [null, undefined, true, 0, -1, 1.5, 1e9, 2 ** 53, NaN, Infinity, '', 'x', 'cart', 'a b', 'ht://x', '1', [], [1], {}, { a: 1 }, 'closed', 'open', 'calls', 0.5, 'x'.repeat(65)];

/** Deterministic PRNG so a failure reproduces. */
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

function mutate(value: unknown, rand: () => number): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  // pick a random container and key along a random path
  let node: Record<string, unknown> | unknown[] = copy;
  for (let depth = 0; depth < 4; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const k = keys[Math.floor(rand() * keys.length)];
    const child = (node as Record<string, unknown>)[k];
    if (child && typeof child === 'object' && rand() < 0.6) {
      node = child as Record<string, unknown>;
      continue;
    }
    const op = rand();
    if (op < 0.7) (node as Record<string, unknown>)[k] = replacements[Math.floor(rand() * replacements.length)];
    else if (op < 0.85) delete (node as Record<string, unknown>)[k];
    else (node as Record<string, unknown>)['extra'] = 1;
    break;
  }
  return copy;
}

describe('fastValidateBatch', () => {
  it('accepts the common valid batches, as zod does', () => {
    expect(parseBeaconBatch(callsOnly).ok).toBe(true);
    expect(fastValidateBatch(callsOnly)).toBe(true);
  });

  it('agrees with zod on every schema fixture (or defers to it)', () => {
    for (const f of [...fixtures.valid, ...fixtures.invalid]) {
      const zod = parseBeaconBatch(f.value).ok;
      if (fastValidateBatch(f.value)) expect(zod, f.name).toBe(true);
      expect(validateBatch(f.value).ok, f.name).toBe(zod);
    }
  });

  it('never accepts what zod refuses (20,000 random mutations)', () => {
    const rand = rng(42);
    const sources = [callsOnly, ...fixtures.valid.map((f) => f.value)];
    let refusedByZod = 0;
    for (let i = 0; i < 20_000; i++) {
      const input = mutate(sources[i % sources.length], rand);
      const zod = parseBeaconBatch(input).ok;
      if (!zod) refusedByZod++;
      if (fastValidateBatch(input) && !zod) throw new Error(`fast path accepted an invalid batch: ${JSON.stringify(input)}`);
      expect(validateBatch(input).ok).toBe(zod);
    }
    expect(refusedByZod).toBeGreaterThan(5_000); // the mutations do hit the checks
  });
});
