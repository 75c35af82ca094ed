/** The mock recommendations vendor: GET /api/recommendations, CORS, on an origin of its own. */
import { productById, related } from '../catalog.js';
import { SCENARIOS } from './scenarios.js';
import { createVendorServer, type Vendor } from './server.js';

export async function createRecsVendor(opts: { storeOrigin: () => string }): Promise<Vendor> {
  const vendor = await createVendorServer(
    'Recommendations',
    'Mock recommendations service. Modes affect /api/recommendations (script modes do not apply).',
    ['healthy', 'slow', 'hang', '500', 'error-200'],
    SCENARIOS.filter((s) => s.vendor === 'recs'),
  );
  vendor.api('GET', '/api/recommendations', (req) => {
    const q = req.query as Record<string, string>;
    const product = productById(Number(q.product_id));
    if (!product) return { products: [] };
    const store = opts.storeOrigin();
    return {
      products: related(product.id, Number(q.limit) || 4).map((p) => ({
        id: p.id,
        title: p.title,
        handle: p.handle,
        price: Math.min(...p.variants.map((v) => v.price)),
        url: `/products/${p.handle}`,
        image: `${store}/images/${p.handle}.svg`,
      })),
    };
  });
  return vendor;
}
