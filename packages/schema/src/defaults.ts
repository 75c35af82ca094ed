/**
 * The values an option takes when the config leaves it out. Zod-free: the SDK core and the
 * storefront loader read them without pulling in a schema (`@lifeboat/schema/lite`).
 */
import { BANNER_TEXT } from './limits.js';
import type { GuardOptions } from './config.js';

/** The values a guard option takes when neither the guard nor `defaults` sets it. */
export const GUARD_DEFAULTS = {
  timeout: 3000,
  errorThresholdPercentage: 50,
  volumeThreshold: 1,
  rollingCountTimeout: 10_000,
  rollingCountBuckets: 10,
  resetTimeout: 30_000,
  resetJitter: 0.2,
  resetBackoff: 2,
  maxResetTimeout: 600_000,
  capacity: undefined as number | undefined,
  retries: 0,
  retryDelay: 100,
  retryMaxDelay: 2000,
  retryBudget: 0.1,
  persist: true,
} satisfies Required<Omit<GuardOptions, 'capacity'>> & { capacity: number | undefined };

export type ResolvedGuardOptions = typeof GUARD_DEFAULTS;

export const BEACON_DEFAULTS = { enabled: true, sampleRate: 0.1, flushInterval: 30_000, maxQueue: 50 };

export const STATUS_DEFAULTS = { enabled: true, maxAge: 15_000, timeout: 2000 };

export const BANNER_DEFAULTS = {
  enabled: true,
  text: BANNER_TEXT,
};
