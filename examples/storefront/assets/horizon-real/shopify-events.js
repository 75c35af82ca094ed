// Stand-in for Shopify's Standard Events module (`@shopify/events`, served by Shopify's CDN at
// https://cdn.shopify.com/storefront/standard-events.js, never by the theme), written for the
// conformance run from the module's published type declarations: the event names, event classes
// whose payload fields sit on the event itself (`event.action`, `event.promise`), deferred
// promises, the Ajax-cart-to-CartSummary helper and the view-event element factory. Only what a
// real Horizon imports; no network.
export const StandardEvents = Object.freeze({
  pageView: 'shopify:page:view',
  productView: 'shopify:product:view',
  productSelect: 'shopify:product:select',
  cartView: 'shopify:cart:view',
  cartError: 'shopify:cart:error',
  cartLinesUpdate: 'shopify:cart:lines-update',
  cartNoteUpdate: 'shopify:cart:note-update',
  cartDiscountUpdate: 'shopify:cart:discount-update',
  searchUpdate: 'shopify:search:update',
  collectionView: 'shopify:collection:view',
  collectionUpdate: 'shopify:collection:update',
});

function deferred() {
  let resolve;
  let reject;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // An unobserved rejection must not surface as a page error.
  promise.catch(() => {});
  return { promise, resolve, reject };
}

function createGid(type, id) {
  const s = String(id);
  return s.startsWith('gid://') ? s : `gid://shopify/${type}/${s}`;
}

function money(cents, currency) {
  return { amount: (Number(cents) / 100).toFixed(2), currencyCode: currency || 'EUR' };
}

function fromAjaxCart(cart) {
  if (!cart) return null;
  return {
    id: createGid('Cart', cart.token || ''),
    totalQuantity: Number(cart.item_count) || 0,
    cost: { totalAmount: money(cart.total_price, cart.currency) },
    lines: (cart.items || []).map((l) => ({
      id: createGid('CartLine', l.key || l.id),
      quantity: l.quantity,
      cost: { totalAmount: money(l.final_line_price, cart.currency) },
    })),
    discountCodes: (cart.discount_codes || []).map((d) => ({ code: d.code, applicable: !!d.applicable })),
  };
}

export class ShopifyStandardEvent extends Event {
  static eventName = '';
  static createGid = createGid;
  constructor(type, payload, options) {
    super(type, { bubbles: true, composed: true, ...options });
    Object.assign(this, payload);
  }
}

function eventClass(name, extra = {}) {
  const C = class extends ShopifyStandardEvent {
    static eventName = name;
    constructor(payload) {
      super(name, payload || {});
    }
  };
  return Object.assign(C, extra);
}

export const PageViewEvent = eventClass(StandardEvents.pageView);
export const ProductViewEvent = eventClass(StandardEvents.productView);
export const ProductSelectEvent = eventClass(StandardEvents.productSelect, { createPromise: deferred });
export const CartViewEvent = eventClass(StandardEvents.cartView, { createCartFromAjaxResponse: fromAjaxCart });
export const CartErrorEvent = eventClass(StandardEvents.cartError);
export const CartLinesUpdateEvent = eventClass(StandardEvents.cartLinesUpdate, { createPromise: deferred, createCartFromAjaxResponse: fromAjaxCart });
export const CartNoteUpdateEvent = eventClass(StandardEvents.cartNoteUpdate, { createPromise: deferred, createCartFromAjaxResponse: fromAjaxCart });
export const CartDiscountUpdateEvent = eventClass(StandardEvents.cartDiscountUpdate, { createPromise: deferred, createCartFromAjaxResponse: fromAjaxCart });
const noFilters = () => undefined;
const noSort = () => undefined;
export const SearchUpdateEvent = eventClass(StandardEvents.searchUpdate, { createPromise: deferred, parseProductFilters: noFilters, getSortKey: noSort });
export const CollectionViewEvent = eventClass(StandardEvents.collectionView);
export const CollectionUpdateEvent = eventClass(StandardEvents.collectionUpdate, { createPromise: deferred, parseProductFilters: noFilters, getSortKey: noSort });

/** `createViewEventElement(Base, {defaultTrigger})`: a base class whose elements can dispatch their view event. */
export function createViewEventElement(Base = HTMLElement, options = {}) {
  return class extends Base {
    connectedCallback() {
      super.connectedCallback?.();
      const trigger = this.getAttribute('view-event-trigger') || options.defaultTrigger || 'connect';
      if (trigger === 'connect') this.dispatchViewEvent();
    }
    disconnectedCallback() {
      super.disconnectedCallback?.();
    }
    dispatchViewEvent() {
      // Analytics only: nothing in the conformance run listens; the page's own events are enough.
    }
  };
}
