import * as z from 'zod/mini';
import { BeaconBatchSchema } from './beacon.js';
import { LifeboatConfigSchema } from './config.js';
import { StatusDocumentSchema } from './status.js';

const BASE = 'https://lifeboat.dev/schema/';

const targets = {
  config: { schema: LifeboatConfigSchema, title: 'Lifeboat SDK config', description: 'Options of createLifeboat() and of the script tag\'s JSON config element.' },
  'beacon-batch': { schema: BeaconBatchSchema, title: 'Lifeboat beacon batch v1', description: 'POST {collector}/v1/beacons?key={publicKey}, sent as text/plain.' },
  'status-document': { schema: StatusDocumentSchema, title: 'Lifeboat status document v1', description: 'GET {collector}/v1/status/{publicKey}.json: the fleet kill switch.' },
} as const;

/**
 * The JSON Schema of each public contract, keyed by file name (`beacon-batch.schema.json`), as
 * the pretty-printed text checked in under docs/json-schema. Generated from the zod schemas so
 * the two can never disagree; `npm run schema:json` writes them and a unit test checks they are current.
 *
 * @example
 * ```ts
 * for (const [file, text] of Object.entries(jsonSchemaFiles())) writeFileSync(`docs/json-schema/${file}`, text);
 * ```
 */
export function jsonSchemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, t] of Object.entries(targets)) {
    const { $schema, ...rest } = z.toJSONSchema(t.schema as z.ZodMiniType) as Record<string, unknown>;
    const doc = { $schema, $id: `${BASE}${name}.schema.json`, title: t.title, description: t.description, ...rest };
    out[`${name}.schema.json`] = `${JSON.stringify(doc, null, 2)}\n`;
  }
  return out;
}
