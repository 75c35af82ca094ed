/**
 * Copies the built Lifeboat loader and every chunk it fetches from next to itself (degraded mode,
 * full config validation, …: all `lifeboat.shopify*.js`) from packages/shopify/dist into assets/, and checks the loader against Theme
 * Check's 10,000-byte gzip suggestion for app-embed JavaScript.
 *
 *   npm run build && npx tsx examples/shopify-theme-app-extension/build.ts
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../packages/shopify/dist/', import.meta.url));
const assets = fileURLToPath(new URL('./assets/', import.meta.url));
const LOADER = 'lifeboat.shopify.js';
// The loader first, then whatever lazy chunks the build made: a new chunk can't be forgotten here.
const FILES = [LOADER, ...(existsSync(dist) ? readdirSync(dist).filter((f) => /^lifeboat\.shopify\..+\.js$/.test(f)).sort() : [])];
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
  const over = file === LOADER && gz > BUDGET;
  console.log(`${file}: ${stripped.length} bytes, ${gz} bytes gzip${file === LOADER ? ` (budget ${BUDGET})` : ' (loaded only when needed)'}${over ? '  OVER BUDGET' : ''}`);
  if (over) {
    process.exitCode = 1;
    failed = true;
  }
}
if (!failed) console.log(`copied to ${assets}`);
