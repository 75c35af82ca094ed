/**
 * The loader build's stand-in for the SDK's `config/validate.ts` (rollup alias): the loader hands
 * `createLifeboat` only a config that passed the full zod validation (the validate chunk, now or
 * on an earlier page: `verdict.ts`) or the empty config of native mode, so there is nothing left
 * to check — and zod stays out of the per-page script.
 */
import type { LifeboatConfig, Parsed } from '@lifeboat/schema';

export function validateConfig(input: unknown): Parsed<LifeboatConfig> {
  return { ok: true, value: (input ?? {}) as LifeboatConfig };
}
