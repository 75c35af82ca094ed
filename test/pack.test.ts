/**
 * The published packages as a user gets them: `npm pack` each one, unpack the tarballs into a
 * scratch project outside the repository, and resolve every entry of every `exports` map from
 * there with Node itself (not vitest's resolver, which knows the workspace aliases).
 *
 * Needs the build (`npm run build`; `npm test` builds first). Offline: the tarballs are unpacked
 * into the scratch project's node_modules, and their third-party dependencies are symlinked to
 * the repository's installed copies.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['schema', 'sdk', 'shopify', 'collector'];
/** Classic (non-module) scripts for a page's `<script>` tag: they run only in a browser, so Node compiles them. */
const CLASSIC = new Set(['@lifeboat/shopify/lifeboat.shopify.js']);

type Exports = string | { [key: string]: Exports };
interface Packed {
  name: string;
  filename: string;
  files: Array<{ path: string }>;
}
interface Checked {
  spec: string;
  file: string;
  how: 'import' | 'require' | 'json' | 'compile';
  keys: number;
  error?: string;
}

let tmp: string;
let scratch: string;
let packed: Packed[];
const manifests = new Map<string, { exports: Record<string, Exports>; dependencies?: Record<string, string>; bin?: Record<string, string> }>();

beforeAll(() => {
  const missing = PACKAGES.filter((p) => !existsSync(join(ROOT, 'packages', p, 'dist')));
  if (missing.length) throw new Error(`packages/{${missing.join(',')}}/dist missing: run \`npm run build\` first`);
  tmp = mkdtempSync(join(tmpdir(), 'lifeboat-pack-'));
  scratch = join(tmp, 'project');
  mkdirSync(join(scratch, 'node_modules'), { recursive: true });
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', tmp, ...PACKAGES.flatMap((p) => ['-w', `packages/${p}`])], {
    cwd: ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  packed = JSON.parse(out.slice(out.indexOf('[')));
  for (const p of packed) {
    const dir = join(scratch, 'node_modules', p.name);
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', join(tmp, p.filename), '-C', dir, '--strip-components=1']);
    manifests.set(p.name, JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
  }
  // Third-party dependencies: the repository's installed copies (Node follows the symlink, so
  // their own dependencies resolve from the repository's node_modules too).
  // happy-dom: the page the Shopify README example runs on.
  for (const m of [...manifests.values(), { dependencies: { 'happy-dom': '*' } }]) {
    for (const dep of Object.keys(m.dependencies ?? {})) {
      const link = join(scratch, 'node_modules', dep);
      if (dep.startsWith('@lifeboat/') || existsSync(link)) continue;
      mkdirSync(dirname(link), { recursive: true });
      symlinkSync(join(ROOT, 'node_modules', dep), link, 'dir');
    }
  }
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Every concrete specifier an exports map offers; a pattern (`./x/*`) expands to the tarball's files that match it. */
function specifiers(name: string, files: string[]): string[] {
  const out: string[] = [];
  for (const [key, target] of Object.entries(manifests.get(name)!.exports)) {
    if (!key.includes('*')) {
      out.push(key === '.' ? name : `${name}/${key.slice(2)}`);
      continue;
    }
    const to = (typeof target === 'string' ? target : String(Object.values(target)[0])).replace(/^\.\//, '');
    const [pre, post] = to.split('*');
    const matched = files.filter((f) => f.startsWith(pre!) && f.endsWith(post!)).map((f) => f.slice(pre!.length, f.length - post!.length));
    // A pattern that matches nothing in the tarball is an export that resolves to nothing.
    if (!matched.length) out.push(`${name}/${key.slice(2).replace('*', '<nothing matches>')}`);
    for (const m of matched) out.push(`${name}/${key.slice(2).replace('*', m)}`);
  }
  return out;
}

/** `types` targets of an exports map, which no runtime resolves. */
function typeTargets(e: Exports): string[] {
  if (typeof e === 'string') return [];
  return Object.entries(e).flatMap(([k, v]) => (k === 'types' && typeof v === 'string' ? [v] : typeTargets(v)));
}

/** Resolves and loads each specifier in a plain Node process inside the scratch project. */
function resolveInScratch(specs: Array<{ spec: string; require: boolean }>): Checked[] {
  const script = `
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
const require = createRequire(import.meta.url);
const CLASSIC = new Set(${JSON.stringify([...CLASSIC])});
const out = [];
for (const { spec, require: cjs } of ${JSON.stringify(specs)}) {
  const one = async (how, f) => { try { const [file, keys] = await f(); out.push({ spec, how, file, keys }); } catch (e) { out.push({ spec, how, file: '', keys: 0, error: String(e?.message ?? e) }); } };
  if (spec.endsWith('.json')) await one('json', async () => { const file = require.resolve(spec); return [file, Object.keys(JSON.parse(readFileSync(file, 'utf8'))).length]; });
  else if (CLASSIC.has(spec)) await one('compile', async () => { const file = fileURLToPath(import.meta.resolve(spec)); new vm.Script(readFileSync(file, 'utf8'), { filename: file }); return [file, 1]; });
  else {
    await one('import', async () => [fileURLToPath(import.meta.resolve(spec)), Object.keys(await import(spec)).length]);
    if (cjs) await one('require', async () => [require.resolve(spec), Object.keys(require(spec)).length]);
  }
}
console.log(JSON.stringify(out));
`;
  writeFileSync(join(scratch, 'check.mjs'), script);
  return JSON.parse(execFileSync(process.execPath, ['check.mjs'], { cwd: scratch, encoding: 'utf8' }));
}

describe('npm pack', () => {
  it('packs every published package', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(PACKAGES.map((p) => `@lifeboat/${p}`).sort());
  });

  it.each(PACKAGES)('@lifeboat/%s ships README.md, LICENSE and complete metadata', (p) => {
    const files = packed.find((x) => x.name === `@lifeboat/${p}`)!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'package.json']));
    const m = JSON.parse(readFileSync(join(scratch, 'node_modules', `@lifeboat/${p}`, 'package.json'), 'utf8'));
    expect(m).toMatchObject({ license: 'MIT', engines: { node: '>=20' } });
    for (const k of ['description', 'repository', 'homepage', 'bugs', 'keywords', 'files', 'exports']) expect(m[k], k).toBeTruthy();
    expect(readFileSync(join(scratch, 'node_modules', `@lifeboat/${p}`, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
  });

  it('every export of every package resolves to a file that loads, from a project outside the repository', () => {
    const specs: Array<{ spec: string; require: boolean }> = [];
    for (const p of packed) {
      for (const spec of specifiers(
        p.name,
        p.files.map((f) => f.path),
      )) {
        const key = spec === p.name ? '.' : `./${spec.slice(p.name.length + 1)}`;
        const target = manifests.get(p.name)!.exports[key];
        specs.push({ spec, require: typeof target === 'object' && 'require' in target });
      }
    }
    const results = resolveInScratch(specs);
    const failed = results.filter((r) => r.error || !r.file.startsWith(join(scratch, 'node_modules')) || r.keys === 0);
    expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
    // The specifiers users are told about (README, docs) are among those that resolved.
    expect(results.map((r) => r.spec)).toEqual(
      expect.arrayContaining([
        '@lifeboat/schema/json-schema/beacon-batch.schema.json',
        '@lifeboat/schema/json-schema/config.schema.json',
        '@lifeboat/schema/json-schema/shopify-config.schema.json',
        '@lifeboat/schema/json-schema/status-document.schema.json',
        '@lifeboat/sdk/lifeboat.browser.js',
        '@lifeboat/shopify/lifeboat.shopify.js',
        '@lifeboat/shopify/lifeboat.shopify.degraded.js',
        '@lifeboat/shopify/lifeboat.shopify.breaker.js',
        '@lifeboat/shopify/lifeboat.shopify.validate.js',
      ]),
    );
  });

  // The README is the package's npm page: its example must run as written against what ships.
  it.each(PACKAGES)("@lifeboat/%s's README example runs against the installed package", (p) => {
    const readme = readFileSync(join(scratch, 'node_modules', `@lifeboat/${p}`, 'README.md'), 'utf8');
    const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(example, 'a ```js example').toBeTruthy();
    // The Shopify package runs on a storefront page: give it a DOM (happy-dom), and end the
    // process once the example has run (its guards keep timers for the page's lifetime).
    const page = p === 'shopify';
    const prelude = page
      ? "import { Window } from 'happy-dom';\nconst win = new Window({ url: 'https://shop.example/products/mug' });\n" +
        'for (const k of Object.getOwnPropertyNames(win)) if (!(k in globalThis)) { try { globalThis[k] = win[k]; } catch {} }\n' +
        'Object.assign(globalThis, { window: win, document: win.document });\n'
      : '';
    const body = page ? example!.replace(/^import (.*) from ('@lifeboat\/shopify');$/m, 'const $1 = await import($2);') : example!;
    writeFileSync(join(scratch, `example-${p}.mjs`), prelude + body + (page ? '\nsetTimeout(() => process.exit(0), 200);\n' : ''));
    const run = spawnSync(process.execPath, [`example-${p}.mjs`], { cwd: scratch, encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.length).toBeGreaterThan(0);
  });

  it('every `types` target is in the tarball', () => {
    for (const p of packed) {
      const files = new Set(p.files.map((f) => f.path));
      for (const t of Object.values(manifests.get(p.name)!.exports).flatMap(typeTargets)) expect(files, `${p.name}: ${t}`).toContain(t.replace(/^\.\//, ''));
    }
  });

  it("the collector ships its config reference, and the installed bin's --help points at it", () => {
    const dir = join(scratch, 'node_modules', '@lifeboat/collector');
    const files = packed.find((x) => x.name === '@lifeboat/collector')!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['docs/collector.md', 'docs/kill-switch.md', 'openapi.yaml', 'bin/lifeboat-collector.js']));
    expect(readFileSync(join(dir, 'docs/collector.md'), 'utf8')).toContain('## Running it');
    const help = execFileSync(process.execPath, [join(dir, manifests.get('@lifeboat/collector')!.bin!['lifeboat-collector']!), '--help'], { encoding: 'utf8' });
    for (const doc of help.match(/docs\/[\w-]+\.md/g) ?? []) expect(existsSync(join(dir, doc)), doc).toBe(true);
    // prepack's copies are gone again: docs/ in the repository is the one source.
    expect(existsSync(join(ROOT, 'packages/collector/docs'))).toBe(false);
  });

  it('the schema package\'s `lifeboat validate` runs from the tarball and names the bad field', () => {
    const dir = join(scratch, 'node_modules', '@lifeboat/schema');
    const bin = join(dir, manifests.get('@lifeboat/schema')!.bin!['lifeboat']!);
    writeFileSync(join(scratch, 'bad-config.json'), JSON.stringify({ guards: { cart: { timeout: '3s' } } }));
    const r = spawnSync(process.execPath, [bin, 'validate', 'bad-config.json'], { cwd: scratch, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain('config.guards.cart.timeout: expected a number (got "3s")');
  });
});
