/*
 * "Smart Cart" — a mock cart app, served from its vendor's origin. It takes over the theme's cart
 * the way real cart apps do, the moment this script runs and before its backend has answered:
 *   - a capture-phase `submit` listener on document cancels the product form's add-to-cart,
 *   - a capture-phase `click` listener on document swallows clicks on #cart-icon-bubble,
 *   - a <style> hides the theme's <cart-drawer>,
 *   - window.fetch is patched: theme calls to /cart/add|change|update|clear wait until it is ready.
 * Then it loads its v2 settings from its backend. Until that succeeds, add-to-cart clicks are
 * swallowed — the incident Lifeboat exists for. SmartCart.destroy() undoes every one of these.
 * With `hijack: 'backend'` it takes over only once its backend answered (apps that wait for their
 * settings): until then the theme's cart works; destroy() undoes what is installed so far, but
 * does not cancel a start-up still waiting on the backend — when the answer comes, it takes over
 * then (what a shopper saw on real stores: the cart vanished seconds after the page worked).
 * The server prepends `var __SMARTCART__ = {vendor, chaos, hijack}`.
 */
(function () {
  'use strict';
  var boot = typeof __SMARTCART__ === 'object' ? __SMARTCART__ : { vendor: '', chaos: 'healthy', hijack: 'load' };
  var late = boot.hijack === 'backend';
  var VENDOR = boot.vendor;
  if (window.SmartCart && window.SmartCart.status !== 'destroyed') return; // loaded twice

  var Shopify = window.Shopify || {};
  var root = (Shopify.routes && Shopify.routes.root) || '/';
  var shop = Shopify.shop || location.host;
  var nativeFetch = window.fetch;
  var CART_PATH = /^(?:\/[a-z]{2}(?:-[a-zA-Z]{2})?)?\/cart\/(add|change|update|clear)(?:\.js)?\/?$/;
  var rootEl = null;
  var settings = null;
  var passthrough = false;
  var releaseGate;
  var gate = new Promise(function (resolve) { releaseGate = resolve; });

  var api = {
    status: 'loading',
    version: '2.0.0-demo',
    show: show,
    hide: hide,
    open: show,
    destroy: destroy,
    refresh: function () { return refresh(false); },
  };
  window.SmartCart = api;

  function log(level, msg, extra) {
    try { console[level]('[SmartCart] ' + msg, extra === undefined ? '' : extra); } catch (e) { /* console missing */ }
  }

  function pathOf(url) {
    try { return new URL(url, location.href).pathname; } catch (e) { return ''; }
  }

  // ---- the take-over ----------------------------------------------------------------------------
  var style = document.createElement('style');
  style.id = 'smartcart-takeover';
  style.textContent = 'cart-drawer,cart-notification,theme-drawer#cart-drawer{display:none!important}';
  var hijacked = false;

  function hijack() {
    if (hijacked) return;
    hijacked = true;
    passthrough = false;
    (document.head || document.documentElement).appendChild(style);
    document.addEventListener('submit', onSubmit, true);
    document.addEventListener('click', onClick, true);
    window.fetch = patchedFetch;
  }

  function onSubmit(event) {
    var form = event.target;
    if (!form || form.tagName !== 'FORM') return;
    var action = pathOf(form.getAttribute('action') || '');
    if (!/\/cart\/add(?:\.js)?\/?$/.test(action)) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (api.status !== 'ready') {
      log('warn', 'not ready (' + api.status + '): add-to-cart ignored');
      return;
    }
    addFromForm(form, event.submitter);
  }

  // The theme's cart icon: Dawn's #cart-icon-bubble, Horizon's drawer button, a plain cart link.
  var ICON = '#cart-icon-bubble, [aria-controls="cart-drawer"], a[href$="/cart"]';

  function onClick(event) {
    var target = event.target;
    var icon = target && target.closest && target.closest(ICON);
    if (!icon || (rootEl && rootEl.contains(icon))) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (api.status !== 'ready') {
      log('warn', 'not ready (' + api.status + '): cart icon ignored');
      return;
    }
    refresh(true);
  }

  function patchedFetch(input, init) {
    var url = typeof input === 'string' ? input : input && input.url ? input.url : String(input);
    var match = CART_PATH.exec(pathOf(url));
    if (passthrough || !match) return nativeFetch.apply(window, arguments);
    var args = arguments;
    // Cart calls wait for the app to be ready, so its drawer can follow every change.
    return gate
      .then(function () { return nativeFetch.apply(window, args); })
      .then(function (response) {
        if (api.status === 'ready') refresh(match[1] === 'add');
        return response;
      });
  }

  if (!late) hijack();

  // ---- the drawer -------------------------------------------------------------------------------
  function money(cents) { return '€' + (cents / 100).toFixed(2); }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function mount() {
    if (rootEl || !document.body) return;
    rootEl = el('div', { id: 'smartcart-root', class: 'smartcart', 'aria-hidden': 'true', role: 'dialog', 'aria-label': 'Cart' });
    var css = el('style', {}, '#smartcart-root{position:fixed;top:0;right:0;bottom:0;width:min(380px,100vw);background:#fff;box-shadow:-4px 0 24px rgba(0,0,0,.2);transform:translateX(105%);transition:transform .15s;z-index:2000;font-family:system-ui,sans-serif;display:flex;flex-direction:column;padding:1rem;gap:.8rem}' +
      '#smartcart-root.smartcart--open{transform:none}#smartcart-root .smartcart-line{display:flex;justify-content:space-between;gap:.5rem;border-bottom:1px solid #eee;padding:.4rem 0}' +
      '#smartcart-root .smartcart-checkout{background:' + ((settings && settings.accent) || '#5a31f4') + ';color:#fff;border:0;padding:.9rem;width:100%;font:inherit;cursor:pointer}' +
      '#smartcart-root .smartcart-notice{color:#b00020;font-size:.9rem}' +
      '#smartcart-root .smartcart-header{display:flex;justify-content:space-between;align-items:center;font-size:1.2rem}' +
      '#smartcart-root .smartcart-close{border:0;background:none;font-size:1.5rem;cursor:pointer}');
    css.id = 'smartcart-style';
    rootEl.appendChild(css);
    var header = el('div', { class: 'smartcart-header' });
    header.appendChild(el('strong', {}, (settings && settings.title) || 'Your cart'));
    var close = el('button', { type: 'button', class: 'smartcart-close', 'aria-label': 'Close cart' }, '×');
    close.addEventListener('click', hide);
    header.appendChild(close);
    rootEl.appendChild(header);
    rootEl.appendChild(el('div', { class: 'smartcart-notice', role: 'status' }));
    rootEl.appendChild(el('div', { class: 'smartcart-lines' }));
    var form = el('form', { method: 'post', action: root + 'cart', class: 'smartcart-form' });
    var checkout = el('button', { type: 'submit', name: 'checkout', class: 'smartcart-checkout' }, 'Checkout');
    form.appendChild(checkout);
    rootEl.appendChild(form);
    document.body.appendChild(rootEl);
  }

  function render(cart, notice) {
    mount();
    if (!rootEl) return;
    var lines = rootEl.querySelector('.smartcart-lines');
    lines.textContent = '';
    if (!cart.items.length) lines.appendChild(el('p', { class: 'smartcart-empty' }, 'Your cart is empty'));
    cart.items.forEach(function (item) {
      var row = el('div', { class: 'smartcart-line', 'data-variant-id': String(item.variant_id) });
      row.appendChild(el('span', { class: 'smartcart-line__title' }, item.title));
      row.appendChild(el('span', { class: 'smartcart-line__quantity' }, '× ' + item.quantity));
      row.appendChild(el('span', { class: 'smartcart-line__price' }, money(item.final_line_price)));
      lines.appendChild(row);
    });
    rootEl.querySelector('.smartcart-notice').textContent = notice || '';
    var bubble = document.querySelector('#cart-icon-bubble .cart-count-bubble span[aria-hidden]');
    if (bubble) bubble.textContent = String(cart.item_count);
  }

  function show() {
    mount();
    if (!rootEl) return;
    rootEl.classList.add('smartcart--open');
    rootEl.setAttribute('aria-hidden', 'false');
    document.dispatchEvent(new CustomEvent('smartcart:open'));
  }

  function hide() {
    if (!rootEl) return;
    rootEl.classList.remove('smartcart--open');
    rootEl.setAttribute('aria-hidden', 'true');
  }

  function refresh(open, notice) {
    return nativeFetch(root + 'cart.js', { headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (cart) {
        if (api.status !== 'ready') return;
        render(cart, notice);
        if (open) show();
      })
      .catch(function (e) { log('error', 'could not load the cart', e); });
  }

  // ---- the app's own backend ---------------------------------------------------------------------
  function backend(path, init) {
    return nativeFetch(VENDOR + path, init).then(function (r) {
      return r.json().catch(function () { return null; }).then(function (body) {
        if (!r.ok || !body || (typeof body.status === 'number' && body.status >= 400) || body.error) {
          throw new Error('SmartCart backend ' + path + ' failed: HTTP ' + r.status + (body && body.error ? ' ' + body.error : ''));
        }
        return body;
      });
    });
  }

  function addFromForm(form, submitter) {
    var data = new FormData(form);
    if (submitter) submitter.setAttribute('aria-busy', 'true');
    nativeFetch(root + 'cart/add.js', { method: 'POST', body: data, headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (body && body.status) {
          // The shopper's answer (e.g. sold out), shown in the drawer.
          return refresh(true, body.description || body.message);
        }
        document.dispatchEvent(new CustomEvent('smartcart:add', { detail: { variantId: body.variant_id, quantity: body.quantity } }));
        // The upsell/analytics call real cart apps make before opening their drawer.
        return backend('/api/v2/events', {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain' },
          body: JSON.stringify({ type: 'add', shop: shop, variant: body.variant_id }),
        }).then(
          function () { return refresh(true); },
          function (e) { log('error', 'event failed', e); return refresh(true, 'Some cart features are unavailable right now.'); },
        );
      })
      .catch(function (e) { log('error', 'add-to-cart failed', e); })
      .finally(function () { if (submitter) submitter.removeAttribute('aria-busy'); });
  }

  function start() {
    if (boot.chaos === 'script-throws') {
      // Like the Oct 2025 incident: shared code calls a function that only exists in another version.
      var v1 = {};
      v1.loadV2Settings(shop);
    }
    backend('/api/v2/settings?shop=' + encodeURIComponent(shop), { headers: { Accept: 'application/json' } })
      .then(function (body) {
        if (late) hijack(); // also after a destroy(): this start-up was never cancelled
        else if (api.status === 'destroyed') return;
        settings = body.settings || {};
        api.status = 'ready';
        releaseGate();
        var done = function () {
          mount();
          refresh(false);
          document.dispatchEvent(new CustomEvent('smartcart:ready', { detail: { version: api.version } }));
        };
        if (document.body) done();
        else document.addEventListener('DOMContentLoaded', done, { once: true });
      })
      .catch(function (e) {
        if (api.status === 'destroyed') return;
        api.status = 'error';
        log('error', 'failed to load v2 settings; the cart is unavailable', e);
      });
  }

  // ---- standing down ------------------------------------------------------------------------------
  function destroy() {
    if (api.status === 'destroyed' && !hijacked) return;
    api.status = 'destroyed';
    hijacked = false;
    document.removeEventListener('submit', onSubmit, true);
    document.removeEventListener('click', onClick, true);
    if (style.parentNode) style.parentNode.removeChild(style);
    if (rootEl && rootEl.parentNode) rootEl.parentNode.removeChild(rootEl);
    rootEl = null;
    // Someone may have wrapped fetch after us; then keep our wrapper but make it transparent.
    if (window.fetch === patchedFetch) window.fetch = nativeFetch;
    passthrough = true;
    releaseGate(); // queued cart calls go to the network now
    document.dispatchEvent(new CustomEvent('smartcart:destroyed'));
  }

  start();
})();
