// Runs the TypeScript examples of docs/guards.md, in order, as one script: the docs stay true.
import { transform } from 'esbuild';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import * as sdk from './index.js';
import * as validate from './validate.js';

afterEach(() => vi.unstubAllGlobals());

it('docs/guards.md examples run', async () => {
  const md = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../docs/guards.md'), 'utf8');
  const blocks = [...md.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks.length).toBeGreaterThanOrEqual(4);
  const source = blocks.join('\n').replace(/^import .*$/gm, '');
  const { code } = await transform(source, { loader: 'ts', format: 'esm' });
  const log = vi.fn();
  const fetch = vi.fn(async () => new Response('{"items":[]}', { headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal('fetch', fetch);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  await new AsyncFunction('createLifeboat', 'GuardError', 'readConfig', 'validateConfig', 'console', code)(sdk.createLifeboat, sdk.GuardError, validate.readConfig, validate.validateConfig, {
    ...console,
    log,
    error: vi.fn(),
  });
  expect(fetch).toHaveBeenCalledTimes(2); // the cart and the recs examples ran their work
});
