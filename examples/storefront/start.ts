/**
 * `npm start`: the demo store on fixed ports, with Lifeboat on every page and a collector
 * writing to .lifeboat/demo.db. Ctrl-C stops everything.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startStorefront } from './src/index.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dataDir = `${repo}.lifeboat`;
mkdirSync(dataDir, { recursive: true });

const port = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

const demo = await startStorefront({
  ports: {
    store: port('STORE_PORT', 3000),
    cartVendor: port('CART_VENDOR_PORT', 3001),
    recsVendor: port('RECS_VENDOR_PORT', 3002),
    collector: port('COLLECTOR_PORT', 8787),
  },
  collectorDb: process.env.LIFEBOAT_DB ?? `${dataDir}/demo.db`,
}).catch((err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`A port is already in use (${err.message}). Stop the other process or choose ports with STORE_PORT, CART_VENDOR_PORT, RECS_VENDOR_PORT, COLLECTOR_PORT.`);
    process.exit(1);
  }
  throw err;
});

const loaderBuilt = existsSync(`${repo}packages/shopify/dist/lifeboat.shopify.js`);
const s = demo.storeUrl;
console.log(`
Lifeboat demo store
  store            ${s}
  smart cart app   ${demo.cartVendorUrl}   chaos control: ${demo.cartVendorUrl}/__chaos
  recommendations  ${demo.recsVendorUrl}   chaos control: ${demo.recsVendorUrl}/__chaos
  collector        ${demo.collectorUrl}${demo.collectorKind === 'stub' ? '   (stand-in: packages/collector could not be loaded)' : `   dashboard: ${demo.collectorUrl}/dashboard (read token rt_demo_read_token, admin token at_demo_admin_token)`}
${loaderBuilt ? '' : '\n  ! packages/shopify/dist/lifeboat.shopify.js is missing: run `npm run build`. The store works natively meanwhile.\n'}
What to try
  1. Open ${s}/products/linen-tote and add to cart: the smart cart drawer opens.
  2. On ${demo.cartVendorUrl}/__chaos press "hang", reload the product page and add to cart again:
     after the 3 s readiness budget Lifeboat serves the click with the theme's own drawer and
     shows a short "basic mode" notice. Reload: the smart cart is not even requested now
     (the breaker is open and remembered across pages and tabs).
  3. Try the other modes: slow, 500, error-200, script-404, script-throws.
  4. Press "healthy": when the breaker's open period ends (30 s ± 20 % after it opened, doubled
     after each probe that failed meanwhile), the next page's probe loads the smart cart again.
  5. On ${demo.recsVendorUrl}/__chaos press "hang": checkout from ${s}/cart still goes at once,
     and "You may also like" on a product page falls back to Shopify's own recommendations.
  6. Compare without Lifeboat: ${s}/products/linen-tote?lifeboat=0&smartcart=1 (the app's script
     tag included directly) — with the cart app in "hang", add-to-cart does nothing.
     Switch back with ?lifeboat=1&smartcart=0 (the switches are kept in cookies).
  Also: ${s}/?native=1 emulates Shopify's Standard Storefront Actions; /fr/… is a locale prefix.

Ctrl-C to stop.`);

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await demo.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
