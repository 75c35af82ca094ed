/**
 * The Lifeboat demo store: a Dawn-like Shopify store, a mock cart app ("smart cart") and a mock
 * recommendations service on origins of their own, each vendor with a chaos control, and a
 * collector. The README's `npm start` and the Chromium end-to-end tests run it.
 *
 * @example
 * ```ts
 * import { startStorefront } from '../../examples/storefront/src/index.js';
 * const demo = await startStorefront();               // Lifeboat loader on every page, collector started
 * await demo.setChaos('cart', { mode: 'hang' });      // the smart cart's API never answers
 * // … drive Chromium at `${demo.storeUrl}/products/linen-tote` …
 * demo.vendorRequests('cart').some((r) => r.path === '/smartcart.js'); // was the script requested?
 * await demo.close();
 * ```
 */
import { fileURLToPath } from 'node:url';
import type { CartJson } from './cart/cart.js';
import { CartSessions } from './cart/cart.js';
import { startDemoCollector, type DemoCollector } from './collector.js';
import { lifeboatConfig, mergeConfig } from './lifeboatConfig.js';
import { createStoreServer } from './store/server.js';
import { dirAssets, overlay, themeCheckout, themeTree, type AssetSource, type ThemeName } from './store/themes.js';
import { FIXTURE_CSS, FIXTURE_EVENTS, loadRealHorizon, type RealHorizon } from './store/realHorizon.js';
import { parseChaos, type Chaos, type RequestRecord } from './vendors/chaos.js';
import { createRecsVendor } from './vendors/recs.js';
import { createSmartCartVendor } from './vendors/smartcart.js';
import type { Vendor } from './vendors/server.js';

export type { Chaos, ChaosMode, Hijack, RequestRecord } from './vendors/chaos.js';
export { CHAOS_MODES, HIJACK_STYLES } from './vendors/chaos.js';
export { lifeboatConfig, mergeConfig } from './lifeboatConfig.js';
export type { CartJson, LineItem } from './cart/cart.js';
export { PRODUCTS } from './catalog.js';
export { THEMES, type ThemeName } from './store/themes.js';

export type VendorName = 'cart' | 'recs';
export type ConfigOverride = Record<string, unknown> | ((base: Record<string, unknown>) => Record<string, unknown>);

export interface StorefrontOptions {
  /** Start a collector (true, default), use none (false), or report to this collector URL. */
  collector?: boolean | string;
  /** Put the Lifeboat loader and its config on every page (default true). `false` = a plain store. */
  widgets?: boolean;
  /** Same as `widgets`; `{ lifeboat: false, smartcart: true }` reads as "a store without Lifeboat". */
  lifeboat?: boolean;
  /** Include the smart cart's script tag directly, as a store without Lifeboat has it (default false). */
  smartcart?: boolean;
  /** Emulate Shopify's Standard Storefront Actions (`Shopify.actions`, `shopify:cart:*`), default false. */
  nativeActions?: boolean;
  /** Theme variant of pages without `?theme=` (default 'dawn'); each page can pick with `?theme=horizon`. */
  theme?: ThemeName;
  /**
   * Serve a real Dawn's assets instead of the demo's fixtures (a checkout or a git directory, read
   * at run time): the conformance run, `npm run test:themes`. A real Horizon gets the fixture's
   * Horizon markup (src/store/realHorizon.ts) on `?theme=horizon` pages, with the checkout's JS and CSS.
   */
  realThemes?: { dawn?: string; horizon?: string };
  /** Directory served at /lifeboat/ (default packages/shopify/dist), e.g. an older build to compare with. */
  lifeboatDist?: string;
  /** Overrides deep-merged over {@link lifeboatConfig} (or a function of it). `undefined` removes a field. */
  config?: ConfigOverride;
  /** Fixed ports (start.ts); tests leave them out and get free ones. */
  ports?: { store?: number; cartVendor?: number; recsVendor?: number; collector?: number };
  /** Collector database: ':memory:' (default), a file path, or postgres://… */
  collectorDb?: string;
  /** Collector config merged over the demo's (apps, tokens, incidents, …). */
  collectorConfig?: Record<string, unknown>;
  /** Where warnings go (default console.warn). */
  warn?: (msg: string) => void;
}

export interface Storefront {
  storeUrl: string;
  cartVendorUrl: string;
  recsVendorUrl: string;
  /** '' when started with `collector: false`. */
  collectorUrl: string;
  /** 'collector' (packages/collector), 'stub' (stand-in that only accepts beacons), 'external' or 'none'. */
  collectorKind: 'collector' | 'stub' | 'external' | 'none';
  /** Sets a vendor's chaos mode; throws a TypeError naming the field for an unknown mode or bad ms. */
  setChaos(vendor: VendorName, chaos: Chaos): Promise<void>;
  /** The vendor's current chaos mode. */
  chaos(vendor: VendorName): Chaos;
  /** Every request the vendor's origin received, oldest first (the /__chaos control excluded). */
  vendorRequests(vendor: VendorName): RequestRecord[];
  /** Forgets the vendor's request log (e.g. between the two page loads of one test). */
  clearVendorRequests(vendor: VendorName): void;
  /** The Lifeboat config pages embed now. */
  lifeboatConfig(): Record<string, unknown>;
  /** Replaces the config override for pages served from now on. */
  setConfig(config: ConfigOverride | undefined): void;
  /** Every session cart, oldest first (to assert "the item is in the cart" server-side). */
  carts(): CartJson[];
  close(): Promise<void>;
}

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const listen = async (vendorOrApp: { listen(o: { host: string; port: number }): Promise<string> }, port = 0) =>
  vendorOrApp.listen({ host: '127.0.0.1', port });

