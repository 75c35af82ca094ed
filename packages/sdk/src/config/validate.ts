/**
 * Config validation for the npm and page builds. The Shopify loader build replaces this module
 * (rollup alias) with a zod-free check to stay within its 10 kB budget, so it must keep exactly
 * this one export — and what only it needs (repairing a bad config) lives behind it.
 */
import { parseConfig, type LifeboatConfig, type Parsed } from '@lifeboat/schema';
import { repair } from './repair.js';

/**
 * Validates a `createLifeboat` config with the schema; problems name the field
 * (`config.guards.cart.timeout`). On failure, `value` (when present) is the config without its bad
 * parts, which `createLifeboat` uses instead of all defaults.
 */
export function validateConfig(input: unknown): Parsed<LifeboatConfig> {
  if (input === undefined) return { ok: true, value: {} };
  const r = parseConfig(input);
  return r.ok ? r : ({ ...r, value: repair(input, r.problems, parseConfig) } as Parsed<LifeboatConfig>);
}
