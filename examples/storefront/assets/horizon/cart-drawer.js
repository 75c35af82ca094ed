// The demo's Horizon-like <cart-drawer-component>: listens to Shopify's standard
// `shopify:cart:lines-update` event (dispatched by the product form and by Shopify.actions.updateCart);
// when the change settles it re-renders the `cart-drawer-section` section, and on an add with
// `auto-open` it opens the surrounding <theme-drawer>.
class CartDrawerComponent extends HTMLElement {
  connectedCallback() {
    this.onLinesUpdate = (event) => {
      const drawer = this.closest('theme-drawer');
      const autoOpen = this.hasAttribute('auto-open') && event.detail && event.detail.action === 'add';
      if (!event.promise) return;
      event.promise
        .then(() => fetch(`${window.location.pathname}?sections=cart-drawer-section,cart-bubble`, { headers: { Accept: 'application/json' } }))
        .then((r) => r.json())
        .then((sections) => {
          this.render(sections['cart-drawer-section']);
          document.dispatchEvent(new CustomEvent('cart:rendered', { detail: { sections } }));
          if (autoOpen && drawer && !drawer.isOpen && !this.querySelector('.cart-drawer--empty')) drawer.open();
        })
        .catch((e) => {
          if (!e || e.name !== 'AbortError') console.warn('[cart-drawer] update failed', e);
        });
    };
    document.addEventListener('shopify:cart:lines-update', this.onLinesUpdate);
    this.addEventListener('click', (event) => {
      const remove = event.target.closest('.cart-item__remove');
      if (!remove || !window.Shopify || !window.Shopify.actions) return;
      event.preventDefault();
      window.Shopify.actions.getCart().then((cart) => {
        const line = cart.items[Number(remove.dataset.line) - 1];
        if (line) window.Shopify.actions.updateCart({ lines: [{ id: line.key, quantity: 0 }] });
      });
    });
  }

  disconnectedCallback() {
    document.removeEventListener('shopify:cart:lines-update', this.onLinesUpdate);
  }

  render(html) {
    if (!html) return;
    const fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('cart-drawer-component');
    if (fresh) this.innerHTML = fresh.innerHTML;
  }
}
if (!customElements.get('cart-drawer-component')) customElements.define('cart-drawer-component', CartDrawerComponent);
