/**
 * The Horizon variant of the demo theme: markup in the shape Horizon (Shopify's reference theme
 * since 2025, v4 as of mid 2026) renders where an app's native fallback depends on it — a
 * `<theme-drawer id="cart-drawer">` with a `<dialog>` around `<cart-drawer-component>`, the
 * header's cart button (`aria-controls="cart-drawer"`, no `#cart-icon-bubble`), the product form
 * inside `<product-form-component>`, and section `cart-drawer-section` for the Section Rendering
 * API. Its scripts (assets/horizon) are ES modules behind an import map.
 */
import type { CartJson } from '../cart/cart.js';
import { money } from '../catalog.js';
import { esc } from './html.js';

export const HORIZON_MODULES = ['theme-drawer', 'cart-drawer', 'product-form', 'header-actions'] as const;

/** `<head>` part: the import map and the module scripts. */
export function horizonHead(): string {
  const imports = Object.fromEntries(HORIZON_MODULES.map((m) => [`@theme/${m}`, `/horizon/assets/${m}.js`]));
  return [
    `<script type="importmap">${JSON.stringify({ imports })}</script>`,
    ...HORIZON_MODULES.map((m) => `<script type="module" src="/horizon/assets/${m}.js"></script>`),
    // Registers the theme's drawer as the handler of Shopify.actions.openCart (Horizon does the same).
    `<script type="module" src="/horizon/assets/standard-actions-override.js"></script>`,
    `<link rel="stylesheet" href="/horizon/assets/base.css">`,
  ].join('\n');
}

/** The header's cart button (a link to /cart for shoppers without JavaScript). */
export function horizonCartButton(cart: CartJson, root: string): string {
  const count = cart.item_count;
  return `<a href="${esc(root)}cart" class="header-actions__action header-actions__cart-icon" role="button" aria-haspopup="dialog" aria-controls="cart-drawer" aria-label="Cart">
  <svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24"><path d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.7a1 1 0 0 0 1-.8L20 7H6" fill="none" stroke="currentColor" stroke-width="1.6"/></svg>
  <span class="cart-bubble"${count ? '' : ' hidden'}><span class="cart-bubble__text-count">${count || ''}</span></span></a>`;
}

/** What goes inside `<cart-drawer-component>`. */
export function horizonDrawerInner(cart: CartJson, root: string): string {
  const empty = cart.items.length === 0;
  const lines = cart.items
    .map(
      (item, i) => `<li class="cart-item" data-line="${i + 1}" data-variant-id="${item.variant_id}">
  <img src="${esc(item.image)}" alt="" width="48" height="48" loading="lazy"><a href="${esc(item.url)}" class="cart-item__title">${esc(item.product_title)}</a>${
        item.variant_title ? `<span class="cart-item__variant">${esc(item.variant_title)}</span>` : ''
      } <span class="cart-item__quantity">× ${item.quantity}</span> <span class="cart-item__price">${money(item.final_line_price)}</span>
  <a class="cart-item__remove" href="${esc(root)}cart/change?line=${i + 1}&amp;quantity=0" data-line="${i + 1}" aria-label="Remove ${esc(item.title)}">Remove</a></li>`,
    )
    .join('\n');
  return `<div class="cart-drawer__inner${empty ? ' cart-drawer--empty' : ''}">
  <div class="theme-drawer__header"><h2 class="theme-drawer__title" id="cart-drawer-heading">${empty ? 'Your cart is empty' : 'Cart'}</h2>
    <button class="theme-drawer__close" type="button" data-drawer-close aria-label="Close">×</button></div>
  ${
    empty
      ? `<p class="cart-drawer__empty"><a href="${esc(root)}collections/all" class="button">Continue shopping</a></p>`
      : `<div class="cart-drawer__content"><cart-items-component><form action="${esc(root)}cart" method="post" id="cart-form"><ul class="cart-items">${lines}</ul></form></cart-items-component></div>
  <div class="cart-drawer__summary"><p class="cart-totals">Total <strong>${money(cart.total_price)}</strong></p>
    <button type="submit" id="CartDrawer-Checkout" class="cart__checkout-button button" name="checkout" form="cart-form">Check out</button></div>`
  }
</div>`;
}

/** The whole drawer as a page renders it (section `cart-drawer-section`). */
export function horizonDrawer(cart: CartJson, root: string): string {
  return `<theme-drawer id="cart-drawer"><dialog class="theme-drawer__dialog" aria-labelledby="cart-drawer-heading">
<cart-drawer-component auto-open>${horizonDrawerInner(cart, root)}</cart-drawer-component></dialog></theme-drawer>`;
}
