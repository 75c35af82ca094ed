import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nativeAddToCart, openNativeCart, renderSections } from './cart.js';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('native cart', () => {
  beforeEach(() => {
    delete (window as { Shopify?: unknown }).Shopify;
    document.body.innerHTML = `
      <a id="cart-icon-bubble" href="/cart"><span class="count">0</span></a>
      <product-form><form action="/cart/add" method="post"><input name="id" value="111"><input name="quantity" value="2">
        <div class="product-form__error-message-wrapper" hidden><span class="product-form__error-message"></span></div></form></product-form>
      <cart-drawer id="CartDrawer" class="is-empty"><div id="CartDrawer-Inner">empty</div></cart-drawer>`;
  });

  it('prefers Shopify Standard Storefront Actions', async () => {
    const updateCart = vi.fn(async () => ({}));
    const openCart = vi.fn();
    (window as { Shopify?: unknown }).Shopify = { actions: { updateCart, openCart } };
    const f = vi.fn();
    expect(await nativeAddToCart(document.querySelector('form')!, { fetch: f as unknown as typeof fetch })).toBe('actions');
    expect(updateCart).toHaveBeenCalledWith({ lines: [{ merchandiseId: 'gid://shopify/ProductVariant/111', quantity: 2 }] });
    expect(openCart).toHaveBeenCalled();
    expect(f).not.toHaveBeenCalled();
  });

  it("opens Horizon's drawer without its slide-in (instant class during updateCart and openCart, removed afterwards)", async () => {
    document.body.insertAdjacentHTML('beforeend', '<theme-drawer id="cart-drawer"><dialog ref="panel"><cart-drawer-component></cart-drawer-component></dialog></theme-drawer>');
    const panel = document.querySelector('theme-drawer dialog')!;
    const seen: boolean[] = [];
    const updateCart = vi.fn(async () => (seen.push(panel.classList.contains('theme-drawer__dialog-instant')), {}));
    const openCart = vi.fn(() => void seen.push(panel.classList.contains('theme-drawer__dialog-instant')));
    (window as { Shopify?: unknown }).Shopify = { actions: { updateCart, openCart } };
    expect(await nativeAddToCart(document.querySelector('form')!)).toBe('actions');
    expect(seen).toEqual([true, true]);
    expect(panel.classList.contains('theme-drawer__dialog-instant')).toBe(false);
  });

  it('then the theme drawer: posts the form with sections through the original fetch and opens the drawer', async () => {
    const f = vi.fn(async () => json({ id: 111, sections: { 'cart-drawer': '<div id="shopify-section-cart-drawer"><cart-drawer id="CartDrawer">ITEM A</cart-drawer></div>', 'cart-icon-bubble': '<div class="shopify-section"><span class="count">2</span></div>' } }));
    (window as { Shopify?: unknown }).Shopify = { routes: { root: '/fr/' } };
    expect(await nativeAddToCart(document.querySelector('form')!, { fetch: f as unknown as typeof fetch })).toBe('drawer');
    const [url, init] = f.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/fr/cart/add');
    expect((init.body as FormData).get('sections')).toBe('cart-drawer,cart-icon-bubble');
    expect((init.body as FormData).get('id')).toBe('111');
    expect(document.getElementById('CartDrawer')!.textContent).toContain('ITEM A');
    expect(document.getElementById('CartDrawer')!.classList.contains('active')).toBe(true);
    expect(document.getElementById('cart-icon-bubble')!.textContent).toContain('2');
  });

  it('clears is-empty on the drawer element itself when the theme drawer renders (as Dawn product-form does), before it opens', async () => {
    const drawer = document.querySelector('cart-drawer') as HTMLElement & { renderContents?: (s: unknown) => void };
    let emptyWhenOpened: boolean | undefined;
    // Dawn's renderContents clears is-empty on .drawer__inner only, and opens on a timer.
    drawer.renderContents = () => {
      drawer.querySelector('.drawer__inner')?.classList.remove('is-empty');
      setTimeout(() => (emptyWhenOpened = drawer.classList.contains('is-empty')));
    };
    const f = vi.fn(async () => json({ id: 111, sections: {} }));
    expect(await nativeAddToCart(document.querySelector('form')!, { fetch: f as unknown as typeof fetch })).toBe('drawer');
    expect(drawer.classList.contains('is-empty')).toBe(false);
    await new Promise((r) => setTimeout(r, 5));
    expect(emptyWhenOpened).toBe(false);
  });

  it('clears is-empty after an add through Shopify.actions too', async () => {
    (window as { Shopify?: unknown }).Shopify = { actions: { updateCart: async () => ({ userErrors: [] }), openCart: vi.fn() } };
    await nativeAddToCart(document.querySelector('form')!, { fetch: vi.fn() as unknown as typeof fetch });
    expect(document.querySelector('cart-drawer')!.classList.contains('is-empty')).toBe(false);
  });

  it('Horizon: the cart icon opens <theme-drawer> around <cart-drawer-component> when there are no Shopify.actions', async () => {
    document.querySelector('cart-drawer')!.remove();
    document.body.insertAdjacentHTML('beforeend', '<theme-drawer id="cart-drawer"><dialog><cart-drawer-component></cart-drawer-component></dialog></theme-drawer>');
    const open = vi.fn();
    (document.querySelector('theme-drawer') as HTMLElement & { open?: () => void }).open = open;
    expect(await openNativeCart()).toBe('drawer');
    expect(open).toHaveBeenCalled();
  });

  it('shows a 422 "sold out" where the theme shows errors, without opening the cart', async () => {
    const f = vi.fn(async () => json({ status: 422, message: 'Cart Error', description: 'The product is already sold out.' }, 422));
    expect(await nativeAddToCart(document.querySelector('form')!, { fetch: f as unknown as typeof fetch })).toBe('declined');
    expect(document.querySelector('.product-form__error-message')!.textContent).toBe('The product is already sold out.');
    expect(document.getElementById('CartDrawer')!.classList.contains('active')).toBe(false);
  });

  it('without a drawer: a plain form post (no submit event a widget could cancel)', async () => {
    document.querySelector('cart-drawer')!.remove();
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    const seen = vi.fn();
    document.addEventListener('submit', seen, true);
    expect(await nativeAddToCart(document.querySelector('form')!, { fetch: vi.fn() as unknown as typeof fetch })).toBe('page');
    expect(submit).toHaveBeenCalled();
    expect(seen).not.toHaveBeenCalled();
    submit.mockRestore();
    document.removeEventListener('submit', seen, true);
  });

  it('cart icon: the drawer when there is one, else the cart page', async () => {
    expect(await openNativeCart()).toBe('drawer');
    expect(document.getElementById('CartDrawer')!.classList.contains('active')).toBe(true);
    document.querySelector('cart-drawer')!.remove();
    const assign = vi.fn();
    const win = { location: { assign } } as unknown as Window & typeof globalThis;
    expect(await openNativeCart({ win })).toBe('page');
    expect(assign).toHaveBeenCalledWith('/cart');
  });

  it('renderSections ignores sections the page does not have', () => {
    renderSections({ missing: '<div>x</div>', 'cart-drawer': null });
    expect(document.getElementById('CartDrawer')!.textContent).toContain('empty');
  });
});
