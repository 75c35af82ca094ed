// A module-level pub/sub, not DOM events (as Dawn's assets/pubsub.js): a script outside the theme
// cannot listen to it. `publish` returns a promise of every subscriber's result.
var subscribers = {};
function subscribe(eventName, callback) {
  subscribers[eventName] = (subscribers[eventName] || []).concat([callback]);
  return function unsubscribe() {
    subscribers[eventName] = subscribers[eventName].filter(function (cb) { return cb !== callback; });
  };
}
function publish(eventName, data) {
  return Promise.all((subscribers[eventName] || []).map(function (cb) { return cb(data); }));
}
