/**
 * The bounds of the config's fields, in one place: the zod schemas (config.ts, shopify.ts) build
 * their checks from these numbers and patterns, and so does the zod-free run-time check
 * (./index.ts), so the two cannot drift apart. The JSON Schema in docs/ is generated from the
 * zod schemas, hence from these numbers too.
 */

/**
 * An inclusive range `[min, max]` of a whole number; a third element `1` lets the number have a
 * fraction (a share, a factor).
 */
export type Range = readonly [min: number, max: number, fraction?: 1];

/** Guard options (ms unless named otherwise). */
export const GUARD_RANGES = {
  timeout: [1, 120_000],
  errorThresholdPercentage: [1, 100, 1],
  volumeThreshold: [0, 10_000],
  rollingCountTimeout: [100, 3_600_000],
  rollingCountBuckets: [1, 100],
  resetTimeout: [100, 86_400_000],
  resetJitter: [0, 1, 1],
  resetBackoff: [1, 10, 1],
  maxResetTimeout: [100, 86_400_000],
  capacity: [1, 100_000],
  retries: [0, 10],
  retryDelay: [0, 60_000],
  retryMaxDelay: [0, 300_000],
  retryBudget: [0, 1, 1],
} as const satisfies Record<string, Range>;

/** Beacon options; `sampleRate` must also be 0 or at least MIN_SAMPLE_RATE (limits.ts). */
export const BEACON_RANGES = {
  sampleRate: [0, 1, 1],
  flushInterval: [1000, 3_600_000],
  maxQueue: [0, 1000],
} as const satisfies Record<string, Range>;

export const STATUS_RANGES = {
  maxAge: [1000, 86_400_000],
  timeout: [100, 30_000],
} as const satisfies Record<string, Range>;

/** A widget's readiness budget (ms). */
export const WIDGET_BUDGET: Range = [100, 60_000];

export const RECOMMENDATIONS_RANGES = {
  vendorBudget: [50, 30_000],
  cacheBudget: [5, 5000],
  shopifyBudget: [50, 30_000],
  limit: [1, 10],
  maxAge: [0, 30 * 86_400_000],
} as const satisfies Record<string, Range>;

/** Longest banner text, collector or script URL, and CSS selector (characters). */
export const TEXT_MAX = 200;
export const URL_MAX = 2048;
export const SELECTOR_MAX = 500;
/** Most selectors in one list, and most widgets. */
export const SELECTORS_MAX = 50;
export const WIDGETS_MAX = 20;

/** The collector's base URL: http(s), no query or fragment. */
export const COLLECTOR_PATTERN = /^https?:\/\/[^\s?#]+$/;
/** Absolute http(s) URL or a path on the shop (`/apps/…`); never `javascript:` or `data:`. */
export const SCRIPT_URL_PATTERN = /^(https?:\/\/|\/)[^\s]*$/;
/** A language tag of `banner.texts` (`fr`, `pt-BR`). */
export const LANGUAGE_PATTERN = /^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/;
/** A widget's ready event (`smartcart:ready`). */
export const EVENT_PATTERN = /^[A-Za-z0-9:._-]{1,100}$/;
/** Dotted path of a widget's stand-down method on `window` (`SmartCart.destroy`). */
export const STAND_DOWN_PATTERN = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*){0,5}$/;
/** What a widget stands in with when it fails. */
export const WIDGET_FALLBACKS = ['native-cart', 'hide'] as const;
