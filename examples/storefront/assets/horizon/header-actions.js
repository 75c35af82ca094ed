// The header's cart button opens the cart drawer (Horizon: on:click="#cart-drawer/toggle"); the
// bubble follows cart changes.
const button = document.querySelector('[aria-controls="cart-drawer"]');
if (button) {
  button.addEventListener('click', (event) => {
    const drawer = document.querySelector('theme-drawer#cart-drawer');
    if (!drawer || !drawer.toggle) return;
    event.preventDefault();
    drawer.toggle();
  });
}
document.addEventListener('cart:rendered', (event) => {
  const html = event.detail && event.detail.sections && event.detail.sections['cart-bubble'];
  const current = document.querySelector('[aria-controls="cart-drawer"] .cart-bubble');
  const fresh = html && new DOMParser().parseFromString(html, 'text/html').querySelector('.cart-bubble');
  if (current && fresh) current.replaceWith(fresh);
});
