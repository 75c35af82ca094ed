/**
 * Config validation for the npm and page builds. The Shopify loader build replaces this module
 * (rollup alias) with a zod-free check to stay within its 10 kB budget, so it must keep exactly
 * this one export.
 */
import { parseConfig, type LifeboatConfig, type Parsed } from '@lifeboat/schema';

/** Validates a `createLifeboat` config with the schema; problems name the field (`config.guards.cart.timeout`). */
export function validateConfig(input: unknown): Parsed<LifeboatConfig> {
  return input === undefined ? { ok: true, value: {} } : parseConfig(input);
}
