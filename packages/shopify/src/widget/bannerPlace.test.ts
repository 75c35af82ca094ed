// Placement on the structures the native cart meets: Dawn's drawer (`<cart-drawer>` →
// `#CartDrawer` → `.drawer__inner`: header, `<cart-drawer-items>`, footer; `visibility:hidden`
// until `.active`; `div:empty{display:none}`), Horizon's (`<theme-drawer>` → closed `<dialog>` →
// `<cart-drawer-component>` → `.cart-drawer__inner`: header, `<cart-items-component>`), the cart
// page, and a page with none of them. The markup is a minimal stand-in written for these tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hideBanner, showBanner } from '../banner/index.js';
import { forgetDismissals } from '../banner/dismissed.js';
import { dawnSpot, horizonSpot, noticePlace, onCartPage } from './bannerPlace.js';

const DAWN_CSS = '<style>.drawer{visibility:hidden}.drawer.active{visibility:visible}div:empty{display:none}cart-drawer.is-empty .drawer__header{display:none}</style>';
const dawnDrawer = (empty = false) => `<cart-drawer class="drawer${empty ? ' is-empty' : ''}"><div id="CartDrawer" class="cart-drawer">
  <div id="CartDrawer-Overlay" class="cart-drawer__overlay"></div>
  <div class="drawer__inner" role="dialog" aria-modal="true" aria-label="Your cart" tabindex="-1">
    ${empty ? '<div class="drawer__inner-empty"><div class="cart-drawer__warnings"><h2 class="cart__empty-text">Your cart is empty</h2></div></div>' : ''}
    <div class="drawer__header"><h2 class="drawer__heading">Your cart</h2><button class="drawer__close" type="button">×</button></div>
    <cart-drawer-items${empty ? ' class="is-empty"' : ''}><form action="/cart" id="CartDrawer-Form" class="cart__contents" method="post"><div id="CartDrawer-CartItems">${empty ? '' : '<table><tr class="cart-item"><td>Tote</td></tr></table>'}</div></form></cart-drawer-items>
    <div class="drawer__footer"><button type="submit" id="CartDrawer-Checkout" name="checkout" form="CartDrawer-Form">Check out</button></div>
  </div></div></cart-drawer>`;
const horizonDrawer = `<theme-drawer id="cart-drawer"><dialog class="theme-drawer__dialog"><cart-drawer-component>
  <div class="cart-drawer__inner">
    <div class="theme-drawer__header"><h2 class="theme-drawer__title" id="cart-drawer-heading">Cart</h2></div>
    <cart-items-component class="cart-items-component" data-drawer><div class="cart-drawer__content"><div class="cart-drawer__items"><p class="line">Tote</p></div>
      <div class="cart-drawer__summary"><button type="submit" id="checkout" name="checkout" form="cart-form">Check out</button></div></div></cart-items-component>
  </div></cart-drawer-component></dialog></theme-drawer>`;
const header = '<header><a href="/cart" id="cart-icon-bubble">Cart</a></header>';
const productForm = '<form method="post" action="/cart/add"><input type="hidden" name="id" value="1"><button type="submit" name="add">Add to cart</button></form>';

beforeEach(() => {
  forgetDismissals();
  sessionStorage.clear();
  history.replaceState(null, '', '/products/linen-tote');
});
afterEach(() => hideBanner());

