import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallsEventSchema } from './beacon.js';
import { jsonSchemaFiles } from './jsonSchema.js';
import { EVENT_KIND_INFO, EVENT_KINDS, LATENCY_OFFSET, LATENCY_SLOTS, OUTCOMES, parseBeaconBatch, ROW_KINDS, SUMMARY_KIND, SUMMARY_SLOTS } from './index.js';
import * as lite from './lite.js';

/** The fixture that shows one event of every kind (the SDK and collector tests reuse it). */
const everyKind = () => {
  const { valid } = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/beacon-batch.json'), 'utf8'));
  return valid.find((f: { name: string }) => f.name === 'every event kind').value as { events: { type: string }[] };
};

describe('event kinds and outcomes (eventKinds.ts): one definition', () => {
  it("the beacon union (so the JSON Schema's oneOf) lists EVENT_KINDS, in their order", () => {
    const json = JSON.parse(jsonSchemaFiles()['beacon-batch.schema.json']);
    expect(json.properties.events.items.oneOf.map((v: { properties: { type: { const: string } } }) => v.properties.type.const)).toEqual([...EVENT_KINDS]);
  });

  it('every kind is shown in the fixtures and accepted by the schema', () => {
    const batch = everyKind();
    expect(new Set(batch.events.map((e) => e.type))).toEqual(new Set(EVENT_KINDS));
    for (const kind of EVENT_KINDS) {
      const r = parseBeaconBatch({ ...batch, events: batch.events.filter((e) => e.type === kind) });
      expect(r.ok ? [] : r.problems, kind).toEqual([]);
    }
    expect(parseBeaconBatch({ ...batch, events: [{ ...batch.events[0], type: 'not-a-kind' }] }).ok).toBe(false);
  });

  it('row kinds are every kind but the summary, each with its row in EVENT_KIND_INFO', () => {
    expect([SUMMARY_KIND, ...ROW_KINDS]).toEqual([...EVENT_KINDS]);
    expect(Object.keys(EVENT_KIND_INFO).sort()).toEqual([...ROW_KINDS].sort());
  });

  it('a summary counts OUTCOMES in order, then LATENCY_SLOTS latency counts', () => {
    const fields = Object.keys(CallsEventSchema._zod.def.shape);
    expect(fields.slice(3, 3 + OUTCOMES.length)).toEqual([...OUTCOMES]);
    expect(fields[3 + OUTCOMES.length]).toBe('latency');
    expect([LATENCY_OFFSET, SUMMARY_SLOTS]).toEqual([OUTCOMES.length, OUTCOMES.length + LATENCY_SLOTS]);
  });

  it('the zod-free entry carries the same lists', () => {
    expect([lite.OUTCOMES, lite.EVENT_KINDS, lite.ROW_KINDS, lite.EVENT_KIND_INFO]).toEqual([OUTCOMES, EVENT_KINDS, ROW_KINDS, EVENT_KIND_INFO]);
  });
});
