/**
 * Gzip sizes: every browser bundle in packages/{schema,sdk,shopify}/dist/*.js, the per-page
 * loader against its gzip budget (issue 9: 4,500 bytes; its raw budget, Theme Check's 10,000, and
 * `gzip -9n` are measured by `npm run bench:page`), and the guard core's own code (deps external).
 */
import { build, type Plugin } from 'esbuild';
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
export const LOADER_BUDGET = 4_500;
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
 * The guard core (`createCore`, as `@lifeboat/sdk/core` exports it), with opossum, eventemitter3
 * and idb-keyval external (they are counted apart) and the beacon transport and status client
 * stubbed (they are other modules). esbuild minify.
 */
export async function coreSize() {
  const sized = async (external: boolean) => {
    const r = await build({
      stdin: { contents: "export { createCore } from './packages/sdk/src/createCore.ts'; export { eagerBreaker } from './packages/sdk/src/guard/eagerBreaker.ts';", resolveDir: root, loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
      write: false,
      logLevel: 'error',
      external: external ? ['opossum', 'idb-keyval', 'eventemitter3', 'events'] : [],
      alias: { events: 'eventemitter3', '@lifeboat/schema/lite': `${root}packages/schema/src/lite.ts` },
      define: { __LIFEBOAT_VERSION__: '"0.0.0"' },
      plugins: [stub(/\/(transport\/(attach|beacons)|status\/(attach|statusClient))\.js$/, 'export const attachTransport = () => () => {}; export const attachStatus = () => () => {};')],
    });
    return gz(r.outputFiles[0].text);
  };
  const own = await sized(true);
  const withDeps = await sized(false);
  return { coreGzip: own, coreWithOpossumEe3IdbGzip: withDeps, depsGzip: withDeps - own };
}
