/**
 * Liquid-free pages for the conformance run on a REAL Horizon (`npm run test:themes -- --horizon
 * <dir>`): markup written for this repository in the shape Horizon's snippets render where its
 * real JavaScript depends on it (refs, `on:` attributes, `<theme-drawer id="cart-drawer">` with
 * its `ref="panel"` dialog, `<cart-drawer-component>`, `<cart-items-component
 * data-section-id="cart-drawer-section">`, `<product-form-component on:submit>`, header
 * `<cart-icon>`), while the theme's own JS and CSS are read from the checkout at run time and
 * never copied here: every `assets/*.js` behind an import map generated from the checkout's file
 * list, `base.css`, and the CSS of the `{% stylesheet %}` blocks of its snippets, blocks and
 * sections (what Shopify compiles into the theme's stylesheet). Where this differs from a real
 * store on purpose is listed in docs/real-themes.md.
 */
import type { CartJson } from '../cart/cart.js';
import { money } from '../catalog.js';
import { esc } from './html.js';
import type { ThemeTree } from './themes.js';

/** File names the fixture adds next to the theme's assets (prefixed so no theme file collides). */
export const FIXTURE_CSS = 'lifeboat-fixture--stylesheets.css';
export const FIXTURE_EVENTS = 'lifeboat-fixture--shopify-events.js';

/** Module scripts a Horizon product page loads that the native cart path and the drawer depend on. */
const PAGE_MODULES = [
  'standard-actions-override',
  'dialog',
  'product-form',
  'theme-drawer',
  'cart-drawer',
  'component-cart-items',
  'header-actions',
  'cart-icon',
  'view-event-elements',
  'page-view-event',
];

export interface RealHorizon {
  /** Every `assets/*.js` of the checkout, without `.js` (the import map's `@theme/<name>`). */
  modules: string[];
  /** base.css is served as is; this is the theme's static CSS variables + its `{% stylesheet %}` CSS. */
  css: string;
  describe: string;
}

/** Reads what the pages need from a Horizon checkout (once, at start-up). */
export async function loadRealHorizon(tree: ThemeTree): Promise<RealHorizon> {
  const assets = await tree.list('assets');
  if (!assets.includes('component.js') || !assets.includes('theme-drawer.js')) {
    throw new Error(`${tree.describe}: no assets/component.js or assets/theme-drawer.js — is it a Horizon checkout?`);
  }
  const modules = assets.filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3));
  const parts: string[] = [];
  // Horizon's static design tokens (spacing, layers, animation speeds, drawer width): the
  // declarations of theme-styles-variables.liquid that carry no Liquid. Settings-derived ones
  // (colours, fonts) get fixture values below.
  const vars = String((await tree.read('snippets/theme-styles-variables.liquid')) ?? '');
  const statics = vars.split('\n').filter((l) => /^\s*--[\w-]+:\s*[^{}]*;\s*$/.test(l));
  parts.push(`:root{\n${statics.join('\n')}\n}`);
  parts.push(FIXTURE_SETTINGS_CSS);
  for (const dir of ['snippets', 'blocks', 'sections']) {
    for (const f of await tree.list(dir)) {
      if (!f.endsWith('.liquid')) continue;
      const src = String((await tree.read(`${dir}/${f}`)) ?? '');
      for (const m of src.matchAll(/\{%-?\s*stylesheet\s*-?%\}([\s\S]*?)\{%-?\s*endstylesheet\s*-?%\}/g)) {
        parts.push(`/* ${dir}/${f} */\n${m[1]}`);
      }
    }
  }
  return { modules, css: parts.join('\n'), describe: tree.describe };
}

/** Values a merchant's theme settings would give (colours, fonts): fixture choices, not Horizon's. */
const FIXTURE_SETTINGS_CSS = `:root, .color-scheme-1 {
  --color-background: #fff; --color-background-rgb: 255 255 255; --color-foreground: #121212; --color-foreground-rgb: 18 18 18;
  --color-foreground-heading: #121212; --color-primary: #121212; --color-primary-rgb: 18 18 18; --color-border: #dedede; --color-border-rgb: 222 222 222;
  --color-primary-button-background: #121212; --color-primary-button-text: #fff; --color-primary-button-border: #121212;
  --color-secondary-button-background: #fff; --color-secondary-button-text: #121212; --color-secondary-button-border: #121212;
  --backdrop-color-rgb: 0 0 0; --backdrop-opacity: 0.3; --style-border-drawer: 1px solid #dedede;
  --font-body--family: system-ui, sans-serif; --font-body--weight: 400; --font-body--style: normal;
  --font-paragraph--family: system-ui, sans-serif; --font-paragraph--weight: 400; --font-paragraph--size: 1rem; --font-paragraph--line-height: 1.4;
  --font-heading--family: system-ui, sans-serif; --font-heading--weight: 600; --font-h4--size: 1.25rem;
  --font-primary--family: system-ui, sans-serif; --font-secondary--family: system-ui, sans-serif; --font-subheading--family: system-ui, sans-serif;
  --header-height: 60px; --header-group-height: 60px;
}
body { margin: 0; font-family: system-ui, sans-serif; }
/* Horizon's body is a flex column: the demo's centred main (margin: 0 auto) would shrink to its
   content and widen when a slot fills; in Horizon, main stretches across its page wrapper. */
main.content-for-layout { width: 100%; max-width: 1100px; box-sizing: border-box; align-self: center; }`;

