// Like Dawn's assets/cart-drawer.js: turns #cart-icon-bubble into a drawer opener and renders the
// `cart-drawer` / `cart-icon-bubble` sections returned by the cart endpoints.
class CartDrawer extends HTMLElement {
  constructor() {
    super();
    this.addEventListener('keyup', (evt) => evt.code === 'Escape' && this.close());
    this.addEventListener('click', (evt) => this.onClick(evt));
    this.setHeaderCartIconAccessibility();
  }

  setHeaderCartIconAccessibility() {
    const cartLink = document.querySelector('#cart-icon-bubble');
    if (!cartLink) return;
    cartLink.setAttribute('role', 'button');
    cartLink.setAttribute('aria-haspopup', 'dialog');
    cartLink.addEventListener('click', (event) => {
      event.preventDefault();
      this.open(cartLink);
    });
    cartLink.addEventListener('keydown', (event) => {
      if (event.code.toUpperCase() === 'SPACE') {
        event.preventDefault();
        this.open(cartLink);
      }
    });
  }

  onClick(evt) {
    const target = evt.target;
    if (target.closest('#CartDrawer-Overlay') || target.closest('.drawer__close')) {
      this.close();
      return;
    }
    const remove = target.closest('.cart-remove-button');
    if (remove) {
      evt.preventDefault();
      this.updateQuantity(Number(remove.dataset.index), 0);
    }
  }

  updateQuantity(line, quantity) {
    const body = JSON.stringify({ line, quantity, sections: this.getSectionsToRender().map((s) => s.id), sections_url: window.location.pathname });
    fetch(window.routes.cart_change_url, { ...fetchConfig(), body })
      .then((response) => response.text())
      .then((state) => {
        const parsed = JSON.parse(state);
        if (parsed.errors || parsed.status) return;
        this.classList.toggle('is-empty', parsed.item_count === 0);
        this.renderContents(parsed, { open: false });
        publish(PUB_SUB_EVENTS.cartUpdate, { source: 'cart-drawer', cartData: parsed });
      })
      .catch((e) => console.error(e));
  }

  open(triggeredBy) {
    if (triggeredBy) this.setActiveElement(triggeredBy);
    this.classList.add('animate', 'active');
    document.body.classList.add('overflow-hidden');
    const inner = this.querySelector('.drawer__inner');
    if (inner) inner.focus({ preventScroll: true });
  }

  close() {
    this.classList.remove('active');
    document.body.classList.remove('overflow-hidden');
    if (this.activeElement && this.activeElement.focus) this.activeElement.focus({ preventScroll: true });
  }

  renderContents(parsedState, options) {
    this.productId = parsedState.id;
    this.getSectionsToRender().forEach((section) => {
      const el = section.selector ? document.querySelector(section.selector) : document.getElementById(section.id);
      const html = parsedState.sections && parsedState.sections[section.id];
      if (!el || !html) return;
      el.innerHTML = this.getSectionInnerHTML(html, section.selector);
    });
    const empty = !this.querySelector('#CartDrawer-Form');
    this.classList.toggle('is-empty', empty);
    if (!options || options.open !== false) setTimeout(() => this.open());
  }

  getSectionInnerHTML(html, selector = '.shopify-section') {
    return new DOMParser().parseFromString(html, 'text/html').querySelector(selector).innerHTML;
  }

  getSectionsToRender() {
    return [{ id: 'cart-drawer', selector: '#CartDrawer' }, { id: 'cart-icon-bubble' }];
  }

  setActiveElement(element) {
    this.activeElement = element;
  }
}

if (!customElements.get('cart-drawer')) customElements.define('cart-drawer', CartDrawer);

// A theme that knows Shopify's standard cart events keeps its drawer and bubble in step with
// changes made through Shopify.actions (only emitted on pages served with ?native=1).
document.addEventListener('shopify:cart:lines-update', (event) => {
  const drawer = document.querySelector('cart-drawer');
  if (!drawer || !event.promise) return;
  event.promise
    .then(() => fetch(`${window.location.pathname}?sections=cart-drawer,cart-icon-bubble`))
    .then((r) => r.json())
    .then((sections) => drawer.renderContents({ sections }, { open: false }))
    .catch(() => {});
});
