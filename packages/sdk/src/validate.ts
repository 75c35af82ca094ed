/**
 * @packageDocumentation
 * `@lifeboat/sdk/validate`: the full validation of a config with zod, every problem with its
 * field and fix. `createLifeboat` only runs a cheap check (zod is ~11 kB gzip a shopper would
 * pay for): validate where the config is written, or opt in at run time.
 *
 * @example
 * ```ts
 * import { createLifeboat } from '@lifeboat/sdk';
 * import { readConfig, validateConfig } from '@lifeboat/sdk/validate';
 * const r = validateConfig(config); // in a test: expect(r.ok).toBe(true)
 * const lifeboat = createLifeboat(config, { config: readConfig(config) }); // zod's explanations on the console
 * ```
 */
export { validateConfig, readConfig } from './config/validateConfig.js';
