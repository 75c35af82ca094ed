/**
 * The full validation of a `createLifeboat` config, with zod (`@lifeboat/sdk/validate`): every
 * problem with its field and a sentence on the fix. Where a config is written — a storefront
 * developer's tests, a build, `npx lifeboat validate` — not in every shopper's browser.
 */
import { parseConfig, type LifeboatConfig, type Parsed } from '@lifeboat/schema';
import type { ResolvedConfig } from '../types.js';
import { readWith } from './resolve.js';

/**
 * Validates a `createLifeboat` config with the schema; problems name the field
 * (`config.guards.cart.timeout`).
 *
 * @example
 * ```ts
 * import { validateConfig } from '@lifeboat/sdk/validate';
 * const r = validateConfig({ guards: { cart: { timeout: 'soon' } } });
 * if (!r.ok) console.error(r.problems); // [{ path: 'config.guards.cart.timeout', message: 'expected a whole number (got "soon")' }]
 * ```
 */
export function validateConfig(input: unknown): Parsed<LifeboatConfig> {
  return input === undefined ? { ok: true, value: {} } : parseConfig(input);
}

/**
 * Reads a config with the full validation, for `createLifeboat(config, { config: readConfig(config) })`:
 * its problems are reported with zod's explanations instead of the cheap check's.
 */
export const readConfig: (input: unknown) => ResolvedConfig = readWith(validateConfig);
