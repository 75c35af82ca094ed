/**
 * The Lifeboat config the demo store embeds in `<script type="application/json" id="lifeboat-config">`.
 * One function in one file so the Shopify integration (packages/schema/src/shopify.ts defines the
 * shape) can adjust it in one place; `startStorefront({ config })` deep-merges overrides on top.
 */

export interface DemoUrls {
  storeUrl: string;
  cartVendorUrl: string;
  recsVendorUrl: string;
  /** Empty when the demo runs without a collector. */
  collectorUrl: string;
}

export function lifeboatConfig(urls: DemoUrls): Record<string, unknown> {
  return {
    app: 'smartcart',
    publicKey: 'pk_demo_smartcart',
    // What the app embed renders from shop.permanent_domain (beacons are grouped by shop).
    shop: 'demo-store.myshopify.com',
    ...(urls.collectorUrl ? { collector: urls.collectorUrl } : {}),
    guards: {
      // One widget load per page: a single failed load is enough to open (volumeThreshold 1).
      // No backoff (resetBackoff 1): a shopper tries again every reset period, however long the
      // outage was, so the widget is back about one period after the backend heals (the
      // default 2 doubles the period per failed probe: median 110 s after a 3-minute outage
      // against 33 s, `npm run fleet-sim:shopper`). A fleet keeps the default: it spreads probes.
      smartcart: { timeout: 3500, resetTimeout: 30000, resetBackoff: 1, volumeThreshold: 1 },
      recs: { timeout: 1500 },
    },
    // Shape: packages/schema/src/shopify.ts (ShopifyConfigSchema).
    widgets: [
      {
        name: 'smartcart',
        script: `${urls.cartVendorUrl}/smartcart.js`,
        ready: { event: 'smartcart:ready' },
        budget: 3000,
        fallback: 'native-cart',
        hide: ['#smartcart-root'],
        show: ['cart-drawer', 'theme-drawer#cart-drawer'],
        standDown: 'SmartCart.destroy',
      },
    ],
    recommendations: {
      selector: '[data-lifeboat-recommendations]',
      vendor: `${urls.recsVendorUrl}/api/recommendations?product_id={productId}&limit={limit}`,
    },
  };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/**
 * Deep merge for config overrides: objects merge, arrays of named objects (`widgets`) merge
 * item by `name` (a new name is appended), anything else replaces, and `undefined` removes the
 * field (e.g. `{ collector: undefined }`).
 *
 * @example
 * ```ts
 * mergeConfig(base, { widgets: [{ name: 'smartcart', budget: 1000 }], collector: undefined });
 * ```
 */
export function mergeConfig(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const prev = out[key];
    if (value === undefined) delete out[key];
    else if (isPlainObject(value) && isPlainObject(prev)) out[key] = mergeConfig(prev, value);
    else if (isNamedList(value) && isNamedList(prev)) out[key] = mergeNamed(prev, value);
    else out[key] = value;
  }
  return out;
}

type Named = Record<string, unknown> & { name: string };
const isNamedList = (v: unknown): v is Named[] =>
  Array.isArray(v) && v.length > 0 && v.every((x) => isPlainObject(x) && typeof x.name === 'string');

function mergeNamed(base: Named[], override: Named[]): Named[] {
  const out = base.map((item) => {
    const o = override.find((x) => x.name === item.name);
    return o ? (mergeConfig(item, o) as Named) : item;
  });
  for (const o of override) if (!base.some((b) => b.name === o.name)) out.push(o);
  return out;
}
