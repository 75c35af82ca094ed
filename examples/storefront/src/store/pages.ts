/** Server-rendered pages of the Dawn-like demo theme. */
import type { CartJson } from '../cart/cart.js';
import { PRODUCTS, money, productAvailable, type Product } from '../catalog.js';
import { esc, scriptJson } from './html.js';
import type { ThemeName } from './themes.js';
import { cartDrawerElement, cartIconBubble, cartLiveRegion, mainCartItems } from './sections.js';
import { horizonCartButton, horizonDrawer, horizonHead } from './horizon.js';
import { realHorizonCartButton, realHorizonDrawerSection, realHorizonHead, realHorizonProductForm, type RealHorizon } from './realHorizon.js';

export interface PageContext {
  /** Shopify.routes.root: '/' or a locale prefix like '/fr/'. */
  root: string;
  cart: CartJson;
  /** The Lifeboat config to embed with the loader, or null for a store without Lifeboat. */
  lifeboat: { config: unknown; src: string } | null;
  /** The cart app's script included directly (a store without Lifeboat), or null. */
  smartcartSrc: string | null;
  /** Emulate Shopify's Standard Storefront Actions (`Shopify.actions`, `shopify:cart:*` events). */
  nativeActions: boolean;
  /** Which theme variant renders the page. */
  theme: ThemeName;
  /** A real Horizon's assets are served (conformance run): Horizon pages use the fixture's real-Horizon markup. */
  realHorizon?: RealHorizon;
}

/** The theme's stylesheets that decide what an app's native fallback shows (a real theme's in `npm run test:themes`). */
const DAWN_CSS = ['base.css', 'component-cart-drawer.css', 'component-cart.css', 'component-cart-items.css', 'component-totals.css'];
/** CSS variables Dawn's layout sets from theme settings (its drawer transitions need a duration). */
const DAWN_VARS =
  '--duration-default:200ms;--duration-short:100ms;--duration-long:500ms;--color-foreground:18,18,18;--color-background:255,255,255;' +
  '--color-button:18,18,18;--color-button-text:255,255,255;--font-body-family:system-ui,sans-serif;--font-body-scale:1;--font-heading-scale:1;' +
  '--buttons-radius:0px;--inputs-radius:0px;--page-width:110rem;--drawer-shadow-opacity:0;--color-shadow:18,18,18';

