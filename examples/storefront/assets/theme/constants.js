// The demo theme's names for its pub/sub topics (Dawn keeps them in assets/constants.js, a
// classic script loaded before pubsub.js and the components).
var ON_CHANGE_DEBOUNCE_TIMER = 300;
var PUB_SUB_EVENTS = { cartUpdate: 'cart-update', quantityUpdate: 'quantity-update', variantChange: 'variant-change', cartError: 'cart-error' };
