// The per-page loader's budget (Shopify Theme Check's threshold for
// app-embed JavaScript): at most 10,000 bytes gzip. Reads the built file (`npx rollup -c`;
// `npm test` builds first).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';

const BUDGET = 10_000;
const file = resolve(process.cwd(), 'packages/shopify/dist/lifeboat.shopify.js');
const built = existsSync(file);
if (!built) console.warn(`loader size test skipped: ${file} is not built (run \`npx rollup -c\`)`);

it.skipIf(!built)(`lifeboat.shopify.js is at most ${BUDGET} bytes gzip`, () => {
  const code = readFileSync(file);
  const gzip = gzipSync(code, { level: 9 }).length;
  console.log(`lifeboat.shopify.js: ${code.length} bytes, ${gzip} gzip (budget ${BUDGET})`);
  expect(gzip).toBeLessThanOrEqual(BUDGET);
});
