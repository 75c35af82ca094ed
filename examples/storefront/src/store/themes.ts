/**
 * Where the store's theme assets come from: the demo's own fixtures (examples/storefront/assets),
 * or — for the conformance run (`npm run test:themes`) — a real theme read at run time from a
 * local checkout or a bare git directory, never copied into this repository. A file the real
 * theme does not have (the demo's page layout, theme.css) still comes from the demo.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
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

