/** The demo store's catalogue: a few products with variants, prices in cents like Shopify's. */

export interface Variant {
  id: number;
  title: string;
  price: number;
  available: boolean;
  /** Units left; undefined = not tracked. */
  inventory?: number;
  sku: string;
}

export interface Product {
  id: number;
  handle: string;
  title: string;
  vendor: string;
  description: string;
  /** CSS colour of the placeholder picture. */
  color: string;
  variants: Variant[];
}

const v = (id: number, title: string, price: number, extra: Partial<Variant> = {}): Variant => ({
  id,
  title,
  price,
  available: true,
  sku: `SKU-${id}`,
  ...extra,
});

export const PRODUCTS: Product[] = [
  {
    id: 7001,
    handle: 'linen-tote',
    title: 'Linen Tote',
    vendor: 'Demo Goods',
    description: 'A sturdy linen tote for market days.',
    color: '#c9b79c',
    variants: [v(42001, 'Natural', 3500), v(42002, 'Black', 3500)],
  },
  {
    id: 7002,
    handle: 'wool-beanie',
    title: 'Wool Beanie',
    vendor: 'Demo Goods',
    description: 'Soft merino, one size.',
    color: '#8a8f98',
    variants: [v(42011, 'Grey', 2800), v(42012, 'Rust', 2800), v(42013, 'Mustard', 2800, { available: false, inventory: 0 })],
  },
  {
    id: 7003,
    handle: 'ceramic-mug',
    title: 'Ceramic Mug',
    vendor: 'Kiln & Co',
    description: 'Hand-glazed, 350 ml.',
    color: '#5f7f8f',
    variants: [v(42021, 'Default Title', 1800, { inventory: 5 })],
  },
  {
    id: 7004,
    handle: 'canvas-sneakers',
    title: 'Canvas Sneakers',
    vendor: 'Stride',
    description: 'Everyday canvas sneakers.',
    color: '#e0e0d8',
    variants: [
      v(42031, '40', 8900),
      v(42032, '41', 8900),
      v(42033, '42', 8900, { available: false, inventory: 0 }),
      v(42034, '43', 8900),
    ],
  },
  {
    id: 7005,
    handle: 'sold-out-scarf',
    title: 'Sold-out Scarf',
    vendor: 'Demo Goods',
    description: 'So popular it is gone.',
    color: '#a05a4a',
    variants: [v(42041, 'Default Title', 4500, { available: false, inventory: 0 })],
  },
  {
    id: 7006,
    handle: 'enamel-pin',
    title: 'Enamel Pin',
    vendor: 'Kiln & Co',
    description: 'A small lifeboat pin.',
    color: '#d4a017',
    variants: [v(42051, 'Default Title', 900)],
  },
];

export const productByHandle = (handle: string) => PRODUCTS.find((p) => p.handle === handle);
export const productById = (id: number) => PRODUCTS.find((p) => p.id === id);

/** The variant and its product, or undefined for an unknown id. */
export function findVariant(id: number): { product: Product; variant: Variant } | undefined {
  for (const product of PRODUCTS) {
    const variant = product.variants.find((x) => x.id === id);
    if (variant) return { product, variant };
  }
  return undefined;
}

export const productAvailable = (p: Product) => p.variants.some((x) => x.available);

/** Cents → "€12.00". */
export const money = (cents: number) => `€${(cents / 100).toFixed(2)}`;

/** Related products for a product: the rest of the catalogue, available first. */
export function related(productId: number, limit: number): Product[] {
  return PRODUCTS.filter((p) => p.id !== productId)
    .sort((a, b) => Number(productAvailable(b)) - Number(productAvailable(a)))
    .slice(0, Math.max(1, Math.min(10, limit)));
}