/**
 * Starts the demo store, both mock vendors and (by default) a collector, all on 127.0.0.1.
 * Resolves once every origin listens.
 */
export async function startStorefront(opts: StorefrontOptions = {}): Promise<Storefront> {
  const warn = opts.warn ?? ((m: string) => console.warn(m));
  const withLifeboat = opts.widgets !== false && opts.lifeboat !== false;
  const sessions = new CartSessions();
  let override: ConfigOverride | undefined = opts.config;
  const urls = { storeUrl: '', cartVendorUrl: '', recsVendorUrl: '', collectorUrl: '' };

  const currentConfig = () => {
    const base = lifeboatConfig(urls);
    if (!override) return base;
    return typeof override === 'function' ? override(base) : mergeConfig(base, override);
  };

  let realHorizon: RealHorizon | undefined;
  let horizonAssets: AssetSource = dirAssets(here('../assets/horizon'));
  if (opts.realThemes?.horizon) {
    const tree = themeTree(opts.realThemes.horizon);
    const loaded = await loadRealHorizon(tree);
    const fixture = dirAssets(here('../assets/horizon-real'));
    const css = Buffer.from(loaded.css);
    realHorizon = loaded;
    horizonAssets = async (file) =>
      file === FIXTURE_CSS ? css : file === FIXTURE_EVENTS ? fixture('shopify-events.js') : tree.read(`assets/${file}`);
  }
  const store = await createStoreServer({
    sessions,
    defaults: { lifeboat: withLifeboat, smartcart: opts.smartcart === true, native: opts.nativeActions === true, theme: opts.theme ?? 'dawn' },
    lifeboatConfig: currentConfig,
    smartcartSrc: () => `${urls.cartVendorUrl}/smartcart.js`,
    lifeboatDist: opts.lifeboatDist ?? here('../../../packages/shopify/dist'),
    themeAssets: {
      dawn: overlay(opts.realThemes?.dawn ? themeCheckout(opts.realThemes.dawn) : undefined, dirAssets(here('../assets/theme'))),
      horizon: horizonAssets,
    },
    realHorizon,
  });
  const cart = await createSmartCartVendor({ scriptFile: here('../assets/vendor/smartcart.js'), origin: () => urls.cartVendorUrl });
  const recs = await createRecsVendor({ storeOrigin: () => urls.storeUrl });
  const vendors: Record<VendorName, Vendor> = { cart, recs };

  let collector: DemoCollector | undefined;
  try {
    urls.storeUrl = await listen(store, opts.ports?.store);
    urls.cartVendorUrl = await listen(cart.app, opts.ports?.cartVendor);
    urls.recsVendorUrl = await listen(recs.app, opts.ports?.recsVendor);
    let collectorKind: Storefront['collectorKind'] = 'none';
    if (typeof opts.collector === 'string') {
      urls.collectorUrl = opts.collector.replace(/\/+$/, '');
      collectorKind = 'external';
    } else if (opts.collector !== false) {
      collector = await startDemoCollector({
        port: opts.ports?.collector,
        db: opts.collectorDb,
        storeOrigin: urls.storeUrl,
        config: opts.collectorConfig,
        warn,
      });
      urls.collectorUrl = collector.url;
      collectorKind = collector.kind;
    }

    const vendorOf = (name: VendorName) => {
      const v = vendors[name];
      if (!v) throw new TypeError(`vendor must be 'cart' or 'recs'; got ${JSON.stringify(name)}`);
      return v;
    };

    return {
      ...urls,
      collectorKind,
      async setChaos(name, chaos) {
        vendorOf(name).chaos = parseChaos(chaos);
      },
      chaos: (name) => ({ ...vendorOf(name).chaos }),
      vendorRequests: (name) => [...vendorOf(name).requests],
      clearVendorRequests(name) {
        vendorOf(name).requests.length = 0;
      },
      lifeboatConfig: currentConfig,
      setConfig(config) {
        override = config;
      },
      carts: () => sessions.all().map((c) => c.toJSON()),
      async close() {
        await Promise.allSettled([store.close(), cart.app.close(), recs.app.close(), collector?.close()]);
      },
    };
  } catch (err) {
    await Promise.allSettled([store.close(), cart.app.close(), recs.app.close(), collector?.close()]);
    throw err;
  }
}
