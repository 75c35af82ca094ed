// As Horizon does: Shopify.actions.openCart opens the theme's drawer (else the cart page), and
// updateCart's events come from the drawer's scope.
function init() {
  const actions = window.Shopify && window.Shopify.actions;
  if (!actions) return;
  actions.updateCart.configure({ eventTarget: () => document.querySelector('theme-drawer#cart-drawer') || document });
  actions.openCart.configure({
    async handler() {
      const drawer = document.querySelector('theme-drawer#cart-drawer');
      if (drawer && drawer.open) drawer.open();
      else window.location.href = window.Theme.routes.cart_url || '/cart';
    },
  });
}
if (window.Shopify && window.Shopify.actions) init();
else document.addEventListener('DOMContentLoaded', init, { once: true });