/** `<head>` part: the platform's Theme global, the import map, module scripts, stylesheets. */
export function realHorizonHead(h: RealHorizon, root: string): string {
  const imports: Record<string, string> = Object.fromEntries(h.modules.map((m) => [`@theme/${m}`, `/horizon/assets/${m}.js`]));
  // Shopify's Standard Events module comes from Shopify's CDN on a real store; here, the fixture's.
  imports['@shopify/events'] = `/horizon/assets/${FIXTURE_EVENTS}`;
  const theme = {
    translations: { added: 'Added', cart_count: 'Cart count', items_added_to_cart_one: '1 item added to cart', items_added_to_cart_other: '{{ count }} items added to cart' },
    routes: {
      cart_add_url: `${root}cart/add.js`,
      cart_change_url: `${root}cart/change`,
      cart_update_url: `${root}cart/update`,
      cart_url: `${root}cart`,
      predictive_search_url: `${root}search/suggest`,
      search_url: `${root}search`,
    },
    template: { name: 'product' },
  };
  return [
    `<script type="importmap">${JSON.stringify({ imports })}</script>`,
    `<script>window.Theme = ${JSON.stringify(theme)};</script>`,
    ...PAGE_MODULES.filter((m) => h.modules.includes(m)).map((m) => `<script type="module" src="/horizon/assets/${m}.js"></script>`),
    `<link rel="stylesheet" href="/horizon/assets/base.css">`,
    `<link rel="stylesheet" href="/horizon/assets/${FIXTURE_CSS}">`,
  ].join('\n');
}

/** The header's cart trigger inside `<header-actions>`, with `<cart-icon>` and its bubble refs. */
export function realHorizonCartButton(cart: CartJson): string {
  const n = cart.item_count;
  return `<header-actions class="header-actions">
<button class="header-actions__action button-unstyled" on:click="#cart-drawer/toggle" aria-haspopup="dialog" aria-controls="cart-drawer" aria-label="Cart" aria-describedby="cart-bubble-text">
<cart-icon class="header-actions__cart-icon${n ? ' header-actions__cart-icon--has-cart' : ''}">
<span class="svg-wrapper"><svg aria-hidden="true" width="24" height="24" viewBox="0 0 24 24"><path d="M3 4h2l2.4 10.2a1 1 0 0 0 1 .8h8.7a1 1 0 0 0 1-.8L20 7H6" fill="none" stroke="currentColor" stroke-width="1.6"/></svg></span>
<div ref="cartBubble" class="cart-bubble${n ? '' : ' visually-hidden'}"><span class="cart-bubble__background"></span><span ref="cartBubbleText" id="cart-bubble-text" class="cart-bubble__text"><span class="cart-bubble__text-count${n ? '' : ' hidden'}" ref="cartBubbleCount" aria-hidden="true">${n || ''}</span></span></div>
</cart-icon></button>
<div class="visually-hidden" role="status" aria-live="polite" ref="liveRegion"></div>
</header-actions>`;
}

function lines(cart: CartJson): string {
  return cart.items
    .map(
      (item, i) => `<tr class="cart-items__table-row" ref="cartItemRows[]" data-key="${esc(item.key)}" data-line="${i + 1}" role="row">
  <td class="cart-items__media" role="cell"><a href="${esc(item.url)}" class="cart-items__media-container"><img src="${esc(item.image)}" alt="" width="64" height="64" loading="lazy" class="cart-items__media-image"></a></td>
  <td class="cart-items__details cart-primary-typography" role="cell"><div class="cart-items__product-info"><div class="cart-items__title-row"><a href="${esc(item.url)}" class="cart-items__title">${esc(item.product_title)}</a></div>${
        item.variant_title ? `<div class="cart-items__variants">${esc(item.variant_title)}</div>` : ''
      }</div></td>
  <td class="cart-items__quantity" role="cell"><span class="cart-items__quantity-value">× ${item.quantity}</span>
    <button type="button" class="button button-unstyled cart-items__remove" on:click="/onLineItemRemove/${i + 1}" aria-label="Remove ${esc(item.title)}">Remove</button></td>
  <td class="cart-items__price" role="cell"><span class="cart-items__price-value">${money(item.final_line_price)}</span></td>
</tr>`,
    )
    .join('\n');
}

