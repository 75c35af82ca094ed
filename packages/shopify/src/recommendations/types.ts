/** One recommended product, as rendered into a slot. */
export interface RecProduct {
  title: string;
  url: string;
  price?: string;
  image?: string;
}

/** Where a slot's products came from (the `served` of the fallback beacon). */
export type RecSource = 'vendor' | 'cache' | 'shopify-api' | 'empty';

export interface RecommendationsOptions {
  guard: string;
  vendor?: string;
  vendorBudget: number;
  cacheBudget: number;
  shopifyBudget: number;
  limit: number;
  maxAge: number;
  selector: string;
}

export const RECOMMENDATIONS_DEFAULTS: RecommendationsOptions = {
  guard: 'recs',
  vendorBudget: 1500,
  cacheBudget: 100,
  shopifyBudget: 2000,
  limit: 4,
  maxAge: 7 * 86_400_000,
  selector: '[data-lifeboat-recommendations]',
};

/** Accepts the vendor's `{products}` / an array, and Shopify's products.json. */
export function toProducts(body: unknown, limit: number): RecProduct[] {
  const list = Array.isArray(body) ? body : Array.isArray((body as { products?: unknown })?.products) ? (body as { products: unknown[] }).products : [];
  const out: RecProduct[] = [];
  for (const p of list as Array<Record<string, unknown>>) {
    if (!p || typeof p !== 'object') continue;
    const title = typeof p.title === 'string' ? p.title : undefined;
    const url = typeof p.url === 'string' ? p.url : typeof p.handle === 'string' ? `/products/${p.handle}` : undefined;
    if (!title || !url) continue;
    const img = p.image ?? p.featured_image;
    const price = p.price;
    out.push({
      title,
      url,
      image: typeof img === 'string' ? img : typeof (img as { src?: unknown })?.src === 'string' ? (img as { src: string }).src : undefined,
      price: typeof price === 'string' ? price : typeof price === 'number' ? (price / 100).toFixed(2) : undefined,
    });
    if (out.length >= limit) break;
  }
  return out;
}
