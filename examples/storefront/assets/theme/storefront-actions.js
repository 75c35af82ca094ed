// Emulates Shopify's Standard Storefront Actions and Events (announced June 2026) on top of the
// Ajax Cart API, for pages served with ?native=1: Shopify.actions.getCart/updateCart/openCart,
// configure({handler}), isDefault(), and the `shopify:cart:lines-update` / `shopify:cart:error`
// DOM events. The resolved cart is the Ajax cart plus CartSummary's totalQuantity (Horizon's
// cart icon reads it). A declined change resolves with userErrors; it is not an error event.
(function () {
  'use strict';
  var Shopify = (window.Shopify = window.Shopify || {});
  var root = (Shopify.routes && Shopify.routes.root) || '/';
  var handler = null;
  var eventTarget = null;

  function variantId(merchandiseId) {
    var m = /(\d+)$/.exec(String(merchandiseId));
    return m ? Number(m[1]) : NaN;
  }

  function post(path, body) {
    return fetch(root + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    }).then(function (r) {
      return r.json().then(function (json) { return { ok: r.ok && !json.status, status: r.status, body: json }; });
    });
  }

  function getCart() {
    return fetch(root + 'cart.js', { headers: { Accept: 'application/json' } }).then(function (r) { return r.json(); });
  }

  function actionOf(lines) {
    if (lines.every(function (l) { return l.merchandiseId && !l.id; })) return 'add';
    if (lines.every(function (l) { return Number(l.quantity) === 0; })) return 'remove';
    return 'update';
  }

  function updateCart(input) {
    var lines = (input && input.lines) || [];
    var userErrors = [];
    var chain = Promise.resolve();
    lines.forEach(function (line, i) {
      chain = chain.then(function () {
        var req = line.id
          ? post('cart/change.js', { id: String(line.id), quantity: Number(line.quantity) })
          : post('cart/add.js', { items: [{ id: variantId(line.merchandiseId), quantity: Number(line.quantity) || 1, properties: line.attributes || undefined }] });
        return req.then(function (res) {
          if (!res.ok) userErrors.push({ field: ['lines', String(i)], code: res.status === 422 ? 'INVALID' : 'ERROR', message: res.body.description || res.body.message });
        });
      });
    });
    var promise = chain
      .then(getCart)
      .then(function (cart) { cart.totalQuantity = cart.item_count; return { cart: cart, userErrors: userErrors }; })
      .catch(function (error) {
        document.dispatchEvent(new CustomEvent('shopify:cart:error', { detail: { error: error, code: 'NETWORK_ERROR' } }));
        throw error;
      });
    var event = new CustomEvent('shopify:cart:lines-update', {
      bubbles: true,
      detail: { action: actionOf(lines), context: (input && input.context) || null, lines: lines },
    });
    Object.defineProperty(event, 'promise', { value: promise });
    // Shopify's Standard Events carry the payload on the event itself (Horizon reads event.action).
    event.action = event.detail.action;
    event.context = event.detail.context;
    event.lines = lines;
    ((eventTarget && eventTarget()) || document).dispatchEvent(event);
    return promise;
  }

  function openCart() {
    if (handler && typeof handler.openCart === 'function') return Promise.resolve(handler.openCart());
    var drawer = document.querySelector('cart-drawer');
    if (drawer && typeof drawer.open === 'function' && typeof drawer.renderContents === 'function') {
      return fetch(window.location.pathname + '?sections=cart-drawer,cart-icon-bubble')
        .then(function (r) { return r.json(); })
        .then(function (sections) {
          drawer.renderContents({ sections: sections });
          // Dawn's drawer keeps `is-empty` after renderContents (its product form clears it).
          drawer.classList.toggle('is-empty', !drawer.querySelector('.cart-item'));
        });
    }
    window.location.href = root + 'cart';
    return Promise.resolve();
  }

  // Themes configure each action (Horizon: updateCart.configure({eventTarget}),
  // openCart.configure({handler})) or all at once (configure({handler})).
  updateCart.configure = function (opts) { eventTarget = (opts && opts.eventTarget) || null; };
  openCart.configure = function (opts) { handler = opts && opts.handler ? { openCart: opts.handler } : null; };
  Shopify.actions = {
    getCart: getCart,
    updateCart: updateCart,
    openCart: openCart,
    configure: function (opts) { handler = (opts && opts.handler) || null; },
    isDefault: function () { return handler === null; },
  };
})();
