/**
 * The validation chunk (`lifeboat.shopify.validate.js`): the full zod check of the script tag's
 * JSON with a line per problem (field and fix). Loaded only when the loader's lite check found a
 * problem, or with `debug: true` — zod is ~14 kB and sets a global the page should not carry.
 */
import { parseShopifyConfig, formatProblems } from '@lifeboat/schema';

/** Prints every problem; true when the config is valid. */
export function validate(raw: unknown): boolean {
  const g = globalThis as { __zod_globalConfig?: unknown };
  const had = '__zod_globalConfig' in g;
  try {
    const r = parseShopifyConfig(raw);
    if (!r.ok) console.error(`[lifeboat] invalid config, the store stays in native mode:\n${formatProblems(r.problems)}`);
    return r.ok;
  } finally {
    // zod keeps its config object in a global; Lifeboat adds no global but window.Lifeboat.
    if (!had) delete g.__zod_globalConfig;
  }
}
