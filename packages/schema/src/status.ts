import * as z from 'zod/mini';
import { MAX_EPOCH_MS, NAME_PATTERN, STATUS_MODES } from './limits.js';

/** What the fleet says about one guard. */
export const GuardStatusSchema = z.strictObject({
  /** `auto`: the browser decides; `open`: fail fast to the fallback; `closed`: run normally. */
  mode: z.enum(STATUS_MODES),
  reason: z.optional(z.string().check(z.maxLength(200))),
  /** The open incident this mode comes from, if any. */
  incident: z.optional(z.nullable(z.string().check(z.maxLength(64)))),
  /**
   * The share of page loads (0..1, by each page's random draw) allowed to call the backend: under
   * `auto` during a recovery ramp, under `open` to keep probing an incident. The rest are served
   * the fallback (reason `status`), whatever their own breaker says.
   */
  probe: z.optional(z.number().check(z.gte(0), z.lte(1))),
  /** Text for the shopper's degraded-mode notice. */
  banner: z.optional(z.string().check(z.maxLength(200))),
});

/** `GET {collector}/v1/status/{publicKey}.json` — the kill switch. */
export const StatusDocumentSchema = z.strictObject({
  v: z.literal(1),
  /** Server time the document was produced, epoch ms. */
  generatedAt: z.int().check(z.gte(0), z.lte(MAX_EPOCH_MS)),
  /** Guards not named here are `auto`. */
  guards: z.record(z.string().check(z.regex(NAME_PATTERN)), GuardStatusSchema),
});

export type GuardStatus = z.infer<typeof GuardStatusSchema>;
export type StatusDocument = z.infer<typeof StatusDocumentSchema>;
