/**
 * A session cart that behaves like Shopify's Ajax Cart API: lines keyed by variant + properties,
 * errors as `{status, message, description}` (the shopper's answers, e.g. 422 sold out).
 */
import { randomBytes } from 'node:crypto';
import { findVariant, type Product, type Variant } from '../catalog.js';

export interface LineItem {
  id: number;
  variant_id: number;
  product_id: number;
  key: string;
  quantity: number;
  properties: Record<string, string> | null;
  title: string;
  product_title: string;
  variant_title: string | null;
  handle: string;
  url: string;
  image: string;
  sku: string;
  vendor: string;
  price: number;
  original_price: number;
  final_price: number;
  line_price: number;
  original_line_price: number;
  final_line_price: number;
  requires_shipping: boolean;
}

export interface CartJson {
  token: string;
  note: string | null;
  attributes: Record<string, string>;
  original_total_price: number;
  total_price: number;
  total_discount: number;
  total_weight: number;
  item_count: number;
  items: LineItem[];
  requires_shipping: boolean;
  currency: string;
  items_subtotal_price: number;
  cart_level_discount_applications: unknown[];
}

/** An answer the Ajax Cart API gives as an HTTP error with a JSON body. */
export class CartError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly title = 'Cart Error',
  ) {
    super(description);
  }
  toJSON() {
    return { status: this.status, message: this.title, description: this.description };
  }
}

interface Line {
  variantId: number;
  quantity: number;
  properties: Record<string, string> | null;
}

export interface AddItem {
  id: number;
  quantity?: number;
  properties?: Record<string, string> | null;
}

const propsKey = (p: Record<string, string> | null) => {
  if (!p || Object.keys(p).length === 0) return '';
  const s = JSON.stringify(Object.entries(p).sort());
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) >>> 0;
  return h.toString(16);
};
const lineKey = (l: Line) => `${l.variantId}:${propsKey(l.properties) || '0'}`;

const cleanProps = (p: unknown): Record<string, string> | null => {
  if (!p || typeof p !== 'object') return null;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(p)) if (val !== '' && val != null) out[k] = String(val);
  return Object.keys(out).length ? out : null;
};

const title = (product: Product, variant: Variant) =>
  variant.title === 'Default Title' ? product.title : `${product.title} - ${variant.title}`;

/** One shopper's cart. */
export class Cart {
  readonly token = `c1-${randomBytes(12).toString('hex')}`;
  note: string | null = null;
  attributes: Record<string, string> = {};
  private lines: Line[] = [];
  /** Set when the shopper reached checkout with this cart (for tests and the demo). */
  checkedOutAt: number | null = null;

  /** Adds items; all-or-nothing like Shopify: a sold-out item rejects the whole request. */
  add(items: AddItem[]): LineItem[] {
    if (items.length === 0) throw new CartError(400, 'Parameter Missing or Invalid: Required parameter missing or invalid: items', 'Bad Request');
    const planned: Line[] = [];
    for (const item of items) {
      const id = Number(item.id);
      const quantity = item.quantity === undefined ? 1 : Math.floor(Number(item.quantity));
      if (!Number.isFinite(id)) throw new CartError(400, 'Parameter Missing or Invalid: Required parameter missing or invalid: id', 'Bad Request');
      if (!Number.isFinite(quantity) || quantity < 1) throw new CartError(422, 'Quantity must be at least 1.');
      const found = findVariant(id);
      if (!found) throw new CartError(404, 'Cannot find variant');
      const { product, variant } = found;
      if (!variant.available) throw new CartError(422, `The product '${title(product, variant)}' is already sold out.`);
      const line: Line = { variantId: id, quantity, properties: cleanProps(item.properties) };
      const inCart = this.lines.filter((l) => l.variantId === id).reduce((n, l) => n + l.quantity, 0) +
        planned.filter((l) => l.variantId === id).reduce((n, l) => n + l.quantity, 0);
      if (variant.inventory !== undefined && inCart + quantity > variant.inventory) {
        const left = Math.max(0, variant.inventory - inCart);
        throw new CartError(
          422,
          left === 0
            ? `All ${variant.inventory} ${title(product, variant)} are in your cart.`
            : `Only ${left} items were added to your cart due to availability.`,
        );
      }
      planned.push(line);
    }
    const touched: string[] = [];
    for (const line of planned) {
      const key = lineKey(line);
      const existing = this.lines.find((l) => lineKey(l) === key);
      if (existing) existing.quantity += line.quantity;
      else this.lines.push(line);
      touched.push(key);
    }
    const all = this.toJSON().items;
    return touched.map((k) => all.find((i) => i.key === k)!);
  }

