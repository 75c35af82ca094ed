/**
 * The run-time gate on a config: a zod-free structural check small enough for every storefront
 * page. It answers "is this config valid?" exactly as the zod schemas do; when it is not, the
 * caller loads `@lifeboat/schema` (zod) for the full explanation.
 */
import type { Problem } from '../issues.js';
import { KEY_PATTERN, MIN_SAMPLE_RATE, NAME_PATTERN, PAGE_TYPES, SHOP_PATTERN } from '../limits.js';
import {
  BEACON_RANGES,
  COLLECTOR_PATTERN,
  EVENT_PATTERN,
  GUARD_RANGES,
  LANGUAGE_PATTERN,
  RECOMMENDATIONS_RANGES,
  SCRIPT_URL_PATTERN,
  SELECTOR_MAX,
  SELECTORS_MAX,
  STAND_DOWN_PATTERN,
  STATUS_RANGES,
  TEXT_MAX,
  URL_MAX,
  WIDGET_BUDGET,
  WIDGET_FALLBACKS,
  WIDGETS_MAX,
  type Range,
} from './bounds.js';
import { bool, list, num, obj, oneOf, record, str, text, type Shape } from './fieldChecks.js';

const nums = (ranges: Record<string, Range>): Shape => {
  const shape: Shape = {};
  for (const k in ranges) shape[k] = num(ranges[k]);
  return shape;
};
const name = str(NAME_PATTERN);
const selector = text(SELECTOR_MAX);
const selectors = list(SELECTORS_MAX, selector);
const scriptUrl = str(SCRIPT_URL_PATTERN, URL_MAX);
const guard = obj({ ...nums(GUARD_RANGES), persist: bool });

const CONFIG: Shape = {
  app: name,
  shop: str(SHOP_PATTERN),
  publicKey: str(KEY_PATTERN),
  collector: str(COLLECTOR_PATTERN, URL_MAX),
  defaults: guard,
  guards: record(NAME_PATTERN, guard),
  beacons: obj({ enabled: bool, ...nums(BEACON_RANGES), sampleRate: num(BEACON_RANGES.sampleRate, MIN_SAMPLE_RATE) }),
  status: obj({ enabled: bool, ...nums(STATUS_RANGES) }),
  banner: obj({ enabled: bool, text: text(TEXT_MAX), texts: record(LANGUAGE_PATTERN, text(TEXT_MAX)) }),
  page: oneOf(PAGE_TYPES),
  storageName: name,
  debug: bool,
};

const SHOPIFY: Shape = {
  ...CONFIG,
  widgets: list(
    WIDGETS_MAX,
    obj(
      {
        name,
        guard: name,
        script: scriptUrl,
        ready: obj({ event: str(EVENT_PATTERN), selector }),
        budget: num(WIDGET_BUDGET),
        fallback: oneOf(WIDGET_FALLBACKS),
        hide: selectors,
        remove: selectors,
        show: selectors,
        standDown: str(STAND_DOWN_PATTERN),
        capture: obj({ addToCart: selectors, cartIcon: selectors }),
      },
      ['name', 'script', 'ready'],
    ),
  ),
  recommendations: obj({ guard: name, vendor: scriptUrl, ...nums(RECOMMENDATIONS_RANGES), selector }),
  cartGuard: name,
};

const run = (shape: Shape, input: unknown): Problem[] => {
  const out: Problem[] = [];
  obj(shape)(input === undefined ? {} : input, 'config', out);
  return out;
};

/**
 * The problems of an SDK config (`createLifeboat()`, the script tag's JSON without widgets), or
 * `[]` when it is valid: empty exactly when `parseConfig(input).ok` (`undefined` counts as `{}`).
 * A run-time gate: it ships without zod, so a page pays almost nothing for a valid config; when
 * it finds something, load `@lifeboat/schema` and let `parseConfig` explain (same paths, zod's
 * wording with what it got). Never throws; never changes `input`.
 *
 * Exact for values JSON can carry, plus `undefined`, NaN and ±Infinity; class instances and
 * symbol keys are outside what it compares with zod.
 *
 * @example
 * ```ts
 * import { checkConfig, formatProblems } from '@lifeboat/schema/lite';
 * checkConfig({ guards: { cart: { timout: 2500 } } });
 * // [{ path: 'config.guards.cart', message: 'unknown field "timout"' }]
 * const problems = checkConfig(config);
 * if (problems.length) import('@lifeboat/schema').then((s) => console.warn(formatProblems(s.parseConfig(config).problems)));
 * ```
 */
export const checkConfig = (input: unknown): Problem[] => run(CONFIG, input);

/**
 * The problems of a storefront config (the script tag's JSON: the SDK config plus `widgets`,
 * `recommendations`, `cartGuard`), or `[]` when it is valid: empty exactly when
 * `parseShopifyConfig(input).ok` (`undefined` counts as `{}`). Like zod, it asks a widget's
 * `ready` for `event` or `selector` only once everything else is valid. The storefront loader's
 * run-time gate: the zod explanation (`parseShopifyConfig`) is loaded only when this finds
 * something. Never throws; never changes `input`.
 *
 * @example
 * ```ts
 * import { checkShopifyConfig } from '@lifeboat/schema/lite';
 * checkShopifyConfig({ widgets: [{ name: 'smartcart', script: '/apps/cart.js', ready: {} }] });
 * // [{ path: 'config.widgets.0.ready', message: 'expected "event" or "selector"' }]
 * ```
 */
export const checkShopifyConfig = (input: unknown): Problem[] => {
  const out = run(SHOPIFY, input);
  if (!out.length)
    ((input as { widgets?: { ready: object }[] } | undefined)?.widgets ?? []).forEach(
      ({ ready }, i) => (ready as { event?: string }).event || (ready as { selector?: string }).selector || out.push({ path: `config.widgets.${i}.ready`, message: 'expected "event" or "selector"' }),
    );
  return out;
};

