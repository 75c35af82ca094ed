/**
 * Gzip sizes: every browser bundle in packages/{schema,sdk,shopify}/dist/*.js against the
 * 10,000-byte per-page loader budget, and the guard core's own code (deps external).
 */
import { build, type Plugin } from 'esbuild';
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
export const LOADER_BUDGET = 10_000;
const gz = (s: string | Buffer) => gzipSync(s, { level: 9 }).length;

/** Every .js bundle of the browser packages' dist folders. */
export async function bundleSizes() {
  const rows = [];
  for (const pkg of ['schema', 'sdk', 'shopify']) {
    const dir = `${root}packages/${pkg}/dist/`;
    if (!existsSync(dir)) continue;
    for (const f of (await readdir(dir)).filter((f) => f.endsWith('.js')).sort()) {
      const body = await readFile(dir + f);
      const gzip = gz(body);
      rows.push({ bundle: `packages/${pkg}/dist/${f}`, bytes: body.length, gzip, loaderBudget: f === 'lifeboat.shopify.js' ? (gzip <= LOADER_BUDGET ? 'within' : 'OVER') : '—', shareOfBudget: `${Math.round((gzip / LOADER_BUDGET) * 100)} %` });
    }
  }
  return rows;
}

const stub = (filter: RegExp, contents: string): Plugin => ({
  name: `stub${filter}`,
  setup(b) {
    b.onResolve({ filter }, (a) => ({ path: a.path, namespace: `stub${filter}` }));
    b.onLoad({ filter: /.*/, namespace: `stub${filter}` }, () => ({ contents, loader: 'ts' }));
  },
});

/**
 * The guard core as the Shopify loader bundles it (zod-free schema-lite, lite validation), with
 * opossum, eventemitter3 and idb-keyval external (they are counted apart) and the transport and
 * status client stubbed (they belong to other modules). esbuild minify.
 */
export async function coreSize() {
  const lite = `${root}packages/shopify/src/config/schema-lite.ts`;
  const sized = async (external: boolean) => {
    const r = await build({
      entryPoints: [`${root}packages/sdk/src/browser.ts`],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      write: false,
      logLevel: 'error',
      external: external ? ['opossum', 'idb-keyval', 'eventemitter3', 'events'] : [],
      alias: { events: 'eventemitter3' },
      define: { __LIFEBOAT_VERSION__: '"0.0.0"' },
      plugins: [
        stub(/\/validate\.js$/, 'export const validateConfig = (i: unknown) => ({ ok: true, value: i ?? {} });'),
        stub(/\/(transport|status)\/attach\.js$/, 'export const attachTransport = () => () => {}; export const attachStatus = () => () => {};'),
        { name: 'schema-lite', setup: (b) => b.onResolve({ filter: /^@lifeboat\/schema$/ }, () => ({ path: existsSync(lite) ? lite : `${root}packages/schema/src/index.ts` })) },
      ],
    });
    return gz(r.outputFiles[0].text);
  };
  const own = await sized(true);
  const withDeps = await sized(false);
  return { coreGzip: own, coreWithOpossumEe3IdbGzip: withDeps, depsGzip: withDeps - own };
}
