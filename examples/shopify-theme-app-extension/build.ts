/**
 * Copies the built Lifeboat loader (and its degraded-mode chunk, which the loader fetches from
 * next to itself) from packages/shopify/dist into assets/, and checks the loader against Theme
 * Check's 10,000-byte gzip suggestion for app-embed JavaScript.
 *
 *   npm run build && npx tsx examples/shopify-theme-app-extension/build.ts
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../packages/shopify/dist/', import.meta.url));
const assets = fileURLToPath(new URL('./assets/', import.meta.url));
const FILES = ['lifeboat.shopify.js', 'lifeboat.shopify.degraded.js'];
const BUDGET = 10_000;

let failed = false;
for (const file of FILES) {
  const from = dist + file;
  if (!existsSync(from)) {
    console.error(`missing ${from}: run \`npm run build\` (or \`npx rollup -c\`) first`);
    process.exitCode = 1;
    failed = true;
    continue;
  }
  // Source maps stay out: theme app extension assets ship as they are, and the map would 404.
  const stripped = readFileSync(from, 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
  writeFileSync(assets + file, stripped);
  const gz = gzipSync(stripped, { level: 9 }).length;
  const over = file === 'lifeboat.shopify.js' && gz > BUDGET;
  console.log(`${file}: ${stripped.length} bytes, ${gz} bytes gzip${file === 'lifeboat.shopify.js' ? ` (budget ${BUDGET})` : ' (loaded only in degraded mode)'}${over ? '  OVER BUDGET' : ''}`);
  if (over) {
    process.exitCode = 1;
    failed = true;
  }
}
if (!failed) console.log(`copied to ${assets}`);
