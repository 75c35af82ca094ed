/**
 * Shared bounds. The collector enforces them on every beacon, the SDK on its own config, and
 * the JSON Schema in docs/ is generated from the same numbers.
 */

/** Upper bounds (ms, inclusive) of the latency histogram; one more bucket counts the rest. */
export const LATENCY_BUCKETS = [25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

/** Histogram length: one count per bucket plus the overflow bucket. */
export const LATENCY_SLOTS = LATENCY_BUCKETS.length + 1;

/** Largest number of events one beacon batch may carry. */
export const MAX_EVENTS_PER_BATCH = 200;

/** Largest encoded batch the SDK sends and the collector accepts (bytes, before gzip). */
export const MAX_BATCH_BYTES = 60_000;

/** An event older than this (ms before send) is not worth reporting. */
export const MAX_EVENT_AGE_MS = 7 * 24 * 3600 * 1000;

/** Guard, widget and app names: short, URL- and metric-label-safe. */
export const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/** A shop's domain as beacons carry it (a host name: no scheme, port, path or query). */
export const SHOP_PATTERN = /^[A-Za-z0-9.-]{1,255}$/;

/** Latest plausible epoch ms (2100-01-01): a clock past this is broken, not early. */
export const MAX_EPOCH_MS = 4_102_444_800_000;

/**
 * Smallest sampling `rate` a beacon may carry. Counts are weighted by 1 / rate, so without a
 * floor one request could add 1e300 calls (or Infinity); 0.001 bounds the weight at 1000.
 */
export const MIN_SAMPLE_RATE = 0.001;

/** Public write keys and batch ids. */
export const KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

/** Page types a beacon may name: never the URL itself. */
export const PAGE_TYPES = ['product', 'collection', 'cart', 'home', 'other'] as const;
export type PageType = (typeof PAGE_TYPES)[number];

/** Why a call was served by its fallback. `status` means the fleet status document said `open`. */
export const FALLBACK_REASONS = ['timeout', 'error', 'open', 'rejected', 'status'] as const;
export type FallbackReason = (typeof FALLBACK_REASONS)[number];

/** What the shopper did with the degraded-mode notice. */
export const BANNER_ACTIONS = ['shown', 'dismissed'] as const;
export type BannerAction = (typeof BANNER_ACTIONS)[number];

export const BREAKER_STATES = ['closed', 'open', 'half-open'] as const;
export type BreakerState = (typeof BREAKER_STATES)[number];

/** Why a breaker changed state. */
export const TRANSITION_REASONS = [
  'failures', // error/timeout share crossed the threshold
  'probe-failed', // half-open probe failed; open again, for longer
  'probe-succeeded', // half-open probe succeeded; closed
  'reset-timeout', // open period elapsed; half-open
  'restored', // state loaded from storage on page load
  'tab', // another tab of the same shop reported the transition
  'status', // the fleet status document forced it
  'manual', // lifeboat.open()/close() by the page
] as const;
export type TransitionReason = (typeof TRANSITION_REASONS)[number];

export const STATUS_MODES = ['auto', 'open', 'closed'] as const;
export type StatusMode = (typeof STATUS_MODES)[number];

/** The degraded-mode notice when neither the config nor the status document gives one. */
export const BANNER_TEXT = 'Some store features are running in basic mode. You can keep shopping and check out as usual.';
