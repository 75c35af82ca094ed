import { describe, expect, it, vi } from 'vitest';
import { serveNative } from './serve.js';
import { fakeLifeboat } from '../../test/support/fakeLifeboat.js';

describe('serveNative under the cart guard', () => {
  it("a store cart API that fails falls through to the browser's own form post, and counts against the cart guard", async () => {
    document.body.innerHTML = `<form action="/cart/add" method="post"><input name="id" value="7"></form><cart-drawer></cart-drawer>`;
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    const lb = fakeLifeboat();
    const f = vi.fn(async () => new Response('{}', { status: 503, headers: { 'content-type': 'application/json' } }));
    await serveNative({ kind: 'add', el: document.querySelector('form')! }, { lifeboat: lb, fetch: f as unknown as typeof fetch });
    expect(submit).toHaveBeenCalledOnce();
    expect(lb.calls).toEqual([{ guard: 'cart', ok: false }]);
    submit.mockRestore();
  });
});
