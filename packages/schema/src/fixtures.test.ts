import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS_PER_BATCH, parseBeaconBatch, parseConfig, parseStatusDocument, type Parsed } from './index.js';

interface Fixtures {
  valid: { name: string; value: unknown }[];
  invalid: { name: string; path: string; value: unknown }[];
}
const load = (file: string): Fixtures => JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures', file), 'utf8'));

const suites: [string, (v: unknown) => Parsed<unknown>][] = [
  ['beacon-batch.json', parseBeaconBatch],
  ['status-document.json', parseStatusDocument],
  ['config.json', parseConfig],
];

for (const [file, parse] of suites) {
  describe(`fixtures/${file}`, () => {
    const { valid, invalid } = load(file);
    it.each(valid.map((f) => [f.name, f] as const))('accepts: %s', (_, f) => {
      const r = parse(f.value);
      expect(r.ok ? [] : r.problems).toEqual([]);
    });
    it.each(invalid.map((f) => [f.name, f] as const))('refuses: %s', (_, f) => {
      const r = parse(f.value);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      // Exactly one problem, at the field that is wrong, with a sentence a person can act on.
      expect(r.problems.map((p) => p.path)).toEqual([f.path]);
      expect(r.problems[0].message.length).toBeGreaterThan(5);
    });
  });
}

describe('batch size', () => {
  const base = load('beacon-batch.json').valid[0].value as { events: unknown[] };
  const withEvents = (n: number) => ({ ...base, events: Array.from({ length: n }, () => base.events[2]) });
  it(`accepts ${MAX_EVENTS_PER_BATCH} events and refuses one more`, () => {
    expect(parseBeaconBatch(withEvents(MAX_EVENTS_PER_BATCH)).ok).toBe(true);
    const r = parseBeaconBatch(withEvents(MAX_EVENTS_PER_BATCH + 1));
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([expect.stringMatching(/^events: must be at most 200 items/)]);
  });
});

describe('problem messages', () => {
  it('name the unknown key and the fix', () => {
    const r = parseConfig({ colector: 'x' });
    expect(r.ok ? '' : r.problems[0]).toEqual({ path: 'config', message: 'unknown field "colector": remove it or check the spelling' });
  });
  it('say what was expected and what came', () => {
    const r = parseConfig({ guards: { cart: { timeout: '2500' } } });
    expect(r.ok ? '' : r.problems[0]).toEqual({ path: 'config.guards.cart.timeout', message: 'expected a number (got "2500")' });
  });
});
