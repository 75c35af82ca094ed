import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const src = (pkg: string, entry = 'index') => fileURLToPath(new URL(`./packages/${pkg}/src/${entry}.ts`, import.meta.url));

// Units run against the TypeScript sources (no build needed); Chromium tests drive the built
// bundles, which `npm test` builds first. Exact matches: a package name alone would also catch
// its subpath entries (`@lifeboat/schema/lite`).
const alias = [
  // Subpath entries: `@lifeboat/sdk/core` is packages/sdk/src/core.ts.
  { find: /^@lifeboat\/(schema|sdk|shopify)\/(\w+)$/, replacement: fileURLToPath(new URL('./packages/$1/src/$2.ts', import.meta.url)) },
  { find: /^@lifeboat\/schema$/, replacement: src('schema') },
  { find: /^@lifeboat\/sdk$/, replacement: src('sdk') },
  { find: /^@lifeboat\/shopify$/, replacement: src('shopify') },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'happy-dom',
          include: ['packages/{schema,sdk,shopify}/src/**/*.test.ts', 'examples/**/*.test.ts', 'test/newcomer*.test.ts'],
          exclude: ['**/*.chromium.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'fleet-sim',
          environment: 'node',
          include: ['packages/fleet-sim/src/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'collector',
          environment: 'node',
          include: ['packages/collector/src/**/*.test.ts', 'packages/collector/test/**/*.test.ts'],
          exclude: ['**/*.chromium.test.ts', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Packs the published packages and installs them in a scratch project: needs `npm run build`.
        test: {
          name: 'pack',
          environment: 'node',
          include: ['test/pack*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'chromium',
          environment: 'node',
          include: ['**/*.chromium.test.ts'],
          exclude: ['**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // Two cores: one browser-driving file at a time keeps timings meaningful.
          fileParallelism: false,
        },
      },
    ],
  },
});
