/**
 * The storefront build's files, read from packages/shopify/dist at run time: the build is being
 * redesigned, so chunk names are never written down here — whatever `lifeboat.shopify*.js` the
 * build made is what is measured.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const SHOPIFY_DIST = `${root}packages/shopify/dist/`;
/** The file the app embed references (the theme app extension's block names it). */
export const LOADER = 'lifeboat.shopify.js';
/** The loader and its chunks: `lifeboat.shopify.js`, `lifeboat.shopify.<anything>.js`. */
export const LIFEBOAT_FILE = /^lifeboat\.shopify(?:[.-][\w.-]+)?\.js$/;

/** Every Lifeboat browser file in the dist folder, the loader first; throws when there is no build. */
export function lifeboatFiles(): string[] {
  if (!existsSync(SHOPIFY_DIST + LOADER)) throw new Error(`no ${SHOPIFY_DIST}${LOADER}: run \`npm run build:browser\` (or \`npx rollup -c\`) first`);
  const chunks = readdirSync(SHOPIFY_DIST).filter((f) => LIFEBOAT_FILE.test(f) && f !== LOADER).sort();
  return [LOADER, ...chunks];
}

/** Whether a URL is one of Lifeboat's storefront scripts (by its file name, whatever the folder). */
export function isLifeboatUrl(url: string): boolean {
  const name = new URL(url).pathname.split('/').pop() ?? '';
  return LIFEBOAT_FILE.test(name);
}
