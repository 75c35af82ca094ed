// Writes docs/json-schema/*.schema.json from the zod schemas (`npm run schema:json`).
// CI does not run this: packages/schema/src/jsonSchema.test.ts fails when the files are stale.
// The build copies these files into @lifeboat/schema's dist/json-schema/ (rollup.config.js), where
// its `./json-schema/*` export points; test/pack.test.ts resolves them from the packed tarball.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../packages/schema/src/jsonSchema.js';

const dir = fileURLToPath(new URL('../docs/json-schema/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(jsonSchemaFiles())) {
  writeFileSync(dir + file, text);
  console.log(`wrote docs/json-schema/${file}`);
}
