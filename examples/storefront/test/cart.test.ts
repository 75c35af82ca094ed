// @vitest-environment node
// The Ajax Cart API emulation: what themes, cart apps and Lifeboat's native fallback rely on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorefront, type Storefront } from '../src/index.js';

let demo: Storefront;
beforeAll(async () => {
  demo = await startStorefront({ widgets: false, collector: false });
});
afterAll(() => demo?.close());

/** A shopper: fetch with the cart cookie kept across calls, redirects not followed. */
function shopper() {
  let cookie = '';
  const call = async (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    }
    const res = await fetch(demo.storeUrl + path, { ...init, body, headers, redirect: 'manual' });
    const set = res.headers.get('set-cookie');
    const m = set && /(?:^|,\s*)cart=([^;]+)/.exec(set);
    if (m) cookie = `cart=${m[1]}`;
    return res;
  };
  const json = async (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const res = await call(path, { method: init.json !== undefined || init.body ? 'POST' : 'GET', ...init });
    return { status: res.status, body: (await res.json()) as any };
  };
  return { call, json };
}

describe('Ajax Cart API', () => {
  it('adds items (JSON items[]), reads the cart, changes, updates, clears', async () => {
    const s = shopper();
    const empty = await s.json('/cart.js');
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ item_count: 0, items: [], currency: 'EUR' });
    expect(empty.body.token).toMatch(/^c1-/);

    const added = await s.json('/cart/add.js', { json: { items: [{ id: 42001, quantity: 2 }, { id: 42051, quantity: 1, properties: { Engraving: 'Hi' } }] } });
    expect(added.status).toBe(200);
    expect(added.body.items.map((i: any) => [i.variant_id, i.quantity])).toEqual([[42001, 2], [42051, 1]]);
    expect(added.body.items[1].properties).toEqual({ Engraving: 'Hi' });

    let cart = (await s.json('/cart.js')).body;
    expect(cart.item_count).toBe(3);
    expect(cart.total_price).toBe(2 * 3500 + 900);

    cart = (await s.json('/cart/change.js', { json: { id: 42001, quantity: 1 } })).body;
    expect(cart.items[0].quantity).toBe(1);
    cart = (await s.json('/cart/change.js', { json: { line: 2, quantity: 0 } })).body;
    expect(cart.items.map((i: any) => i.variant_id)).toEqual([42001]);
    cart = (await s.json('/cart/change.js', { json: { id: cart.items[0].key, quantity: 4 } })).body;
    expect(cart.items[0].quantity).toBe(4);

    cart = (await s.json('/cart/update.js', { json: { updates: { 42001: 0, 42031: 2 }, note: 'gift' } })).body;
    expect(cart.items.map((i: any) => [i.variant_id, i.quantity])).toEqual([[42031, 2]]);
    expect(cart.note).toBe('gift');

    cart = (await s.json('/cart/clear.js', { method: 'POST' })).body;
    expect(cart.item_count).toBe(0);
  });

  it('accepts a product form body (multipart FormData and urlencoded)', async () => {
    const s = shopper();
    const fd = new FormData();
    fd.append('id', '42002');
    fd.append('quantity', '2');
    fd.append('properties[Gift]', 'yes');
    const res = await s.json('/cart/add.js', { method: 'POST', body: fd });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ variant_id: 42002, quantity: 2, properties: { Gift: 'yes' } });
    const res2 = await s.json('/cart/add.js', { method: 'POST', body: new URLSearchParams({ id: '42051' }) });
    expect(res2.body).toMatchObject({ variant_id: 42051, quantity: 1 });
    expect((await s.json('/cart.js')).body.item_count).toBe(3);
  });

  it('answers a sold-out variant with 422 {status, message, description} and adds nothing', async () => {
    const s = shopper();
    const res = await s.json('/cart/add.js', { json: { items: [{ id: 42001, quantity: 1 }, { id: 42041, quantity: 1 }] } });
    expect(res.status).toBe(422);
    expect(res.body).toEqual({ status: 422, message: 'Cart Error', description: "The product 'Sold-out Scarf' is already sold out." });
    expect((await s.json('/cart.js')).body.item_count).toBe(0);
    const unknown = await s.json('/cart/add.js', { json: { id: 1, quantity: 1 } });
    expect(unknown.status).toBe(404);
    expect(unknown.body.description).toBe('Cannot find variant');
    const badLine = await s.json('/cart/change.js', { json: { line: 9, quantity: 1 } });
    expect(badLine.status).toBe(400);
    expect(badLine.body.status).toBe(400);
  });

  it('limits tracked inventory', async () => {
    const s = shopper();
    expect((await s.json('/cart/add.js', { json: { id: 42021, quantity: 5 } })).status).toBe(200);
    const more = await s.json('/cart/add.js', { json: { id: 42021, quantity: 1 } });
    expect(more.status).toBe(422);
    expect(more.body.description).toMatch(/All 5 Ceramic Mug are in your cart/);
  });

  it('serves the same API under a locale prefix and without .js (Dawn)', async () => {
    const s = shopper();
    const fd = new FormData();
    fd.append('id', '42011');
    fd.append('quantity', '1');
    fd.append('sections', 'cart-drawer,cart-icon-bubble');
    fd.append('sections_url', '/fr/products/wool-beanie');
    const res = await s.json('/fr/cart/add', {
      method: 'POST',
      body: fd,
      headers: { accept: 'application/javascript', 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(res.status).toBe(200);
    expect(res.body.variant_id).toBe(42011);
    expect(Object.keys(res.body.sections)).toEqual(['cart-drawer', 'cart-icon-bubble']);
    expect(res.body.sections['cart-drawer']).toContain('id="CartDrawer"');
    expect(res.body.sections['cart-drawer']).toContain('Wool Beanie');
    expect(res.body.sections['cart-drawer']).toContain('action="/fr/cart"');
    expect(res.body.sections['cart-icon-bubble']).toContain('class="shopify-section"');
    const change = await s.json('/fr/cart/change', { json: { line: 1, quantity: 3, sections: ['cart-icon-bubble', 'nope'] } });
    expect(change.body.item_count).toBe(3);
    expect(change.body.sections).toEqual({ 'cart-icon-bubble': expect.stringContaining('>3<'), nope: null });
    expect((await s.json('/fr/cart.js')).body.item_count).toBe(3);
  });

  it('renders sections on any page URL (Section Rendering API)', async () => {
    const s = shopper();
    await s.json('/cart/add.js', { json: { id: 42051 } });
    const res = await s.json('/products/enamel-pin?sections=cart-icon-bubble,cart-drawer');
    expect(res.body['cart-icon-bubble']).toContain('cart-count-bubble');
    const one = await s.call('/cart?section_id=main-cart-items');
    expect(await one.text()).toContain('Enamel Pin');
  });

  it('without JavaScript: the form POST redirects to /cart, the cart form to /checkout', async () => {
    const s = shopper();
    const res = await s.call('/cart/add', { method: 'POST', body: new URLSearchParams({ id: '42001', quantity: '1' }), headers: { accept: 'text/html' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/cart');
    const sold = await s.call('/cart/add', { method: 'POST', body: new URLSearchParams({ id: '42041' }), headers: { accept: 'text/html' } });
    expect(sold.status).toBe(422);
    expect(await sold.text()).toContain('already sold out');
    const page = await (await s.call('/cart')).text();
    expect(page).toContain('<form action="/cart" method="post"');
    expect(page).toContain('name="checkout"');
    const checkout = await s.call('/cart', { method: 'POST', body: new URLSearchParams({ 'updates[]': '2', checkout: '' }) });
    expect(checkout.headers.get('location')).toBe('/checkout');
    const html = await (await s.call('/checkout')).text();
    expect(html).toContain('<h1>Checkout</h1>');
    expect(html).toMatch(/Linen Tote - Natural<\/span> × <span class="checkout-line__quantity">2/);
    const fr = await s.call('/fr/cart/add', { method: 'POST', body: new URLSearchParams({ id: '42001', return_to: '/fr/checkout' }) });
    expect(fr.headers.get('location')).toBe('/fr/checkout');
  });

  it("answers Shopify's product recommendations from the catalogue", async () => {
    const s = shopper();
    const res = await s.json('/recommendations/products.json?product_id=7001&limit=3&intent=related');
    expect(res.body.intent).toBe('related');
    expect(res.body.products).toHaveLength(3);
    expect(res.body.products.map((p: any) => p.id)).not.toContain(7001);
    expect(res.body.products[0]).toMatchObject({ handle: expect.any(String), url: expect.stringMatching(/^\/products\//) });
    expect((await s.json('/fr/recommendations/products.json?product_id=7001&limit=2')).body.products).toHaveLength(2);
    expect((await s.json('/recommendations/products.json?product_id=1')).status).toBe(422);
  });
});

describe('pages', () => {
  it('embeds the Lifeboat config and loader only when widgets are on', async () => {
    const withLoader = await startStorefront({ collector: false, config: { debug: true } });
    try {
      const html = await (await fetch(`${withLoader.storeUrl}/products/linen-tote`)).text();
      const m = /<script type="application\/json" id="lifeboat-config">(.*?)<\/script>/s.exec(html);
      expect(m).not.toBeNull();
      const config = JSON.parse(m![1]);
      expect(config).toMatchObject({ app: 'smartcart', publicKey: 'pk_demo_smartcart', debug: true });
      expect(JSON.stringify(config)).toContain(`${withLoader.cartVendorUrl}/smartcart.js`);
      expect(html).toContain('<script src="/lifeboat/lifeboat.shopify.js" defer></script>');
      expect(html).toContain('data-lifeboat-recommendations data-product-id="7001"');
      expect(html).not.toContain(`${withLoader.cartVendorUrl}/smartcart.js" async`);
    } finally {
      await withLoader.close();
    }
    const plain = await (await fetch(`${demo.storeUrl}/`)).text();
    expect(plain).not.toContain('lifeboat-config');
    expect(plain).toContain("shop: 'demo-store.myshopify.com'");
  });
});
