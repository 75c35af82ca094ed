/**
 * @packageDocumentation
 * The zod-free part of `@lifeboat/schema`: bounds, event kinds and outcomes, defaults, the problem
 * format, every type, and the cheap run-time checks of a config (`checkConfig`,
 * `checkShopifyConfig`): empty when the config is valid, so a page loads zod only to explain one
 * that is not.
 * What runs in a shopper's browser imports this entry; the full schemas (`@lifeboat/schema`)
 * are for where a config is written or a beacon is received.
 *
 * @example
 * ```ts
 * import { GUARD_DEFAULTS, NAME_PATTERN, checkConfig } from '@lifeboat/schema/lite';
 * NAME_PATTERN.test('smartcart'); // true
 * GUARD_DEFAULTS.timeout; // 3000
 * checkConfig({ guards: { cart: { timeout: 0 } } });
 * // [{ path: 'config.guards.cart.timeout', message: 'expected a whole number from 1 to 120000' }]
 * ```
 */
export * from './limits.js';
export * from './eventKinds.js';
export * from './defaults.js';
export * from './check/bounds.js';
export { checkConfig, checkShopifyConfig } from './check/index.js';
export { formatProblems, type Parsed, type Problem } from './issues.js';
export type * from './config.js';
export type * from './beacon.js';
export type * from './status.js';
export type * from './shopify.js';
