/**
 * @packageDocumentation
 * Zod schemas and inferred types for Lifeboat's public contracts: the SDK config, the beacon
 * batch (v1) and the status document (v1). The collector validates with them; vendors can too.
 *
 * @example
 * ```ts
 * import { parseBeaconBatch } from '@lifeboat/schema';
 * const r = parseBeaconBatch(JSON.parse(body));
 * if (!r.ok) console.error(r.problems);
 * ```
 */
import { BeaconBatchSchema, type BeaconBatch } from './beacon.js';
import { LifeboatConfigSchema, type LifeboatConfig } from './config.js';
import { safeParseWith, type Parsed } from './issues.js';
import { StatusDocumentSchema, type StatusDocument } from './status.js';

export * from './limits.js';
export * from './eventKinds.js';
export * from './config.js';
export * from './beacon.js';
export * from './status.js';
export { formatProblems, safeParseWith, toProblems, type Parsed, type Problem } from './issues.js';

/** Validates an SDK config; problems are addressed as `config.guards.cart.timeout`. */
export const parseConfig = (input: unknown): Parsed<LifeboatConfig> => safeParseWith(LifeboatConfigSchema, input, 'config');

/** Validates a beacon batch as the collector receives it. */
export const parseBeaconBatch = (input: unknown): Parsed<BeaconBatch> => safeParseWith(BeaconBatchSchema, input);

/** Validates a status document as the SDK receives it. */
export const parseStatusDocument = (input: unknown): Parsed<StatusDocument> => safeParseWith(StatusDocumentSchema, input);
export * from './shopify.js';