describe('noticePlace', () => {
  it('Dawn drawer on a product page: inside the drawer, above the lines', () => {
    document.body.innerHTML = DAWN_CSS + header + productForm + dawnDrawer();
    const p = noticePlace();
    expect(p.kind).toBe('dawn-drawer');
    const h = showBanner({ text: 'Basic mode', place: p.place })!;
    expect(h.el.parentElement!.classList.contains('drawer__inner')).toBe(true);
    expect(h.el.previousElementSibling!.className).toBe('drawer__header');
    expect(h.el.nextElementSibling!.localName).toBe('cart-drawer-items');
    // Not hidden by `div:empty` (it has content) and rendered once the drawer opens.
    document.querySelector('cart-drawer')!.classList.add('active');
    expect(h.el.checkVisibility({ visibilityProperty: true })).toBe(true);
  });

  it('Dawn drawer with an empty cart: at the top of what the empty drawer shows (its header is hidden)', () => {
    document.body.innerHTML = DAWN_CSS + dawnDrawer(true);
    const s = dawnSpot()!;
    expect(s.parent.className).toBe('drawer__inner-empty');
    expect(s.before!.className).toBe('cart-drawer__warnings');
  });

  it('Dawn drawer, empty then filled by the first add: stays put while empty, moves above the lines after the render', async () => {
    document.body.innerHTML = DAWN_CSS + dawnDrawer(true);
    const h = showBanner({ text: 'Basic mode', place: noticePlace().place })!;
    const moves: string[] = [];
    const mo = new MutationObserver((rs) => rs.forEach((r) => [...r.addedNodes].includes(h.el) && moves.push((r.target as Element).className)));
    mo.observe(document.body, { childList: true, subtree: true });
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    expect(moves).toEqual([]); // placed once, not re-placed over and over
    expect(h.el.parentElement!.className).toBe('drawer__inner-empty');
    // The add: Dawn replaces #CartDrawer's HTML, and the drawer loses is-empty.
    const fresh = new DOMParser().parseFromString(dawnDrawer(), 'text/html');
    document.getElementById('CartDrawer')!.innerHTML = fresh.getElementById('CartDrawer')!.innerHTML;
    document.querySelector('cart-drawer')!.classList.remove('is-empty');
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
    mo.disconnect();
    expect(moves).toEqual(['drawer__inner']);
    expect(h.el.nextElementSibling!.localName).toBe('cart-drawer-items');
  });

  it('Horizon drawer: in `.cart-drawer__inner`, between its header and `<cart-items-component>`; rendered only when the dialog is open', () => {
    document.body.innerHTML = header + productForm + horizonDrawer;
    const p = noticePlace();
    expect(p.kind).toBe('horizon-drawer');
    const h = showBanner({ text: 'Basic mode', place: p.place })!;
    expect(h.el.nextElementSibling!.localName).toBe('cart-items-component');
    expect(h.el.previousElementSibling!.className).toBe('theme-drawer__header');
    expect(h.el.checkVisibility()).toBe(false);
    document.querySelector('dialog')!.setAttribute('open', '');
    expect(h.el.checkVisibility()).toBe(true);
    expect(horizonSpot()!.parent.className).toBe('cart-drawer__inner');
  });

  it('the cart page (also with Dawn’s drawer in the page, and under a locale prefix): a toast clear of checkout', () => {
    history.replaceState(null, '', '/fr/cart');
    document.body.innerHTML = DAWN_CSS + header + dawnDrawer() + '<cart-items><form action="/fr/cart" method="post" id="cart"><p>Tote</p></form></cart-items><button id="checkout" name="checkout" form="cart">Check out</button>';
    expect(onCartPage()).toBe(true);
    const p = noticePlace();
    expect(p.kind).toBe('cart-page');
    expect('toast' in p.place && p.place.toast.avoid).toContain('[name="checkout"]');
  });

  it('a cart form outside any drawer makes a cart page even when the path does not say so', () => {
    history.replaceState(null, '', '/pages/my-cart');
    document.body.innerHTML = '<form action="/cart" method="post"><button name="checkout">Check out</button></form>';
    expect(noticePlace().kind).toBe('cart-page');
    document.body.innerHTML = dawnDrawer(); // the drawer's own /cart form does not count
    expect(noticePlace().kind).toBe('dawn-drawer');
  });

  it('the cart path: /cart, /cart/, a locale prefix, an absolute form action; not a product or collection named cart', () => {
    document.body.innerHTML = dawnDrawer();
    for (const p of ['/cart', '/cart/', '/fr/cart', '/en-ca/cart']) {
      history.replaceState(null, '', p);
      expect(onCartPage(), p).toBe(true);
    }
    for (const p of ['/products/cart', '/collections/cart-accessories', '/pages/cart-help']) {
      history.replaceState(null, '', p);
      expect(onCartPage(), p).toBe(false);
    }
    document.body.innerHTML = `<form action="${location.origin}/de/cart" method="post"></form>`;
    expect(onCartPage()).toBe(true);
  });

  it('none of them: a toast that avoids checkout, add-to-cart and the cart icon', () => {
    document.body.innerHTML = header + productForm;
    const p = noticePlace();
    expect(p.kind).toBe('toast');
    const avoid = 'toast' in p.place ? p.place.toast.avoid : '';
    for (const sel of ['#cart-icon-bubble', 'form[action="/cart/add"] button']) expect(document.querySelector(sel)!.matches(avoid), sel).toBe(true);
  });
});
