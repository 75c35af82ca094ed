// A stand-in for a third-party cart app (a slide-out mini cart), written for this example. Like
// real cart apps it takes over the store's add-to-cart form, says when it is ready, and offers a
// clean-up method that Lifeboat calls (`standDown`) if it takes the widget over.
(() => {
  const root = document.createElement('aside');
  root.id = 'minicart-root';
  root.setAttribute('aria-label', 'Mini cart');
  root.hidden = true;
  root.style.cssText = 'position:fixed;top:0;right:0;width:18rem;height:100%;background:#fff;box-shadow:0 0 1rem #0003;padding:1rem';
  const line = document.createElement('p');
  line.className = 'minicart-line';
  root.append(line);
  let count = 0;

  const onSubmit = (event) => {
    const form = event.target instanceof HTMLFormElement && event.target.closest('form[action$="/cart/add"]');
    if (!form) return;
    event.preventDefault();
    fetch(form.action, { method: 'POST', body: new FormData(form) }).then((res) => {
      if (!res.ok) return;
      count += 1;
      line.textContent = `Mini cart: ${count} item${count === 1 ? '' : 's'}`;
      root.hidden = false;
    });
  };
  document.addEventListener('submit', onSubmit);
  document.body.append(root);

  window.MiniCart = {
    status: 'ready',
    destroy() {
      document.removeEventListener('submit', onSubmit);
      root.remove();
    },
  };
  document.dispatchEvent(new CustomEvent('minicart:ready'));
})();
