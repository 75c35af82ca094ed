// The demo's Horizon-like <product-form-component>: cancels the submit, POSTs the form's FormData
// to Theme.routes.cart_add_url, and dispatches Shopify's standard `shopify:cart:lines-update` event
// from itself with the request as `event.promise` (the cart drawer and bubble follow it). A
// declined add (`status` in the body) is shown in `.product-form-text__error`.
class ProductFormComponent extends HTMLElement {
  connectedCallback() {
    this.form = this.querySelector('form');
    this.form.addEventListener('submit', (event) => this.handleSubmit(event));
  }

  handleSubmit(event) {
    event.preventDefault();
    const button = this.querySelector('[type="submit"]');
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    const data = new FormData(this.form);
    const promise = fetch(window.Theme.routes.cart_add_url, { method: 'POST', body: data, headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest' } })
      .then((r) => r.json())
      .then((body) => {
        if (body.status) {
          this.showError(body.description || body.message);
          return { detail: { didError: true } };
        }
        this.showError('');
        return { detail: { didError: false, cart: body } };
      })
      .finally(() => button.removeAttribute('aria-disabled'));
    const update = new CustomEvent('shopify:cart:lines-update', {
      bubbles: true,
      detail: { action: 'add', context: 'product-form', lines: [{ merchandiseId: `gid://shopify/ProductVariant/${data.get('id')}`, quantity: Number(data.get('quantity') || 1) }] },
    });
    Object.defineProperty(update, 'promise', { value: promise });
    this.dispatchEvent(update);
    promise.catch((e) => console.error(e));
  }

  showError(message) {
    const wrapper = this.querySelector('.product-form__error-message-wrapper');
    if (!wrapper) return;
    wrapper.toggleAttribute('hidden', !message);
    const text = wrapper.querySelector('.product-form__error-message');
    if (text) text.textContent = message;
  }
}
if (!customElements.get('product-form-component')) customElements.define('product-form-component', ProductFormComponent);
