/**
 * 4. What an npm user's bundle pays: esbuild, all dependencies bundled, minified, ESM, browser
 * platform, of
 *
 *   import { createLifeboat } from '@lifeboat/sdk'; createLifeboat({}).run('x', () => 1);
 *
 * resolved as an installed package resolves (node_modules/@lifeboat/sdk → packages/sdk, whose
 * `exports` point at dist/), and how much of the output is zod, from esbuild's metafile.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './dist.js';
import { gzip9n } from './gzip.js';

export const ENTRY = "import { createLifeboat } from '@lifeboat/sdk'; createLifeboat({}).run('x', () => 1);";

export interface EsbuildResult {
  entry: string;
  minified: number;
  gzip9n: number;
  /** Minified output bytes that come from files under node_modules/zod. */
  zodBytes: number;
  zodShare: string;
  /** Output bytes per package (or `@lifeboat/*` folder), largest first. */
  byPackage: Array<{ from: string; bytes: number }>;
}

/** `node_modules/zod/v4/core/x.js` → `zod`; `packages/sdk/dist/index.js` → `packages/sdk`. */
export function packageOf(input: string): string {
  const nm = input.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const [a, b] = input.slice(nm + 'node_modules/'.length).split('/');
    return a!.startsWith('@') ? `${a}/${b}` : a!;
  }
  const m = /^(packages\/[^/]+)\//.exec(input);
  return m ? m[1]! : input.endsWith('/entry.js') ? 'the entry file' : input;
}

export async function measureEsbuild(): Promise<EsbuildResult> {
  // Outside the repository, with an empty tsconfig: the repository's tsconfig maps
  // `@lifeboat/*` to src/ for its own type checking, which an npm user's build never sees.
  const dir = mkdtempSync(join(tmpdir(), 'lb-esbuild-'));
  try {
    writeFileSync(join(dir, 'entry.js'), `${ENTRY}\n`);
    writeFileSync(join(dir, 'tsconfig.json'), '{}\n');
    const r = await build({
      entryPoints: [join(dir, 'entry.js')],
      absWorkingDir: root,
      nodePaths: [join(root, 'node_modules')],
      tsconfig: join(dir, 'tsconfig.json'),
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      outfile: join(dir, 'out.js'),
      logLevel: 'error',
    });
    const out = r.outputFiles.find((f) => f.path.endsWith('out.js'))!;
    const inputs = Object.values(r.metafile.outputs)[0]!.inputs;
    const by = new Map<string, number>();
    for (const [path, { bytesInOutput }] of Object.entries(inputs)) by.set(packageOf(path), (by.get(packageOf(path)) ?? 0) + bytesInOutput);
    const zodBytes = Object.entries(inputs)
      .filter(([p]) => /(^|\/)node_modules\/zod\//.test(p))
      .reduce((s, [, i]) => s + i.bytesInOutput, 0);
    return {
      entry: ENTRY,
      minified: out.contents.length,
      gzip9n: gzip9n(Buffer.from(out.contents)),
      zodBytes,
      zodShare: `${Math.round((zodBytes / out.contents.length) * 100)} %`,
      byPackage: [...by].map(([from, bytes]) => ({ from, bytes })).sort((a, b) => b.bytes - a.bytes),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
