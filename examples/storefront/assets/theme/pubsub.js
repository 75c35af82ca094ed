// Dawn's assets/pubsub.js + constants.js: a module-level pub/sub, not DOM events.
var PUB_SUB_EVENTS = { cartUpdate: 'cart-update', quantityUpdate: 'quantity-update', variantChange: 'variant-change', cartError: 'cart-error' };
var subscribers = {};
function subscribe(eventName, callback) {
  if (subscribers[eventName] === undefined) subscribers[eventName] = [];
  subscribers[eventName] = [...subscribers[eventName], callback];
  return function unsubscribe() {
    subscribers[eventName] = subscribers[eventName].filter(function (cb) { return cb !== callback; });
  };
}
function publish(eventName, data) {
  if (subscribers[eventName]) subscribers[eventName].forEach(function (cb) { cb(data); });
}
function fetchConfig(type) {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/' + (type || 'json') } };
}
