// Helpers every component of the demo theme uses, with the names and behaviour Dawn's
// assets/global.js gives them: the focus trap of drawers, the fetch defaults, a debounce.
function getFocusableElements(container) {
  return Array.prototype.slice.call(
    container.querySelectorAll('summary, a[href], button:enabled, [tabindex]:not([tabindex^="-"]), input:not([type=hidden]):enabled, select:enabled, textarea:enabled'),
  );
}

var trapFocusHandlers = {};

// Like Dawn: a null container throws (reading querySelectorAll) — what a drawer left with a stale
// `is-empty` class runs into.
function trapFocus(container, elementToFocus) {
  var target = elementToFocus || container;
  var elements = getFocusableElements(container);
  var first = elements[0];
  var last = elements[elements.length - 1];
  removeTrapFocus();
  trapFocusHandlers.keydown = function (event) {
    if (event.code.toUpperCase() !== 'TAB') return;
    if (event.target === last && !event.shiftKey) {
      event.preventDefault();
      first.focus();
    } else if ((event.target === container || event.target === first) && event.shiftKey) {
      event.preventDefault();
      last.focus();
    }
  };
  trapFocusHandlers.focusin = function (event) {
    if (event.target === container || event.target === first || event.target === last) document.addEventListener('keydown', trapFocusHandlers.keydown);
  };
  trapFocusHandlers.focusout = function () {
    document.removeEventListener('keydown', trapFocusHandlers.keydown);
  };
  document.addEventListener('focusin', trapFocusHandlers.focusin);
  document.addEventListener('focusout', trapFocusHandlers.focusout);
  target.focus();
}

function removeTrapFocus(elementToFocus) {
  document.removeEventListener('focusin', trapFocusHandlers.focusin);
  document.removeEventListener('focusout', trapFocusHandlers.focusout);
  document.removeEventListener('keydown', trapFocusHandlers.keydown);
  if (elementToFocus) elementToFocus.focus();
}

function debounce(fn, wait) {
  var t;
  return function () {
    var args = arguments;
    var self = this;
    clearTimeout(t);
    t = setTimeout(function () { fn.apply(self, args); }, wait);
  };
}

function fetchConfig(type) {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/' + (type || 'json') } };
}
