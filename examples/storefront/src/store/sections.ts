/**
 * Sections the Section Rendering API can render (`?sections=a,b` → `{id: html}`), each wrapped
 * in `<div id="shopify-section-{id}" class="shopify-section">` as Shopify does.
 */
import type { CartJson } from '../cart/cart.js';
import { money } from '../catalog.js';
import { esc } from './html.js';
import { horizonCartButton, horizonDrawer } from './horizon.js';
import { realHorizonDrawerSection } from './realHorizon.js';

export const wrapSection = (id: string, inner: string) =>
  `<div id="shopify-section-${esc(id)}" class="shopify-section">${inner}</div>`;

/** Inner HTML of `#cart-icon-bubble`. */
export function cartIconBubble(cart: CartJson): string {
  const count = cart.item_count;
  return (
    `<svg class="icon icon-cart" aria-hidden="true" focusable="false" width="24" height="24" viewBox="0 0 24 24">` +
    `<path d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.7a1 1 0 0 0 1-.8L20 7H6" fill="none" stroke="currentColor" stroke-width="1.6"/>` +
    `<circle cx="9" cy="19" r="1.4"/><circle cx="17" cy="19" r="1.4"/></svg>` +
    `<span class="visually-hidden">Cart</span>` +
    (count > 0
      ? `<div class="cart-count-bubble"><span aria-hidden="true">${count}</span><span class="visually-hidden">${count} item${count === 1 ? '' : 's'}</span></div>`
      : '')
  );
}

/**
 * The drawer's content, i.e. what goes into `#CartDrawer` (section `cart-drawer`), in the shape
 * Dawn's cart-drawer snippet has: the empty state only for an empty cart, then the header, the
 * lines form in `<cart-drawer-items>` and the footer always — CSS decides what shows (`is-empty`).
 */
export function cartDrawerInner(cart: CartJson, root: string): string {
  const empty = cart.items.length === 0;
  const lines = cart.items
    .map(
      (item, i) => `<tr class="cart-item" id="CartDrawer-Item-${i + 1}" data-variant-id="${item.variant_id}">
  <td class="cart-item__media"><img src="${esc(item.image)}" alt="" width="48" height="48" loading="lazy"></td>
  <td class="cart-item__details"><a href="${esc(item.url)}" class="cart-item__name">${esc(item.product_title)}</a>${
        item.variant_title ? `<div class="product-option">${esc(item.variant_title)}</div>` : ''
      }</td>
  <td class="cart-item__quantity"><span class="quantity" data-quantity="${item.quantity}">× ${item.quantity}</span>
    <cart-remove-button id="CartDrawer-Remove-${i + 1}" data-index="${i + 1}"><a class="cart-remove-button" href="${esc(root)}cart/change?line=${i + 1}&amp;quantity=0" aria-label="Remove ${esc(item.title)}">Remove</a></cart-remove-button></td>
  <td class="cart-item__totals">${money(item.final_line_price)}</td>
</tr>`,
    )
    .join('\n');
  return `<div id="CartDrawer-Overlay" class="cart-drawer__overlay"></div>
<div class="drawer__inner" role="dialog" aria-modal="true" aria-label="Your cart" tabindex="-1">
  ${
    empty
      ? `<div class="drawer__inner-empty"><div class="cart-drawer__warnings center"><div class="cart-drawer__empty-content"><h2 class="cart__empty-text">Your cart is empty</h2>
    <button class="drawer__close" type="button" aria-label="Close">×</button><a href="${esc(root)}collections/all" class="button">Continue shopping</a></div></div></div>`
      : ''
  }
  <div class="drawer__header"><h2 class="drawer__heading">Your cart</h2>
    <button class="drawer__close" type="button" aria-label="Close">×</button></div>
  <cart-drawer-items${empty ? ' class="is-empty"' : ''}><form action="${esc(root)}cart" id="CartDrawer-Form" class="cart__contents cart-drawer__form" method="post">
    <div id="CartDrawer-CartItems" class="drawer__contents js-contents">${empty ? '' : `<div class="drawer__cart-items-wrapper"><table class="cart-items"><tbody>${lines}</tbody></table></div>`}</div>
    <p id="CartDrawer-LiveRegionText" class="visually-hidden" role="status"></p>
    <p id="CartDrawer-LineItemStatus" class="visually-hidden" aria-hidden="true" role="status">Loading…</p>
    <div id="CartDrawer-CartErrors" role="alert"></div>
  </form></cart-drawer-items>
  <div class="drawer__footer">
    <div class="totals"><h2 class="totals__total">Estimated total</h2><p class="totals__total-value">${money(cart.total_price)}</p></div>
    <div class="cart__ctas"><button type="submit" id="CartDrawer-Checkout" class="cart__checkout-button button" name="checkout" form="CartDrawer-Form"${empty ? ' disabled' : ''}>Check out</button></div>
  </div>
</div>`;
}

