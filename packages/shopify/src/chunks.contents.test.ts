// What each built storefront file holds, read from the bundles (`npx rollup -c`; `npm test` builds
// first): the build must say what runs. Sizes against the budgets are the benchmark's job
// (`npm run bench:page`, bench-results/page.json), not a test's.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const dist = resolve(process.cwd(), 'packages/shopify/dist');
const file = (name: string) => readFileSync(resolve(dist, `lifeboat.shopify${name}.js`), 'utf8');
const built = existsSync(resolve(dist, 'lifeboat.shopify.js'));
if (!built) console.warn(`chunk contents test skipped: ${dist} is not built (run \`npx rollup -c\`)`);

// A string only each part's own code contains.
const MARK = {
  opossum: 'Breaker is open', // opossum's own error text
  zod: '__zod_globalConfig', // zod's global config object
  check: 'unknown field', // the cheap config check's message
  recs: 'recommendations/products.json', // the chain's Shopify source
  takeover: 'aria-live', // the degraded path's notice (a live region)
  retry: 'retryBudget', // the retry loop's budget
};
const has = (code: string, part: keyof typeof MARK) => code.includes(MARK[part]);

describe.skipIf(!built)('built storefront files', () => {
  it('the loader: the config check and the guard core; no opossum, zod, recommendations chain or degraded path', () => {
    const code = file('');
    expect(has(code, 'check')).toBe(true);
    for (const part of ['opossum', 'zod', 'recs', 'takeover'] as const) expect(has(code, part), part).toBe(false);
  });
  it('opossum only in the breaker chunk, zod only in the validate chunk', () => {
    for (const name of ['', '.degraded', '.recs', '.validate']) expect(has(file(name), 'opossum'), name).toBe(false);
    expect(has(file('.breaker'), 'opossum')).toBe(true);
    for (const name of ['', '.degraded', '.recs', '.breaker']) expect(has(file(name), 'zod'), name).toBe(false);
    expect(has(file('.validate'), 'zod')).toBe(true);
  });
  it('the recommendations chain without the degraded path, and the degraded path without the chain', () => {
    expect(has(file('.recs'), 'recs')).toBe(true);
    expect(has(file('.recs'), 'takeover')).toBe(false);
    expect(has(file('.degraded'), 'takeover')).toBe(true);
    expect(has(file('.degraded'), 'recs')).toBe(false);
  });
});
