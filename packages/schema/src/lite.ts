/**
 * @packageDocumentation
 * The zod-free part of `@lifeboat/schema`: bounds, event kinds and outcomes, defaults, the problem
 * format and every type.
 * What runs in a shopper's browser imports this entry; the full schemas (`@lifeboat/schema`)
 * are for where a config is written or a beacon is received.
 *
 * @example
 * ```ts
 * import { GUARD_DEFAULTS, NAME_PATTERN } from '@lifeboat/schema/lite';
 * NAME_PATTERN.test('smartcart'); // true
 * GUARD_DEFAULTS.timeout; // 3000
 * ```
 */
export * from './limits.js';
export * from './kinds.js';
export * from './defaults.js';
export { formatProblems, type Parsed, type Problem } from './issues.js';
export type * from './config.js';
export type * from './beacon.js';
export type * from './status.js';
export type * from './shopify.js';