/** The whole `<cart-drawer>` element as the theme renders it (`is-empty` for an empty cart). */
export function cartDrawerElement(cart: CartJson, root: string): string {
  return `<cart-drawer class="drawer${cart.items.length === 0 ? ' is-empty' : ''}"><div id="CartDrawer" class="cart-drawer">${cartDrawerInner(cart, root)}</div></cart-drawer>`;
}

/** Lines of the cart page (`main-cart-items`), a form that works without JavaScript. */
export function mainCartItems(cart: CartJson, root: string): string {
  if (cart.items.length === 0) {
    return `<div class="cart__warnings"><h1 class="cart__empty-text">Your cart is empty</h1><a href="${esc(root)}collections/all" class="button">Continue shopping</a></div>`;
  }
  const rows = cart.items
    .map(
      (item, i) => `<tr class="cart-item" id="CartItem-${i + 1}" data-variant-id="${item.variant_id}">
  <td><img src="${esc(item.image)}" alt="" width="64" height="64"></td>
  <td><a href="${esc(item.url)}" class="cart-item__name">${esc(item.product_title)}</a>${
        item.variant_title ? `<div class="product-option">${esc(item.variant_title)}</div>` : ''
      }<div class="product-option">${money(item.final_price)}</div></td>
  <td><label class="visually-hidden" for="Quantity-${i + 1}">Quantity</label>
    <input class="quantity__input" type="number" name="updates[]" id="Quantity-${i + 1}" value="${item.quantity}" min="0" data-index="${i + 1}">
    <a class="cart-remove-button" href="${esc(root)}cart/change?line=${i + 1}&amp;quantity=0">Remove</a></td>
  <td class="cart-item__totals">${money(item.final_line_price)}</td>
</tr>`,
    )
    .join('\n');
  return `<table class="cart-items"><thead><tr><th colspan="2">Product</th><th>Quantity</th><th>Total</th></tr></thead><tbody>${rows}</tbody></table>
<div class="cart__footer">
  <p class="totals"><span>Estimated total</span> <strong class="totals__total-value">${money(cart.total_price)}</strong></p>
  <button type="submit" class="button button--secondary" name="update">Update</button>
  <button type="submit" id="checkout" class="cart__checkout-button button" name="checkout">Check out</button>
</div>`;
}

export const cartLiveRegion = (cart: CartJson) => `${cart.item_count} item${cart.item_count === 1 ? '' : 's'} in your cart`;

/** Renders a section by id; unknown ids give null, as Shopify answers them. */
export function renderSection(id: string, cart: CartJson, root: string, real?: { horizon?: boolean }): string | null {
  switch (id) {
    case 'cart-icon-bubble':
      return wrapSection(id, cartIconBubble(cart));
    case 'cart-drawer':
      return wrapSection(id, cartDrawerElement(cart, root));
    case 'cart-live-region-text':
      return wrapSection(id, cartLiveRegion(cart));
    // Horizon's sections.
    case 'cart-drawer-section':
      // A real Horizon's components need its own drawer markup (the conformance run's fixture).
      return real?.horizon ? realHorizonDrawerSection(cart, root) : wrapSection(id, horizonDrawer(cart, root));
    case 'cart-bubble':
      return wrapSection(id, horizonCartButton(cart, root));
    case 'main-cart-items':
      return wrapSection(id, `<div id="main-cart-items">${mainCartItems(cart, root)}</div>`);
    default:
      return null;
  }
}

/** `sections` arrives as "a,b", ["a","b"] or FormData's joined array; at most 5, like Shopify. */
export function parseSections(value: unknown): string[] {
  const list = Array.isArray(value) ? value.flatMap((v) => String(v).split(',')) : typeof value === 'string' ? value.split(',') : [];
  return list.map((s) => s.trim()).filter(Boolean).slice(0, 5);
}

export function renderSections(ids: string[], cart: CartJson, root: string, real?: { horizon?: boolean }): Record<string, string | null> {
  return Object.fromEntries(ids.map((id) => [id, renderSection(id, cart, root, real)]));
}
