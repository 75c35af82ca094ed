/**
 * Where the store's theme assets come from: the demo's own fixtures (examples/storefront/assets),
 * or — for the conformance run (`npm run test:themes`) — a real theme read at run time from a
 * local checkout or a bare git directory, never copied into this repository. A file the real
 * theme does not have (the demo's page layout, theme.css) still comes from the demo.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type ThemeName = 'dawn' | 'horizon';
export const THEMES: readonly ThemeName[] = ['dawn', 'horizon'];

/** Reads one asset by file name (`cart-drawer.js`); undefined when the source has none. */
export type AssetSource = (file: string) => Promise<Buffer | undefined>;

/** The demo's fixtures in `dir`. */
export function dirAssets(dir: string): AssetSource {
  return async (file) => readFile(join(dir, file)).catch(() => undefined);
}

/**
 * A real theme at `path`: a checkout (has `assets/`) or a git directory (bare or `.git`), read at
 * `ref` (default HEAD). Throws a clear error when the path is neither.
 */
export function themeCheckout(path: string, ref = 'HEAD'): AssetSource & { describe: string } {
  if (existsSync(join(path, 'assets')) && statSync(join(path, 'assets')).isDirectory()) {
    const src = dirAssets(join(path, 'assets'));
    return Object.assign(src, { describe: `${path} (checkout)` });
  }
  const gitDir = existsSync(join(path, 'HEAD')) ? path : existsSync(join(path, '.git')) ? join(path, '.git') : '';
  if (!gitDir) throw new Error(`theme path ${path} is neither a theme checkout (no assets/ folder) nor a git directory (no HEAD file)`);
  const cache = new Map<string, Promise<Buffer | undefined>>();
  const src: AssetSource = (file) => {
    if (!/^[\w.-]+$/.test(file)) return Promise.resolve(undefined);
    let hit = cache.get(file);
    if (!hit) {
      hit = run('git', ['--git-dir', gitDir, 'show', `${ref}:assets/${file}`], { encoding: 'buffer', maxBuffer: 16 << 20 }).then(
        (r) => r.stdout as Buffer,
        () => undefined,
      );
      cache.set(file, hit);
    }
    return hit;
  };
  return Object.assign(src, { describe: `${gitDir} at ${ref}` });
}

/** The real theme's file when it has one, else the demo's. */
export function overlay(real: AssetSource | undefined, demo: AssetSource): AssetSource {
  if (!real) return demo;
  return async (file) => (await real(file)) ?? demo(file);
}


/**
 * Any file of a real theme (not only assets/): `read('snippets/cart-drawer.liquid')`, and the
 * file names in one of its folders (`list('assets')`). Same path rules as {@link themeCheckout};
 * used for Horizon, whose import map needs every module's name and whose component CSS lives in
 * the `{% stylesheet %}` blocks of its snippets, blocks and sections.
 */
export interface ThemeTree {
  read(rel: string): Promise<Buffer | undefined>;
  list(dir: string): Promise<string[]>;
  describe: string;
}

export function themeTree(path: string, ref = 'HEAD'): ThemeTree {
  const safe = (rel: string) => /^[\w.-]+(?:\/[\w.-]+)?$/.test(rel) && !rel.split('/').some((p) => p.startsWith('.'));
  if (existsSync(join(path, 'assets')) && statSync(join(path, 'assets')).isDirectory()) {
    return {
      read: async (rel) => (safe(rel) ? readFile(join(path, rel)).catch(() => undefined) : undefined),
      list: async (dir) => (safe(dir) ? (await readdir(join(path, dir)).catch(() => [] as string[])).sort() : []),
      describe: `${path} (checkout)`,
    };
  }
  const gitDir = existsSync(join(path, 'HEAD')) ? path : existsSync(join(path, '.git')) ? join(path, '.git') : '';
  if (!gitDir) throw new Error(`theme path ${path} is neither a theme checkout (no assets/ folder) nor a git directory (no HEAD file)`);
  const cache = new Map<string, Promise<Buffer | undefined>>();
  return {
    read(rel) {
      if (!safe(rel)) return Promise.resolve(undefined);
      let hit = cache.get(rel);
      if (!hit) {
        hit = run('git', ['--git-dir', gitDir, 'show', `${ref}:${rel}`], { encoding: 'buffer', maxBuffer: 16 << 20 }).then(
          (r) => r.stdout as Buffer,
          () => undefined,
        );
        cache.set(rel, hit);
      }
      return hit;
    },
    async list(dir) {
      if (!safe(dir)) return [];
      const r = await run('git', ['--git-dir', gitDir, 'ls-tree', '--name-only', `${ref}:${dir}`]).catch(() => ({ stdout: '' }));
      return String(r.stdout).split('\n').filter(Boolean).sort();
    },
    describe: `${gitDir} at ${ref}`,
  };
}
