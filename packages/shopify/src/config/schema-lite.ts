/**
 * What the SDK core needs from `@lifeboat/schema` at run time, without zod. The loader build
 * aliases `@lifeboat/schema` to this module: importing the real package pulls in every zod
 * schema (their construction is a top-level call rollup cannot drop), ~14 kB gzip.
 * schema-lite.test.ts keeps these values equal to the schema package's.
 */
export * from '../../../schema/src/limits.js';
import type { Problem } from '../../../schema/src/issues.js';
import type { LifeboatConfig, ResolvedGuardOptions } from '../../../schema/src/config.js';
export type { Parsed, Problem } from '../../../schema/src/issues.js';
export type * from '../../../schema/src/config.js';
export type * from '../../../schema/src/beacon.js';
export type * from '../../../schema/src/status.js';
export type { LifeboatConfig, ResolvedGuardOptions };

export const GUARD_DEFAULTS: ResolvedGuardOptions = {
  timeout: 3000,
  errorThresholdPercentage: 50,
  volumeThreshold: 1,
  rollingCountTimeout: 10_000,
  rollingCountBuckets: 10,
  resetTimeout: 30_000,
  resetJitter: 0.2,
  resetBackoff: 2,
  maxResetTimeout: 600_000,
  capacity: undefined,
  retries: 0,
  retryDelay: 100,
  retryMaxDelay: 2000,
  retryBudget: 0.1,
  persist: true,
};

export const BEACON_DEFAULTS = { enabled: true, sampleRate: 0.1, flushInterval: 30_000, maxQueue: 50 };

export const STATUS_DEFAULTS = { enabled: true, maxAge: 15_000, timeout: 2000 };

/**
 * No default text: only the banner reads it, in the degraded chunk, which falls back to
 * BANNER_TEXT itself (widget/banner.ts). The loader's `config.banner.text` is the config's own.
 */
export const BANNER_DEFAULTS: { enabled: boolean; text: string } = { enabled: true, text: '' };

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}
