// Writes docs/json-schema/*.schema.json from the zod schemas (`npm run schema:json`).
// CI does not run this: packages/schema/src/jsonSchema.test.ts fails when the files are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../packages/schema/src/jsonSchema.js';

const dir = fileURLToPath(new URL('../docs/json-schema/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(dir + file, text);
  console.log(`wrote docs/json-schema/${file}`);
}
