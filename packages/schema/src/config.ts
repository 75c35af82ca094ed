import * as z from 'zod/mini';
export { GUARD_DEFAULTS, BEACON_DEFAULTS, STATUS_DEFAULTS, BANNER_DEFAULTS, type ResolvedGuardOptions } from './defaults.js';
import { KEY_PATTERN, MIN_SAMPLE_RATE, NAME_PATTERN, PAGE_TYPES, SHOP_PATTERN } from './limits.js';
import { BEACON_RANGES as B, COLLECTOR_PATTERN, GUARD_RANGES as G, LANGUAGE_PATTERN, STATUS_RANGES as S, TEXT_MAX, URL_MAX, type Range } from './check/bounds.js';

/** A number in `range` (check/bounds.ts, shared with the zod-free check): whole unless it allows a fraction. */
const num = ([min, max, fraction]: Range) => (fraction ? z.number() : z.int()).check(z.gte(min), z.lte(max));
const text = () => z.string().check(z.minLength(1), z.maxLength(TEXT_MAX));

/**
 * Per-guard options. Every field is optional; {@link GUARD_DEFAULTS} fills the gaps.
 */
export const GuardOptionsSchema = z.strictObject({
  /** Time budget of one call, in ms. The work's AbortSignal fires when it runs out. */
  timeout: z.optional(num(G.timeout)),
  /** Open the breaker when this share (%) of calls in the rolling window failed or timed out. */
  errorThresholdPercentage: z.optional(num(G.errorThresholdPercentage)),
  /**
   * Calls the rolling window must hold before the breaker may open. The default is 1: a storefront
   * makes one or two calls per page, so a server-style 5 would cost a shopper five time budgets.
   */
  volumeThreshold: z.optional(num(G.volumeThreshold)),
  /** Length of the rolling window, in ms. */
  rollingCountTimeout: z.optional(num(G.rollingCountTimeout)),
  /** Buckets the rolling window is split into; must divide rollingCountTimeout evenly. */
  rollingCountBuckets: z.optional(num(G.rollingCountBuckets)),
  /** How long the breaker stays open before one probe is let through, in ms. */
  resetTimeout: z.optional(num(G.resetTimeout)),
  /** Spread of the open period: resetTimeout × (1 ± resetJitter), so browsers do not probe together. */
  resetJitter: z.optional(num(G.resetJitter)),
  /** Each failed probe multiplies the next open period by this (1 = no backoff). */
  resetBackoff: z.optional(num(G.resetBackoff)),
  /** Cap of the backed-off open period, in ms. */
  maxResetTimeout: z.optional(num(G.maxResetTimeout)),
  /** Bulkhead: at most this many calls in flight; more are rejected to the fallback. */
  capacity: z.optional(num(G.capacity)),
  /** Retries after a failed attempt (not after a timeout of the whole budget). */
  retries: z.optional(num(G.retries)),
  /** Base delay of the decorrelated-jitter backoff between retries, in ms. */
  retryDelay: z.optional(num(G.retryDelay)),
  /** Longest delay between two retries, in ms. */
  retryMaxDelay: z.optional(num(G.retryMaxDelay)),
  /** Retries may be at most this share of calls (0.1 = one retry per ten calls). */
  retryBudget: z.optional(num(G.retryBudget)),
  /** Keep this breaker's state across page loads and share it with other tabs. */
  persist: z.optional(z.boolean()),
});
export type GuardOptions = z.infer<typeof GuardOptionsSchema>;


export const BeaconOptionsSchema = z.strictObject({
  /** Turn beacons off while keeping a collector for the status document. */
  enabled: z.optional(z.boolean()),
  /**
   * Share of healthy call summaries sent: 0 (none), or 0.001 to 1. Transitions,
   * fallbacks, errors and timeouts are always sent.
   */
  sampleRate: z.optional(
    num(B.sampleRate).check(z.refine((v) => v === 0 || v >= MIN_SAMPLE_RATE, { message: `must be 0 or at least ${MIN_SAMPLE_RATE} (the collector refuses smaller sampling rates)` })),
  ),
  /** While the page is visible, flush at this interval (ms). */
  flushInterval: z.optional(num(B.flushInterval)),
  /** Batches kept in IndexedDB while the collector cannot be reached. */
  maxQueue: z.optional(num(B.maxQueue)),
});
export type BeaconOptions = z.infer<typeof BeaconOptionsSchema>;


export const StatusOptionsSchema = z.strictObject({
  /** Read the fleet status document (kill switch) from the collector. */
  enabled: z.optional(z.boolean()),
  /** How long a fetched status document is trusted before it is refreshed in the background (ms). */
  maxAge: z.optional(num(S.maxAge)),
  /** Time budget of the status fetch (ms). */
  timeout: z.optional(num(S.timeout)),
});
export type StatusOptions = z.infer<typeof StatusOptionsSchema>;


export const BannerOptionsSchema = z.strictObject({
  /** Show shoppers a short notice while a guard serves its fallback. */
  enabled: z.optional(z.boolean()),
  /** One notice for every language; the status document's banner text wins when it has one. Left at the default, the notice is shown in the page's language (built-in texts in en, fr, de, es, it, pt-BR, pt-PT, nl, ja). */
  text: z.optional(text()),
  /** The notice per language tag (`{"fr": "…", "pt-BR": "…"}`), chosen by the page's `<html lang>` or Shopify's locale; preferred to the built-in text of that language. */
  texts: z.optional(z.record(z.string().check(z.regex(LANGUAGE_PATTERN)), text())),
});
export type BannerOptions = z.infer<typeof BannerOptionsSchema>;


/** Config of `createLifeboat()` (npm) and of the script tag's JSON. */
export const LifeboatConfigSchema = z.strictObject({
  /** The vendor's app these beacons belong to. */
  app: z.optional(z.string().check(z.regex(NAME_PATTERN))),
  /** The shop's domain (`my-shop.myshopify.com`); defaults to the page's host. */
  shop: z.optional(z.string().check(z.regex(SHOP_PATTERN))),
  /** The app's public write key (safe to ship in a page: it can only write). */
  publicKey: z.optional(z.string().check(z.regex(KEY_PATTERN))),
  /** Collector base URL, e.g. `https://collector.example.com`. Omit to run without one. */
  collector: z.optional(z.string().check(z.regex(COLLECTOR_PATTERN), z.maxLength(URL_MAX))),
  /** Options every guard starts from. */
  defaults: z.optional(GuardOptionsSchema),
  /** Named guards and their options; a guard used by `run` without an entry gets `defaults`. */
  guards: z.optional(z.record(z.string().check(z.regex(NAME_PATTERN)), GuardOptionsSchema)),
  beacons: z.optional(BeaconOptionsSchema),
  status: z.optional(StatusOptionsSchema),
  banner: z.optional(BannerOptionsSchema),
  /** Page type for beacons; detected from the URL path when omitted. */
  page: z.optional(z.enum(PAGE_TYPES)),
  /** IndexedDB database name for persisted state (one per shop origin by default). */
  storageName: z.optional(z.string().check(z.regex(NAME_PATTERN))),
  /** Log decisions to the console. */
  debug: z.optional(z.boolean()),
});
export type LifeboatConfig = z.infer<typeof LifeboatConfigSchema>;
