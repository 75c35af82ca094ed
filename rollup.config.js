// Builds every browser bundle. One table of targets; each package gets ESM + CJS + one bundled
// .d.ts for npm, and the browser packages get self-contained minified files for script tags,
// Chromium tests and benchmarks.
import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import alias from '@rollup/plugin-alias';
import commonjs from '@rollup/plugin-commonjs';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { dts } from 'rollup-plugin-dts';
import { readFileSync } from 'node:fs';

const version = (pkg) => JSON.parse(readFileSync(`packages/${pkg}/package.json`, 'utf8')).version;

const ts = (pkg) =>
  typescript({
    tsconfig: `./packages/${pkg}/tsconfig.json`,
    include: ['packages/*/src/**/*.ts'],
    exclude: ['**/*.test.ts'],
    compilerOptions: { declaration: false, sourceMap: true, noEmit: false },
    // Type errors are `npm run typecheck`'s job (it fails the test run); the bundle still builds.
    noEmitOnError: false,
  });

// opossum is CommonJS and `require('events')`. npm builds: eventemitter3 (1.3 kB gzip against
// 2.3 kB for the `events` polyfill). Page builds: packages/sdk/src/lib/events.ts, the four methods
// opossum calls (~0.2 kB gzip; events.test.ts runs the real opossum on it), which `require`
// receives as its default export.
const EVENTS_SHIM = `${process.cwd()}/packages/sdk/src/lib/events.ts`;
// The page builds find the workspace's own packages by each package's tsconfig `paths`
// (`@lifeboat/sdk/core` → packages/sdk/src/core.ts): @rollup/plugin-typescript resolves imports
// with TypeScript's resolver, so it runs before node-resolve. The npm builds keep them external.
const browserPlugins = (pkg, { bundleWorkspace }) => [
  replace({ preventAssignment: true, values: { __LIFEBOAT_VERSION__: JSON.stringify(version(pkg)) } }),
  alias({ entries: [{ find: /^events$/, replacement: bundleWorkspace ? EVENTS_SHIM : 'eventemitter3' }] }),
  ts(pkg),
  resolve({ browser: true, extensions: ['.ts', '.js', '.mjs'] }),
  commonjs({ requireReturnsDefault: (id) => id === EVENTS_SHIM || id.endsWith('/noCache.js') }),
];

const minify = () =>
  terser({ ecma: 2020, module: true, compress: { passes: 2, pure_getters: true, hoist_funs: true }, format: { comments: false } });

/**
 * Copies the committed JSON Schemas (docs/json-schema, kept current by schema/src/jsonSchema.test.ts)
 * into the schema package's dist, where its `./json-schema/*` export points.
 */
const jsonSchemas = () => ({
  name: 'json-schemas',
  writeBundle() {
    const out = 'packages/schema/dist/json-schema';
    mkdirSync(out, { recursive: true });
    for (const f of readdirSync('docs/json-schema')) if (f.endsWith('.json')) copyFileSync(`docs/json-schema/${f}`, `${out}/${f}`);
  },
});

/**
 * npm build: ESM + CJS; workspace siblings and runtime deps stay external, opossum is bundled.
 * `entries` are the package's entry points (src/<name>.ts → dist/<name>.js), one per subpath export.
 */
function npmBuild(pkg, { external, extraPlugins = [], entries = ['index'] }) {
  const input = Object.fromEntries(entries.map((e) => [e, `packages/${pkg}/src/${e}.ts`]));
  if (!existsSync(input.index)) return [];
  const out = `packages/${pkg}/dist`;
  return [
    {
      input,
      external,
      plugins: [...browserPlugins(pkg, { bundleWorkspace: false }), ...extraPlugins],
      output: [
        { dir: out, format: 'es', sourcemap: true, entryFileNames: '[name].js', chunkFileNames: 'shared/[name].js' },
        { dir: out, format: 'cjs', sourcemap: true, exports: 'named', entryFileNames: '[name].cjs', chunkFileNames: 'shared/[name].cjs' },
      ],
    },
    {
      input,
      external: (id) => external(id) || /\.css$/.test(id),
      plugins: [dts({ tsconfig: `./packages/${pkg}/tsconfig.json` })],
      output: { dir: out, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'shared/[name].d.ts' },
    },
  ];
}

