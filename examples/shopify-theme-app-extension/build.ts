/**
 * Fills assets/ from packages/shopify/dist: the loader the block's `{% schema %}` names in
 * `javascript` (`lifeboat.shopify.js`) and EVERY chunk the build made next to it (all
 * `lifeboat.shopify*.js`, whatever their names: the loader fetches them relative to its own URL,
 * only on the pages and at the moment they are needed). Chunks of an earlier build that this one
 * no longer makes are removed, so a deploy never ships a stale one. Then it checks the loader as
 * Theme Check's `AssetSizeAppBlockJavaScript` does: the raw size of the `javascript` asset
 * against 10,000 bytes (an error that check does not let a theme app extension disable).
 *
 *   npm run build:browser && npx tsx examples/shopify-theme-app-extension/build.ts
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const DIST = fileURLToPath(new URL('../../packages/shopify/dist/', import.meta.url));
export const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
/** The file the block's schema names in `javascript`. */
export const LOADER = 'lifeboat.shopify.js';
/** The loader and every chunk: `lifeboat.shopify.js`, `lifeboat.shopify.<name>.js`, `lifeboat.shopify-<hash>.js`… */
export const LIFEBOAT_FILE = /^lifeboat\.shopify(?:[.-][\w.-]+)?\.js$/;
/** Theme Check's `AssetSizeAppBlockJavaScript` default `thresholdInBytes` (raw bytes, `size > threshold` fails). */
export const THEME_CHECK_THRESHOLD = 10_000;

export interface AssetRow {
  file: string;
  raw: number;
  gzip: number;
  role: 'loader (schema `javascript`)' | 'chunk';
}

/** Every Lifeboat file of a dist folder, the loader first. */
export function builtFiles(dist = DIST): string[] {
  if (!existsSync(dist + LOADER)) throw new Error(`missing ${dist}${LOADER}: run \`npm run build:browser\` (or \`npx rollup -c\`) first`);
  return [LOADER, ...readdirSync(dist).filter((f) => LIFEBOAT_FILE.test(f) && f !== LOADER).sort()];
}

/** Source maps stay out: theme app extension assets ship as they are, and the map would 404. */
export const stripSourceMap = (text: string) => text.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');

/** Copies the loader and every chunk from `dist` into `assets`, removing Lifeboat files `dist` no longer has. */
export function buildAssets(dist = DIST, assets = ASSETS): AssetRow[] {
  const files = builtFiles(dist);
  mkdirSync(assets, { recursive: true });
  for (const stale of readdirSync(assets).filter((f) => LIFEBOAT_FILE.test(f) && !files.includes(f))) rmSync(assets + stale);
  return files.map((file) => {
    const shipped = stripSourceMap(readFileSync(dist + file, 'utf8'));
    writeFileSync(assets + file, shipped);
    return { file, raw: Buffer.byteLength(shipped), gzip: gzipSync(shipped, { level: 9 }).length, role: file === LOADER ? 'loader (schema `javascript`)' : 'chunk' };
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const rows = buildAssets();
    for (const r of rows) console.log(`${r.file}: ${r.raw} bytes, ${r.gzip} bytes gzip — ${r.role === 'chunk' ? 'loaded only when needed' : `Theme Check limit ${THEME_CHECK_THRESHOLD} bytes raw`}`);
    const loader = rows[0]!;
    if (loader.raw > THEME_CHECK_THRESHOLD) {
      console.error(`${LOADER} is ${loader.raw} bytes: over Theme Check's AssetSizeAppBlockJavaScript threshold (${THEME_CHECK_THRESHOLD} bytes raw); Theme Check (the Shopify CLI runs it on theme app extensions) reports that as an error`);
      process.exitCode = 1;
    }
    console.log(`copied ${rows.length} files to ${ASSETS}`);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 1;
  }
}
