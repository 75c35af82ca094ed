import { describe, expect, it } from 'vitest';
import { classifyCartResponse, createCartGuard, isCartUrl } from './cartFetch.js';
import { fakeLifeboat } from '../../test/support/fakeLifeboat.js';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('isCartUrl', () => {
  it.each([
    ['/cart/add.js', true], ['/cart/add', true], ['/cart.js', true], ['/cart', true], ['/cart/change.js', true],
    ['/cart/update', true], ['/cart/clear.js', true], ['/fr/cart/add.js', true], ['/en-ca/cart.js', true],
    ['/products/cart', false], ['/cart/checkout', false], ['https://other.example/cart.js', false],
  ])('%s → %s', (u, ok) => expect(isCartUrl(u, 'https://shop.example/products/x')).toBe(ok));
});

describe('classifyCartResponse', () => {
  it('200 → ok', async () => expect(await classifyCartResponse(json(200, { items: [] }))).toBe('ok'));
  it('422 sold out → declined', async () =>
    expect(await classifyCartResponse(json(422, { status: 422, message: 'Cart Error', description: "The product 'X' is already sold out." }))).toBe('declined'));
  it('500 → outage', async () => expect(await classifyCartResponse(json(500, {}))).toBe('outage'));
  it('200 with body status 500 → outage', async () => expect(await classifyCartResponse(json(200, { status: 500, message: 'x' }))).toBe('outage'));
  it('200 with body status 422 → declined', async () => expect(await classifyCartResponse(json(200, { status: 422 }))).toBe('declined'));
});

describe('createCartGuard', () => {
  const withAnswers = (...answers: Array<() => Promise<Response>>) => {
    let i = 0;
    return (async () => answers[Math.min(i++, answers.length - 1)]()) as unknown as typeof fetch;
  };
  it('a 422 is the shopper’s answer: returned, never counted as a failure', async () => {
    const lb = fakeLifeboat({ openAfter: 1 });
    const cart = createCartGuard(lb, { fetch: withAnswers(async () => json(422, { status: 422, description: 'Only 2 items were added to your cart.' })) });
    const res = await cart.fetch('/cart/add.js', { method: 'POST' });
    expect(res.status).toBe(422);
    expect(lb.state('cart')).toBe('closed');
    expect(lb.calls).toEqual([{ guard: 'cart', ok: true }]);
  });
  it('a 500, a 200 with an error body, a network error: failures of the guard', async () => {
    const lb = fakeLifeboat({ openAfter: 3 });
    const cart = createCartGuard(lb, {
      fetch: withAnswers(async () => json(500, {}), async () => json(200, { status: 503 }), async () => { throw new TypeError('Failed to fetch'); }),
    });
    for (let i = 0; i < 3; i++) await expect(cart.fetch('/cart/add.js', { method: 'POST' })).rejects.toBeTruthy();
    expect(lb.state('cart')).toBe('open');
  });
  it('a hang becomes a timeout under the guard’s budget', async () => {
    const lb = fakeLifeboat({ timeout: 30 });
    const cart = createCartGuard(lb, { fetch: ((_: unknown, init: RequestInit) => new Promise((_, rej) => init.signal?.addEventListener('abort', () => rej(new Error('aborted'))))) as unknown as typeof fetch });
    await expect(cart.fetch('/cart.js')).rejects.toMatchObject({ reason: 'timeout' });
  });
  it('other URLs pass straight through', async () => {
    const lb = fakeLifeboat();
    const cart = createCartGuard(lb, { fetch: withAnswers(async () => json(500, {})) });
    expect((await cart.fetch('/products/x.js')).status).toBe(500);
    expect(lb.calls).toEqual([]);
  });
});
