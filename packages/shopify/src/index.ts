/**
 * @packageDocumentation
 * Lifeboat for Shopify storefronts: load third-party widgets under a guard and replace a failing
 * cart app with the store's native cart, guard the Ajax Cart API, and fill recommendation slots
 * with a chain that never stands in the way of checkout.
 *
 * @example
 * ```ts
 * import { createLifeboat } from '@lifeboat/sdk';
 * import { guardWidget, createCartGuard, fillRecommendations, degradedPath, initShopify } from '@lifeboat/shopify';
 *
 * const lifeboat = createLifeboat({ app: 'smartcart', guards: { smartcart: { timeout: 3000 } } });
 * guardWidget(lifeboat, {
 *   name: 'smartcart',
 *   script: 'https://cdn.smartcart.example/smartcart.js',
 *   ready: { event: 'smartcart:ready' },
 *   budget: 2500,
 *   standDown: 'SmartCart.destroy',
 *   hide: ['#smartcart-drawer'],
 *   show: ['cart-drawer'],
 * }, { degraded: async () => degradedPath });
 * ```
 */
export { guardWidget, DEFAULT_CAPTURE, type WidgetOptions, type WidgetHandle, type WidgetOutcome, type DegradedPath } from './widget/guardWidget.js';
export { holdGround, type Gate, type GateMode, type Held, type CaptureTargets } from './widget/hold.js';
export { waitReady, isFromScript, WidgetNotReady, type ReadySpec } from './widget/readiness.js';
export { takeOver, callPath, type TakeOverSpec, type TakeOverContext } from './widget/takeover.js';
export { captureOriginals, restoreOriginals, injectScript, type Originals, type Injected } from './widget/inject.js';
export { nativeAddToCart, openNativeCart, renderSections, routesRoot, type NativeOptions, type AddOutcome } from './native/cart.js';
export { serveNative } from './native/serve.js';
export { createCartGuard, classifyCartResponse, isCartUrl, CartOutage, CART_PATH, type CartGuard } from './cart/cartFetch.js';
export { fillRecommendations } from './recommendations/fill.js';
export { fillSlot } from './recommendations/chain.js';
export { createRecCache, type RecCache } from './recommendations/cache.js';
export { RECOMMENDATIONS_DEFAULTS, toProducts, type RecProduct, type RecSource, type RecommendationsOptions } from './recommendations/types.js';
export { splitConfig } from './config/split.js';
export { readConfigElement } from './config/read.js';
export { initShopify, degradedPath, type ShopifyInstance } from './init.js';