function layout(ctx: PageContext, title: string, main: string, template: string): string {
  const r = esc(ctx.root);
  const horizon = ctx.theme === 'horizon';
  const real = horizon ? ctx.realHorizon : undefined;
  const routes = {
    root: ctx.root,
    cart_url: `${ctx.root}cart`,
    cart_add_url: `${ctx.root}cart/add`,
    cart_change_url: `${ctx.root}cart/change`,
    cart_update_url: `${ctx.root}cart/update`,
  };
  const head = [
    `<script>window.Shopify = { routes: { root: ${JSON.stringify(ctx.root)} }, shop: 'demo-store.myshopify.com', locale: ${JSON.stringify(ctx.root === '/' ? 'en' : ctx.root.slice(1, -1))}, currency: { active: 'EUR' } };
window.routes = ${scriptJson(routes)};
window.Theme = { routes: ${scriptJson(routes)} };
window.cartStrings = { error: 'There was an error while updating your cart. Please try again.', quantityError: 'You can only add [quantity] of this item to your cart.' };
window.variantStrings = { addToCart: 'Add to cart', soldOut: 'Sold out', unavailable: 'Unavailable' };</script>`,
    // Shopify's Standard Storefront Actions come with the platform (every Horizon page has them).
    ctx.nativeActions || horizon ? `<script src="/assets/storefront-actions.js" defer></script>` : '',
    // Dawn's order: constants, pub/sub and global helpers first; the drawer needs cart.js.
    ...(real ? [realHorizonHead(real, ctx.root)] : horizon ? [horizonHead()] : ['constants', 'pubsub', 'global', 'cart', 'cart-drawer', 'product-form'].map((f) => `<script src="/assets/${f}.js" defer></script>`)),
    // What an app embed block (target: head) renders; see examples/shopify-theme-app-extension.
    ctx.lifeboat
      ? `<script type="application/json" id="lifeboat-config">${scriptJson(ctx.lifeboat.config)}</script>\n<script src="${esc(ctx.lifeboat.src)}" defer></script>`
      : '',
    // How a cart app's script tag / app embed reaches a store that has no Lifeboat.
    ctx.smartcartSrc ? `<script src="${esc(ctx.smartcartSrc)}" async></script>` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return `<!doctype html>
<html lang="${ctx.root === '/' ? 'en' : esc(ctx.root.slice(1, -1))}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} – Demo Store</title>
<link rel="icon" href="data:,">
${horizon ? '' : `<style>:root{${DAWN_VARS}}.drawer{visibility:hidden}</style>\n${DAWN_CSS.map((f) => `<link rel="stylesheet" href="/assets/${f}">`).join('\n')}`}
<link rel="stylesheet" href="/assets/theme.css">
${head}
</head>
<body class="template-${esc(template)}">
<a class="skip-to-content-link visually-hidden" href="#MainContent">Skip to content</a>
${real ? realHorizonDrawerSection(ctx.cart, ctx.root) : horizon ? horizonDrawer(ctx.cart, ctx.root) : cartDrawerElement(ctx.cart, ctx.root)}
<header class="header">
  <a href="${r}" class="header__heading-link">Demo Store</a>
  <nav class="header__menu"><a href="${r}">Home</a> <a href="${r}collections/all">Catalog</a></nav>
  ${real ? realHorizonCartButton(ctx.cart) : horizon ? horizonCartButton(ctx.cart, ctx.root) : `<a href="${r}cart" class="header__icon header__icon--cart link" id="cart-icon-bubble">${cartIconBubble(ctx.cart)}</a>`}
</header>
<p id="cart-live-region-text" class="visually-hidden" role="status">${cartLiveRegion(ctx.cart)}</p>
<main id="MainContent" class="content-for-layout" role="main">
${main}
</main>
<footer class="footer"><p>Demo store for Lifeboat · not a real shop</p></footer>
</body>
</html>`;
}

function card(p: Product, root: string): string {
  const from = Math.min(...p.variants.map((v) => v.price));
  return `<li class="grid__item"><div class="card" data-product-id="${p.id}">
  <a href="${esc(root)}products/${esc(p.handle)}" class="card__link"><img src="/images/${esc(p.handle)}.svg" alt="" width="240" height="240" loading="lazy">
  <h3 class="card__heading">${esc(p.title)}</h3></a>
  <p class="price">${money(from)}${productAvailable(p) ? '' : ' <span class="badge">Sold out</span>'}</p>
</div></li>`;
}

export function homePage(ctx: PageContext): string {
  return layout(
    ctx,
    'Home',
    `<section class="banner"><h1>Goods that keep selling</h1><p>A small Dawn-like store for trying Lifeboat.</p>
<a class="button" href="${esc(ctx.root)}collections/all">Shop all</a></section>
<section><h2>Featured</h2><ul class="grid product-grid">${PRODUCTS.slice(0, 4).map((p) => card(p, ctx.root)).join('')}</ul></section>`,
    'index',
  );
}

export function collectionPage(ctx: PageContext): string {
  return layout(
    ctx,
    'All products',
    `<h1 class="collection-hero__title">All products</h1><ul class="grid product-grid" id="product-grid">${PRODUCTS.map((p) => card(p, ctx.root)).join('')}</ul>`,
    'collection',
  );
}

export function productPage(ctx: PageContext, p: Product, variantId?: number): string {
  const selected = p.variants.find((v) => v.id === variantId) ?? p.variants.find((v) => v.available) ?? p.variants[0];
  const single = p.variants.length === 1;
  const options = p.variants
    .map(
      (v) =>
        `<option value="${v.id}"${v.id === selected.id ? ' selected' : ''}>${esc(v.title)} – ${money(v.price)}${v.available ? '' : ' (sold out)'}</option>`,
    )
    .join('');
  return layout(
    ctx,
    p.title,
    `<section class="product" data-product-id="${p.id}">
  <div class="product__media"><img src="/images/${esc(p.handle)}.svg" alt="${esc(p.title)}" width="480" height="480"></div>
  <div class="product__info-wrapper">
    <p class="product__text caption">${esc(p.vendor)}</p>
    <h1 class="product__title">${esc(p.title)}</h1>
    <p class="price" id="price">${money(selected.price)}</p>
    <p>${esc(p.description)}</p>
    ${
      ctx.realHorizon && ctx.theme === 'horizon'
        ? realHorizonProductForm({
            root: ctx.root,
            productId: p.id,
            productUrl: `${ctx.root}products/${p.handle}`,
            variantField: single
              ? `<input type="hidden" name="id" ref="variantId" value="${selected.id}">`
              : `<label for="Variant-${p.id}">Variant</label> <select name="id" ref="variantId" id="Variant-${p.id}" class="select__select">${options}</select>`,
            soldOut: single && !selected.available,
          })
        : `<${ctx.theme === 'horizon' ? 'product-form-component' : 'product-form'} class="product-form" data-section-id="main">
      <div class="product-form__error-message-wrapper" role="alert" hidden><span class="product-form__error-message"></span></div>
      <form method="post" action="${esc(ctx.root)}cart/add" id="product-form-main" accept-charset="UTF-8" class="form" enctype="multipart/form-data" novalidate="novalidate" data-type="add-to-cart-form">
        <input type="hidden" name="form_type" value="product">
        <input type="hidden" name="utf8" value="✓">
        ${
          single
            ? `<input type="hidden" name="id" value="${selected.id}">`
            : `<label for="Variant-${p.id}">Variant</label> <select name="id" id="Variant-${p.id}" class="select__select">${options}</select>`
        }
        <label for="Quantity-main">Quantity</label>
        <input class="quantity__input" type="number" name="quantity" id="Quantity-main" min="1" value="1">
        <div class="product-form__buttons">
          <button id="ProductSubmitButton-main" type="submit" name="add" class="product-form__submit button button--full-width"${
            single && !selected.available ? ' disabled' : ''
          }><span>${single && !selected.available ? 'Sold out' : 'Add to cart'}</span><div class="loading__spinner hidden" aria-hidden="true"></div></button>
        </div>
        <input type="hidden" name="product-id" value="${p.id}">
        <input type="hidden" name="section-id" value="main">
      </form>
    </${ctx.theme === 'horizon' ? 'product-form-component' : 'product-form'}>`
    }
  </div>
</section>
<section class="related-products" aria-label="You may also like">
  <h2 class="related-products__heading">You may also like</h2>
  <div class="product-recommendations" data-lifeboat-recommendations data-product-id="${p.id}" data-limit="4" style="min-height:320px"><span data-lifeboat-placeholder aria-hidden="true" style="display:block"></span></div>
</section>`,
    'product',
  );
}

export function cartPage(ctx: PageContext, error?: string): string {
  return layout(
    ctx,
    'Your cart',
    `<h1 class="title">Your cart</h1>
${error ? `<div class="cart__warnings" role="alert"><p class="cart-error">${esc(error)}</p></div>` : ''}
<cart-items>
<form action="${esc(ctx.root)}cart" method="post" id="cart" class="cart__contents">
<div id="main-cart-items">${mainCartItems(ctx.cart, ctx.root)}</div>
</form>
</cart-items>`,
    'cart',
  );
}

/** The end of the shopper's path in the demo (real Shopify hands over to its checkout). */
export function checkoutPage(ctx: PageContext): string {
  const lines = ctx.cart.items
    .map((i) => `<li class="checkout-line" data-variant-id="${i.variant_id}"><span class="checkout-line__title">${esc(i.title)}</span> × <span class="checkout-line__quantity">${i.quantity}</span> <span>${money(i.final_line_price)}</span></li>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Checkout – Demo Store</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/assets/theme.css"></head>
<body class="template-checkout"><main id="MainContent" class="checkout">
<h1>Checkout</h1>
${ctx.cart.items.length ? `<ul class="checkout-lines">${lines}</ul><p class="checkout-total">Total <strong>${money(ctx.cart.total_price)}</strong></p>` : '<p class="checkout-empty">Your cart is empty.</p>'}
<p><button type="button" class="button" disabled>Pay now (demo)</button></p>
<p><a href="${esc(ctx.root)}cart">Return to cart</a></p>
</main></body></html>`;
}

export function notFoundPage(ctx: PageContext): string {
  return layout(ctx, 'Not found', `<h1>404 Page not found</h1><p><a href="${esc(ctx.root)}">Back home</a></p>`, '404');
}

/** A placeholder product picture, so pages have images with fixed sizes and no network. */
export function productSvg(p: Product): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 480 480"><rect width="480" height="480" fill="${esc(p.color)}"/><text x="240" y="250" font-family="sans-serif" font-size="36" text-anchor="middle" fill="#222">${esc(p.title)}</text></svg>`;
}
