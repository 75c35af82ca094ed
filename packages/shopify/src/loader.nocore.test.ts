// The loader when the SDK core chunk cannot be had (offline, a 404 on the asset): a widget that
// failed keeps its held clicks from it, and they still reach a cart — the browser's own form
// post. Its own file: a page's gate listens on window for the rest of the test file.
import { expect, it, vi } from 'vitest';

vi.mock('./chunks.js', () => ({
  core: () => Promise.reject(new TypeError('Failed to fetch dynamically imported module')),
  degraded: () => new Promise(() => {}),
  validator: () => new Promise(() => {}),
  breaker: () => new Promise(() => {}),
  recs: () => new Promise(() => {}),
}));

it('the core does not load and the widget fails: a held add-to-cart is posted by the browser', async () => {
  const errors: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.map(String).join(' ')));
  const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
  document.body.innerHTML = '<form action="/cart/add" method="post"><button>Add</button></form>';
  const el = document.createElement('script');
  el.type = 'application/json';
  el.id = 'lifeboat-config';
  el.textContent = JSON.stringify({ widgets: [{ name: 'smartcart', script: 'https://cdn.example/smartcart.js', ready: { event: 'smartcart:ready' }, budget: 100 }] });
  document.head.append(el);
  await import('./loader.js');
  // Clicked while the widget starts: held.
  document.querySelector('form')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
  expect(submit).not.toHaveBeenCalled();
  await vi.waitFor(() => expect(submit).toHaveBeenCalledOnce(), { timeout: 3000 });
  expect(errors.join('\n')).toMatch(/native mode.*Failed to fetch/);
  // A later click is served the same way.
  document.querySelector('form')!.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true }));
  expect(submit).toHaveBeenCalledTimes(2);
});
