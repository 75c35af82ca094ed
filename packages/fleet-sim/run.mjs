// `npm run fleet-sim`: bundles the simulator (and the SDK and collector code it runs) with
// esbuild, then runs it. tsx would do as well, but it keeps function names by wrapping every
// closure the SDK creates in a defineProperty call — per page, a fleet's worth of them.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
// Inside node_modules, so the bundle's own imports (opossum, uplot, playwright-core) resolve.
const out = join(root, 'node_modules/.cache/fleet-sim', `cli-${process.pid}.mjs`);
await build({
  entryPoints: [join(root, 'packages/fleet-sim/src/cli.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  alias: { '@lifeboat/schema': join(root, 'packages/schema/src/index.ts'), '@lifeboat/schema/lite': join(root, 'packages/schema/src/lite.ts') },
  logLevel: 'warning',
});
// Worker threads load the same file: it goes when the process does.
process.once('exit', () => rmSync(out, { force: true }));
await import(pathToFileURL(out).href);
