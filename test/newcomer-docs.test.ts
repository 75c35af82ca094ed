// @vitest-environment node
// The docs a newcomer reads first must not drift from what they describe: the benchmark tables
// from bench-results/bench.json, the config reference from the zod schemas, and links between
// the pages must resolve to files that exist.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { configFields, expectedDocs } from '../scripts/docs-figures.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const read = (f: string) => readFileSync(resolve(root, f), 'utf8');

describe('generated docs', () => {
  it.each(Object.entries(expectedDocs()))('%s matches its source (run `npx tsx scripts/docs-figures.ts`)', (_file, { current, expected }) => {
    expect(current).toBe(expected);
  });

  it('documents every config field of the zod schemas', () => {
    const doc = read('docs/config-reference.md');
    const { sdk, shopify } = configFields();
    const missing = [...sdk, ...shopify].map((f) => f.path).filter((p) => !doc.includes(`| \`${p}\` |`));
    expect(missing).toEqual([]);
    // The schema has nested guard options, so the walk must have reached them.
    expect(sdk.map((f) => f.path)).toContain('guards.<name>.timeout');
    expect(shopify.map((f) => f.path)).toContain('widgets[].budget');
  });

  it('every figure in benchmarks.md sits inside a generated block', () => {
    const prose = read('docs/benchmarks.md').replace(/<!-- generated:(\w+)[^>]*-->[\s\S]*?<!-- \/generated:\1 -->/g, '');
    // Measured quantities (ns, bytes, ratios ×) must not be typed by hand outside the blocks.
    expect(prose.match(/\b\d[\d,. ]*\s?(ns|µs|bytes|×)/g) ?? []).toEqual([]);
  });
});

describe('newcomer docs', () => {
  const mine = ['README.md', 'docs/README.md', 'docs/getting-started-npm.md', 'docs/getting-started-shopify.md', 'docs/getting-started-collector.md', 'docs/how-it-works.md', 'docs/guarantees.md', 'docs/config-reference.md', 'docs/benchmarks.md', 'docs/beacons.md', 'docs/dashboard.md', 'docs/query-api.md', 'docs/collector.md'];

  it.each(mine)('%s links only to files that exist', (page) => {
    const text = read(page);
    const targets = [...text.matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
    const broken = targets.filter((t) => !existsSync(resolve(root, dirname(page), t)));
    expect(broken).toEqual([]);
  });

  it('README.md and docs/README.md link every audience page', () => {
    for (const index of ['README.md', 'docs/README.md']) {
      const text = read(index);
      for (const page of ['getting-started-npm.md', 'getting-started-shopify.md', 'getting-started-collector.md', 'config-reference.md', 'how-it-works.md', 'guarantees.md']) {
        expect(text, `${index} → ${page}`).toContain(`${page})`);
      }
    }
  });

  it.each(mine)('%s points at nothing a reader of the repository lacks', (page) => {
    const text = read(page);
    expect(text).not.toMatch(/DESIGN\.md|FIELD-NOTES|repository's issues|other engineers/);
  });
});
