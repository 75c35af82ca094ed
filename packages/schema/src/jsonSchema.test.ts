import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonSchemaFiles } from './jsonSchema.js';

const docs = join(import.meta.dirname, '../../../docs/json-schema/');

describe('docs/json-schema', () => {
  for (const [file, text] of Object.entries(jsonSchemaFiles())) {
    it(`${file} is current`, () => {
      let onDisk = '';
      try {
        onDisk = readFileSync(docs + file, 'utf8');
      } catch {
        /* missing counts as stale */
      }
      if (onDisk !== text) expect.fail(`docs/json-schema/${file} is stale or missing: run npm run schema:json and commit the result`);
    });
  }

  it('forbids unknown keys and bounds every batch', () => {
    const batch = JSON.parse(jsonSchemaFiles()['beacon-batch.schema.json']);
    expect(batch.additionalProperties).toBe(false);
    expect(batch.properties.events.maxItems).toBe(200);
    for (const variant of batch.properties.events.items.oneOf) expect(variant.additionalProperties).toBe(false);
  });
});
