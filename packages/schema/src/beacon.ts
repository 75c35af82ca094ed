import * as z from 'zod/mini';
import { EVENT_KINDS, OUTCOMES, type EventKind, type Outcome } from './eventKinds.js';
import {
  BANNER_ACTIONS,
  BREAKER_STATES,
  FALLBACK_REASONS,
  KEY_PATTERN,
  LATENCY_SLOTS,
  MAX_EPOCH_MS,
  MAX_EVENT_AGE_MS,
  MAX_EVENTS_PER_BATCH,
  MIN_SAMPLE_RATE,
  NAME_PATTERN,
  PAGE_TYPES,
  SHOP_PATTERN,
  TRANSITION_REASONS,
} from './limits.js';

/** Text that holds no URL: a URL may carry a customer's query string or path. */
const NO_URL_PATTERN = /^(?![\s\S]*:\/\/)[\s\S]*$/;

const name = () => z.string().check(z.regex(NAME_PATTERN));
const count = () => z.int().check(z.gte(0), z.lte(1_000_000));
/** ms before the batch was sent; the collector computes event time = receive time − age. */
const age = () => z.int().check(z.gte(0), z.lte(MAX_EVENT_AGE_MS));
/** One count field per outcome, in OUTCOMES order (the JSON Schema lists them in that order). */
const outcomeCounts = () => Object.fromEntries(OUTCOMES.map((o) => [o, count()])) as Record<Outcome, ReturnType<typeof count>>;

/** One guard's calls on this page since the last flush. */
export const CallsEventSchema = z.strictObject({
  type: z.literal('calls'),
  age: age(),
  guard: name(),
  ...outcomeCounts(),
  /** Counts per latency bucket (see LATENCY_BUCKETS), the last one for anything slower. */
  latency: z.array(count()).check(z.length(LATENCY_SLOTS)),
  /**
   * Present when this summary was sampled: it was kept with this probability because every call
   * in it succeeded. Weight its counts by `1 / rate` to estimate the fleet's totals without bias.
   */
  rate: z.optional(z.number().check(z.gte(MIN_SAMPLE_RATE), z.lte(1))),
});

export const TransitionEventSchema = z.strictObject({
  type: z.literal('transition'),
  age: age(),
  guard: name(),
  from: z.enum(BREAKER_STATES),
  to: z.enum(BREAKER_STATES),
  reason: z.enum(TRANSITION_REASONS),
});

export const FallbackEventSchema = z.strictObject({
  type: z.literal('fallback'),
  age: age(),
  guard: name(),
  reason: z.enum(FALLBACK_REASONS),
  /** Which fallback served, e.g. `native-cart`, `cache`, `shopify-api`, `empty`. */
  served: z.optional(z.string().check(z.regex(NAME_PATTERN))),
});

export const BannerEventSchema = z.strictObject({
  type: z.literal('banner'),
  age: age(),
  action: z.enum(BANNER_ACTIONS),
  guard: z.optional(name()),
});

export const ReadyEventSchema = z.strictObject({
  type: z.literal('ready'),
  age: age(),
  widget: name(),
  /** ms from the widget's script being requested to it being ready (or given up on). */
  ms: z.int().check(z.gte(0), z.lte(600_000)),
  ok: z.boolean(),
});

export const SdkErrorEventSchema = z.strictObject({
  type: z.literal('sdk-error'),
  age: age(),
  /** A stable code such as `storage-unavailable`, `config-invalid`, `fallback-threw`. */
  code: z.string().check(z.regex(/^[a-z0-9-]{1,64}$/)),
  /** Short text without personal data: no URLs (anything with `://` is refused). */
  message: z.optional(z.string().check(z.maxLength(300), z.regex(NO_URL_PATTERN))),
  guard: z.optional(name()),
});

/**
 * Each kind's schema, by kind: the type checker refuses a kind of EVENT_KINDS without its schema
 * here, and a schema whose `type` is not its key.
 */
const EVENT_SCHEMAS = {
  calls: CallsEventSchema,
  transition: TransitionEventSchema,
  fallback: FallbackEventSchema,
  banner: BannerEventSchema,
  ready: ReadyEventSchema,
  'sdk-error': SdkErrorEventSchema,
} satisfies { [K in EventKind]: z.ZodMiniType<{ type: K }> };

type EventSchema = (typeof EVENT_SCHEMAS)[EventKind];

/** Every kind, in EVENT_KINDS order (the order of the JSON Schema's `oneOf`). */
export const BeaconEventSchema = z.discriminatedUnion(
  'type',
  EVENT_KINDS.map((k) => EVENT_SCHEMAS[k]) as unknown as readonly [EventSchema, ...EventSchema[]],
);

/** `POST {collector}/v1/beacons?key={publicKey}`, JSON sent as text/plain. */
export const BeaconBatchSchema = z.strictObject({
  v: z.literal(1),
  /** Unique per batch; a resend carries the same id so the collector counts it once. */
  id: z.string().check(z.regex(KEY_PATTERN)),
  /** The browser's clock when the batch was (re)sent, epoch ms. */
  sentAt: z.int().check(z.gte(0), z.lte(MAX_EPOCH_MS)),
  /**
   * The `generatedAt` of the status document the page obeyed when the batch was made; absent when
   * it had none. A kill switch's roll-out is the share of batches that carry the new document's time or later.
   */
  statusAt: z.optional(z.int().check(z.gte(0), z.lte(MAX_EPOCH_MS))),
  app: name(),
  /** The shop's domain. */
  shop: z.string().check(z.regex(SHOP_PATTERN)),
  page: z.enum(PAGE_TYPES),
  /** SDK version that sent the batch. */
  sdk: z.string().check(z.regex(/^[0-9A-Za-z.+-]{1,32}$/)),
  events: z.array(BeaconEventSchema).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_BATCH)),
});

export type CallsEvent = z.infer<typeof CallsEventSchema>;
export type TransitionEvent = z.infer<typeof TransitionEventSchema>;
export type FallbackEvent = z.infer<typeof FallbackEventSchema>;
export type BannerEvent = z.infer<typeof BannerEventSchema>;
export type ReadyEvent = z.infer<typeof ReadyEventSchema>;
export type SdkErrorEvent = z.infer<typeof SdkErrorEventSchema>;
export type BeaconEvent = z.infer<typeof BeaconEventSchema>;
export type BeaconBatch = z.infer<typeof BeaconBatchSchema>;