/** Self-contained minified file for a page: everything bundled, nothing external. */
function pageBuild(pkg, entry, file, format, name, extraAliases = []) {
  const input = `packages/${pkg}/src/${entry}`;
  if (!existsSync(input)) return [];
  return [
    {
      input,
      plugins: [...(extraAliases.length ? [alias({ entries: extraAliases })] : []), ...browserPlugins(pkg, { bundleWorkspace: true }), minify()],
      // The packages' `sideEffects: false`, which node-resolve would apply but the TypeScript
      // resolver (workspace paths) does not: a module of theirs nothing uses is left out, even if
      // it builds tables at load (schema/src/check/).
      treeshake: { moduleSideEffects: (id) => !/\/packages\/(schema|sdk)\/src\//.test(id) },
      output: { file: `packages/${pkg}/dist/${file}`, format, name, sourcemap: true, inlineDynamicImports: true },
      onwarn(warning, warn) {
        // opossum's CJS uses `this` at module level; harmless in a bundle.
        if (warning.code === 'THIS_IS_UNDEFINED') return;
        // zod's own sources: prose comments that mention `@__PURE__` next to a real annotation
        // (rollup drops the comment, not the annotation that follows it), and core.js ⇄ util.js,
        // a cycle zod resolves itself. Neither is ours to fix; anything else is still printed.
        const inZod = (id) => typeof id === 'string' && /node_modules\/zod\//.test(id);
        if (warning.code === 'INVALID_ANNOTATION' && inZod(warning.id)) return;
        if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every(inZod)) return;
        warn(warning);
      },
    },
  ];
}

const deps = (...names) => (id) => names.some((n) => id === n || id.startsWith(`${n}/`));

export default [
  ...npmBuild('schema', { external: deps('zod'), extraPlugins: [jsonSchemas()], entries: ['index', 'lite'] }),
  // `lifeboat validate`: a Node command, so zod and node:* stay external.
  {
    input: 'packages/schema/src/cli/main.ts',
    external: (id) => deps('zod')(id) || id.startsWith('node:'),
    plugins: browserPlugins('schema', { bundleWorkspace: false }),
    output: { file: 'packages/schema/dist/cli.js', format: 'es', sourcemap: true },
  },
  ...npmBuild('sdk', { external: deps('idb-keyval', 'zod', '@lifeboat/schema'), entries: ['index', 'core', 'breaker', 'validate'] }),
  ...npmBuild('shopify', { external: deps('idb-keyval', 'zod', '@lifeboat/schema', '@lifeboat/sdk') }),
  // The SDK as one ES module for <script type="module">, Chromium tests and benchmarks.
  ...pageBuild('sdk', 'browser.ts', 'lifeboat.browser.js', 'es'),
  // The Shopify script-tag / app-embed loader and its lazy chunks. What differs from the npm
  // build is passed to the SDK core as parts (packages/shopify/src/parts/), not swapped here.
  // Only the third-party edge is aliased: `events` for opossum (above) and idb-keyval, whose
  // default store and pre-getAll cursor fallback a storefront never uses (shopify/src/lib/idb.ts).
  ...pageBuild('shopify', 'loader.ts', 'lifeboat.shopify.js', 'iife', undefined, [
    { find: /^idb-keyval$/, replacement: `${process.cwd()}/packages/shopify/src/lib/idb.ts` },
  ]),
  // The SDK core with the loader's parts, the widget guard, the recommendations start: at idle,
  // or at once when a widget failed or a guard must decide (loader.ts).
  ...pageBuild('shopify', 'core.ts', 'lifeboat.shopify.core.js', 'es', undefined, [
    { find: /^idb-keyval$/, replacement: `${process.cwd()}/packages/shopify/src/lib/idb.ts` },
  ]),
  ...pageBuild('shopify', 'degraded.ts', 'lifeboat.shopify.degraded.js', 'es'),
  // The recommendations chain: pages with a slot fetch it at idle.
  ...pageBuild('shopify', 'recs.ts', 'lifeboat.shopify.recs.js', 'es'),
  // opossum and the guard's glue for it (@lifeboat/sdk/breaker), loaded on a page's first failure.
  // opossum builds its MemoryCache only for its `cache`/`coalesce` options, which guards never set.
  ...pageBuild('shopify', 'breaker.ts', 'lifeboat.shopify.breaker.js', 'es', undefined, [
    { find: /^\.\/cache$/, replacement: `${process.cwd()}/packages/sdk/src/lib/noCache.js` },
  ]),
  // Full zod validation with clear messages: the loader's judge, once per browser per config text.
  ...pageBuild('shopify', 'validate.ts', 'lifeboat.shopify.validate.js', 'es'),
  // The collector's vendor dashboard (uPlot bundled), served at /dashboard/dashboard.js.
  {
    input: 'packages/collector/src/dashboard/client/main.ts',
    plugins: [
      resolve({ browser: true, extensions: ['.ts', '.js', '.mjs'] }),
      typescript({
        tsconfig: './packages/collector/src/dashboard/client/tsconfig.json',
        include: ['packages/collector/src/dashboard/client/**/*.ts'],
        compilerOptions: { declaration: false, sourceMap: true, noEmit: false },
        noEmitOnError: false,
      }),
      minify(),
    ],
    output: { file: 'packages/collector/dist/dashboard/dashboard.js', format: 'iife', sourcemap: true },
  },
];
