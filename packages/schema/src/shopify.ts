import * as z from 'zod/mini';
import { LifeboatConfigSchema } from './config.js';
import { NAME_PATTERN } from './limits.js';
import { safeParseWith, type Parsed } from './issues.js';
import {
  EVENT_PATTERN,
  RECOMMENDATIONS_RANGES as R,
  SCRIPT_URL_PATTERN,
  SELECTOR_MAX,
  SELECTORS_MAX,
  STAND_DOWN_PATTERN,
  URL_MAX,
  WIDGET_BUDGET,
  WIDGET_FALLBACKS,
  WIDGETS_MAX,
  type Range,
} from './check/bounds.js';

const name = () => z.string().check(z.regex(NAME_PATTERN));
/** Whole numbers only here; the ranges live in check/bounds.ts, shared with the zod-free check. */
const ms = ([min, max]: Range) => z.int().check(z.gte(min), z.lte(max));
const selector = () => z.string().check(z.minLength(1), z.maxLength(SELECTOR_MAX));
const selectors = () => z.array(selector()).check(z.maxLength(SELECTORS_MAX));
/** Absolute http(s) URL or a path on the shop (`/apps/…`); never `javascript:` or `data:`. */
const scriptUrl = () => z.string().check(z.regex(SCRIPT_URL_PATTERN), z.maxLength(URL_MAX));

/** How Lifeboat learns that a widget is up. At least one of `event` / `selector` (script tag). */
export const WidgetReadySchema = z.strictObject({
  /** DOM event dispatched on `document` (or `window`) when the widget is ready, e.g. `smartcart:ready`. */
  event: z.optional(z.string().check(z.regex(EVENT_PATTERN))),
  /** A selector that matches once the widget has rendered. */
  selector: z.optional(selector()),
});

/** Which shopper actions are held while the widget is not (yet) healthy. */
export const WidgetCaptureSchema = z.strictObject({
  /** Product forms whose submit is an add-to-cart. */
  addToCart: z.optional(selectors()),
  /** Elements whose click opens the cart (cart icon). */
  cartIcon: z.optional(selectors()),
});

/** A third-party widget whose script Lifeboat loads, watches and replaces when it fails. */
export const WidgetSchema = z.strictObject({
  /** Widget name for beacons, e.g. `smartcart`. */
  name: name(),
  /** Guard whose breaker decides whether the widget is loaded at all; defaults to the name. */
  guard: z.optional(name()),
  /** The widget's script; Lifeboat injects it itself (do not also add it to the theme). */
  script: scriptUrl(),
  /** How readiness is known. */
  ready: WidgetReadySchema,
  /** Readiness budget in ms from injection; defaults to the guard's timeout. */
  budget: z.optional(ms(WIDGET_BUDGET)),
  /** What stands in when the widget fails: the store's native cart, or nothing (hide it). */
  fallback: z.optional(z.enum(WIDGET_FALLBACKS)),
  /** Widget DOM to hide (display:none) on take-over. */
  hide: z.optional(selectors()),
  /** Widget DOM to remove on take-over. */
  remove: z.optional(selectors()),
  /** Native elements the widget hid, shown again on take-over (e.g. `cart-drawer`). */
  show: z.optional(selectors()),
  /** Dotted path of the widget's stand-down method on `window`, e.g. `SmartCart.destroy`. */
  standDown: z.optional(z.string().check(z.regex(STAND_DOWN_PATTERN))),
  /** Clicks held while the widget loads; defaults suit Dawn-like themes. */
  capture: z.optional(WidgetCaptureSchema),
});

/** Recommendation slots `[data-lifeboat-recommendations]` filled by a chain of sources. */
export const RecommendationsSchema = z.strictObject({
  /** Guard of the vendor's service. */
  guard: z.optional(name()),
  /** Vendor endpoint returning JSON `{products:[…]}`; `{productId}` and `{limit}` are replaced. */
  vendor: z.optional(scriptUrl()),
  /** Budget of the vendor call (ms); the guard's timeout when omitted. */
  vendorBudget: z.optional(ms(R.vendorBudget)),
  /** Budget of the IndexedDB lookup (ms). */
  cacheBudget: z.optional(ms(R.cacheBudget)),
  /** Budget of Shopify's `/recommendations/products.json` (ms). */
  shopifyBudget: z.optional(ms(R.shopifyBudget)),
  /** Products per slot (Shopify allows 1..10). */
  limit: z.optional(ms(R.limit)),
  /** Keep cached results at most this long (ms). */
  maxAge: z.optional(ms(R.maxAge)),
  /** Slot selector. */
  selector: z.optional(selector()),
});

/** The script tag's JSON: the SDK config plus the storefront's widgets and recommendations. */
export const ShopifyConfigSchema = z.extend(LifeboatConfigSchema, {
  widgets: z.optional(z.array(WidgetSchema).check(z.maxLength(WIDGETS_MAX))),
  recommendations: z.optional(RecommendationsSchema),
  /** Guard of the Ajax Cart API (`cartFetch`). */
  cartGuard: z.optional(name()),
});

export type WidgetReady = z.infer<typeof WidgetReadySchema>;
export type WidgetCapture = z.infer<typeof WidgetCaptureSchema>;
export type WidgetConfig = z.infer<typeof WidgetSchema>;
export type RecommendationsConfig = z.infer<typeof RecommendationsSchema>;
export type ShopifyConfig = z.infer<typeof ShopifyConfigSchema>;

/** Validates the script tag's JSON; a widget must say how its readiness is known. */
export function parseShopifyConfig(input: unknown): Parsed<ShopifyConfig> {
  const r = safeParseWith(ShopifyConfigSchema, input, 'config');
  if (!r.ok) return r;
  const problems = (r.value.widgets ?? []).flatMap((w, i) =>
    w.ready.event || w.ready.selector
      ? []
      : [{ path: `config.widgets.${i}.ready`, message: 'needs "event" or "selector": how Lifeboat knows the widget is up' }],
  );
  return problems.length ? { ok: false, problems } : r;
}