/** Section `cart-drawer-section`, wrapper included (the page and the Section Rendering API both render this). */
export function realHorizonDrawerSection(cart: CartJson, root: string): string {
  const empty = cart.items.length === 0;
  const r = esc(root);
  const header = empty
    ? `<div class="theme-drawer__header"><button on:click="#cart-drawer/close" class="theme-drawer__close-button cart-drawer__close-button--empty" type="button" aria-label="Close">×</button></div>`
    : `<div class="theme-drawer__header"><h2 class="theme-drawer__title h4" id="cart-drawer-heading">Cart <span class="theme-drawer__badge" aria-hidden="true">${cart.item_count}</span><span class="visually-hidden">Cart count: ${cart.item_count}</span></h2>
  <button class="theme-drawer__close-button" on:click="#cart-drawer/close" type="button" aria-label="Close">×</button></div>`;
  const emptyContent = `<div class="cart-drawer__content" aria-label="Cart"><h2 class="theme-drawer__title h4" id="cart-drawer-heading">Your cart is empty</h2>
  <div class="cart-drawer__items"><div class="cart-items__wrapper cart-items__wrapper--drawer-empty" data-cart-drawer-empty><a class="button cart-items__empty-button" href="${r}collections/all"><span class="button-text">Continue shopping</span></a></div></div></div>`;
  const content = empty
    ? emptyContent
    : `<div class="cart-drawer__content" aria-label="Cart" style="--header-height: 60px;"><div class="cart-drawer__items"><div class="cart-items__wrapper">
  <span class="visually-hidden" ref="cartItemCount" aria-hidden="true">${cart.item_count}</span>
  <form action="${r}cart" class="cart-form" id="cart-form" method="post"><div class="cart-items"><table class="cart-items__table" role="table"><tbody role="rowgroup">${lines(cart)}</tbody></table></div></form>
  </div></div>
  <div class="cart-drawer__summary"><div class="cart-totals"><div class="cart-totals__container"><span class="cart-totals__total-label">Estimated total</span> <span class="cart-totals__total-value">${money(cart.total_price)}</span></div></div>
  <button type="submit" id="checkout" class="cart__checkout-button button" name="checkout" form="cart-form"><span class="button-text">Check out</span></button></div></div>`;
  return `<div id="shopify-section-cart-drawer-section" class="shopify-section">
<theme-drawer id="cart-drawer" data-skip-node-update>
<dialog ref="panel" class="theme-drawer__dialog color-scheme-1" aria-labelledby="cart-drawer-heading" cart-summary-sticky="true">
<cart-drawer-component auto-open>
<template id="empty-cart-template">${emptyContent}</template>
<div class="cart-drawer__inner${empty ? ' cart-drawer--empty' : ''}" data-hydration-key="cart-drawer-inner">
${header}
<cart-items-component class="cart-items-component" data-drawer view-event-trigger="dialog" data-section-id="cart-drawer-section">${content}</cart-items-component>
</div>
</cart-drawer-component>
</dialog>
</theme-drawer>
</div>`;
}

/** The buy buttons: `<product-form-component on:submit>` around Shopify's product form. */
export function realHorizonProductForm(opts: { root: string; productId: number; productUrl: string; variantField: string; soldOut: boolean }): string {
  return `<product-form-component data-section-id="main" data-product-id="${opts.productId}" data-product-url="${esc(opts.productUrl)}" on:submit="/handleSubmit" data-quantity-default="1" id="ProductFormComponent-main">
  <div class="visually-hidden" aria-live="assertive" role="status" aria-atomic="true" ref="liveRegion"></div>
  <form method="post" action="${esc(opts.root)}cart/add" id="BuyButtons-ProductForm-main" accept-charset="UTF-8" class="shopify-product-form" enctype="multipart/form-data" data-type="add-to-cart-form">
    <input type="hidden" name="form_type" value="product"><input type="hidden" name="utf8" value="✓">
    ${opts.variantField}
    <label for="Quantity-main">Quantity</label> <input class="quantity__input" type="number" name="quantity" id="Quantity-main" min="1" value="1">
    <div class="product-form-buttons" ref="productFormButtons">
      <span class="product-form-text__error hidden" ref="addToCartTextError"><span class="svg-wrapper"></span></span>
      <add-to-cart-component ref="addToCartButtonContainer" data-add-to-cart-animation="false">
        <button id="ProductSubmitButton-main" type="submit" name="add" ref="addToCartButton" on:click="/handleClick" class="button add-to-cart-button"${opts.soldOut ? ' disabled' : ''}>${opts.soldOut ? 'Sold out' : 'Add to cart'}</button>
      </add-to-cart-component>
    </div>
    <input type="hidden" name="product-id" value="${opts.productId}">
  </form>
</product-form-component>`;
}