  /** `/cart/change.js`: `id` is a variant id or a line key; `line` is 1-based. Quantity 0 removes. */
  change(input: { id?: string | number; line?: number; quantity?: number; properties?: unknown }): void {
    let index = -1;
    if (input.line !== undefined && input.line !== null && String(input.line) !== '') {
      const n = Number(input.line);
      if (!Number.isInteger(n) || n < 1 || n > this.lines.length) {
        throw new CartError(400, `Parameter Missing or Invalid: Line ${input.line} does not exist in the cart`, 'Bad Request');
      }
      index = n - 1;
    } else if (input.id !== undefined && input.id !== null && String(input.id) !== '') {
      const id = String(input.id);
      index = id.includes(':') ? this.lines.findIndex((l) => lineKey(l) === id) : this.lines.findIndex((l) => String(l.variantId) === id);
      if (index < 0) throw new CartError(400, `Parameter Missing or Invalid: No valid id or line parameter`, 'Bad Request');
    } else {
      throw new CartError(400, 'Parameter Missing or Invalid: Required parameter missing or invalid: id or line', 'Bad Request');
    }
    const line = this.lines[index];
    if (input.properties !== undefined) line.properties = cleanProps(input.properties);
    if (input.quantity !== undefined) {
      const q = Math.floor(Number(input.quantity));
      if (!Number.isFinite(q) || q < 0) throw new CartError(400, 'Parameter Missing or Invalid: quantity', 'Bad Request');
      this.setQuantity(index, q);
    }
  }

  /** `/cart/update.js`: `updates` maps variant ids or line keys to quantities, or lists quantities by line. */
  update(input: { updates?: unknown; note?: unknown; attributes?: unknown }): void {
    if (input.note !== undefined) this.note = input.note === null ? null : String(input.note);
    if (input.attributes && typeof input.attributes === 'object') {
      for (const [k, val] of Object.entries(input.attributes)) {
        if (val === '' || val == null) delete this.attributes[k];
        else this.attributes[k] = String(val);
      }
    }
    const u = input.updates;
    if (Array.isArray(u)) {
      const snapshot = [...this.lines];
      u.forEach((q, i) => {
        const idx = this.lines.indexOf(snapshot[i]);
        if (idx >= 0) this.setQuantity(idx, Math.max(0, Math.floor(Number(q) || 0)));
      });
    } else if (u && typeof u === 'object') {
      for (const [id, q] of Object.entries(u)) {
        const quantity = Math.max(0, Math.floor(Number(q) || 0));
        const idx = id.includes(':') ? this.lines.findIndex((l) => lineKey(l) === id) : this.lines.findIndex((l) => String(l.variantId) === id);
        if (idx >= 0) this.setQuantity(idx, quantity);
        else if (quantity > 0) this.add([{ id: Number(id), quantity }]);
      }
    }
  }

  clear(): void {
    this.lines = [];
    this.note = null;
    this.attributes = {};
  }

  private setQuantity(index: number, quantity: number) {
    const line = this.lines[index];
    if (quantity === 0) {
      this.lines.splice(index, 1);
      return;
    }
    const found = findVariant(line.variantId)!;
    const inv = found.variant.inventory;
    line.quantity = inv !== undefined ? Math.min(quantity, inv) : quantity;
  }

  toJSON(): CartJson {
    const items: LineItem[] = this.lines.map((l) => {
      const { product, variant } = findVariant(l.variantId)!;
      return {
        id: variant.id,
        variant_id: variant.id,
        product_id: product.id,
        key: lineKey(l),
        quantity: l.quantity,
        properties: l.properties,
        title: title(product, variant),
        product_title: product.title,
        variant_title: variant.title === 'Default Title' ? null : variant.title,
        handle: product.handle,
        url: `/products/${product.handle}?variant=${variant.id}`,
        image: `/images/${product.handle}.svg`,
        sku: variant.sku,
        vendor: product.vendor,
        price: variant.price,
        original_price: variant.price,
        final_price: variant.price,
        line_price: variant.price * l.quantity,
        original_line_price: variant.price * l.quantity,
        final_line_price: variant.price * l.quantity,
        requires_shipping: true,
      };
    });
    const total = items.reduce((n, i) => n + i.line_price, 0);
    return {
      token: this.token,
      note: this.note,
      attributes: { ...this.attributes },
      original_total_price: total,
      total_price: total,
      total_discount: 0,
      total_weight: 0,
      item_count: items.reduce((n, i) => n + i.quantity, 0),
      items,
      requires_shipping: items.length > 0,
      currency: 'EUR',
      items_subtotal_price: total,
      cart_level_discount_applications: [],
    };
  }
}

/** Carts by token, as the cart cookie names them. */
export class CartSessions {
  private carts = new Map<string, Cart>();

  get(token: string | undefined): Cart | undefined {
    return token ? this.carts.get(token) : undefined;
  }

  create(): Cart {
    const cart = new Cart();
    this.carts.set(cart.token, cart);
    return cart;
  }

  /** Every cart, newest last (for tests: "the item is in the cart"). */
  all(): Cart[] {
    return [...this.carts.values()];
  }
}
