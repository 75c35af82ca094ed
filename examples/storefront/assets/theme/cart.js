// Cart lines of the demo theme (cart page and drawer), with the element names Dawn's
// assets/cart.js uses: <cart-items>, <cart-drawer-items> (defined in cart-drawer.js on top of
// CartItems) and <cart-remove-button data-index>. A change POSTs to routes.cart_change_url with
// the sections to re-render, then publishes `cart-update` on the theme's pub/sub.
class CartRemoveButton extends HTMLElement {
  constructor() {
    super();
    this.addEventListener('click', (event) => {
      event.preventDefault();
      const items = this.closest('cart-items') || this.closest('cart-drawer-items');
      items.updateQuantity(this.dataset.index, 0);
    });
  }
}
if (!customElements.get('cart-remove-button')) customElements.define('cart-remove-button', CartRemoveButton);

class CartItems extends HTMLElement {
  getSectionsToRender() {
    return [{ id: 'main-cart-items', section: 'main-cart-items', selector: '#main-cart-items' }, { id: 'cart-icon-bubble', section: 'cart-icon-bubble', selector: '.shopify-section' }];
  }

  updateQuantity(line, quantity) {
    const body = JSON.stringify({ line, quantity, sections: this.getSectionsToRender().map((s) => s.section), sections_url: window.location.pathname });
    return fetch(window.routes.cart_change_url, { ...fetchConfig(), body })
      .then((response) => response.text())
      .then((state) => {
        const parsed = JSON.parse(state);
        if (parsed.errors || parsed.status) {
          const errors = document.getElementById('cart-errors') || document.getElementById('CartDrawer-CartErrors');
          if (errors) errors.textContent = window.cartStrings.error;
          return;
        }
        const drawer = document.querySelector('cart-drawer');
        if (drawer) drawer.classList.toggle('is-empty', parsed.item_count === 0);
        this.classList.toggle('is-empty', parsed.item_count === 0);
        this.getSectionsToRender().forEach((section) => {
          const host = document.getElementById(section.id);
          const target = (host && host.querySelector(section.selector)) || host;
          const html = parsed.sections && parsed.sections[section.section];
          if (target && html) target.innerHTML = new DOMParser().parseFromString(html, 'text/html').querySelector(section.selector).innerHTML;
        });
        publish(PUB_SUB_EVENTS.cartUpdate, { source: 'cart-items', cartData: parsed });
      })
      .catch((e) => console.error(e));
  }
}
if (!customElements.get('cart-items')) customElements.define('cart-items', CartItems);
