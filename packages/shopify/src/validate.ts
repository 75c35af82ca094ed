/**
 * The validation chunk (`lifeboat.shopify.validate.js`): the full zod check of the script tag's
 * JSON with a line per problem (field and fix). The loader fetches it only when its cheap check
 * (`checkShopifyConfig`, same verdict) refused the config — zod is ~11 kB gzip and sets a global
 * the page should not carry.
 */
// First: it must run before zod's module creates its global.
import { hadZodGlobal } from './zodGlobal.js';
import { parseShopifyConfig, formatProblems } from '@lifeboat/schema';

/** Prints every problem; true when the config is valid. */
export function validate(raw: unknown): boolean {
  const g = globalThis as { __zod_globalConfig?: unknown };
  try {
    const r = parseShopifyConfig(raw);
    if (!r.ok) console.error(`[lifeboat] invalid config, the store stays in native mode:\n${formatProblems(r.problems)}`);
    return r.ok;
  } finally {
    // zod keeps its config object in a global; Lifeboat adds no global but window.Lifeboat.
    if (!hadZodGlobal) delete g.__zod_globalConfig;
  }
}
