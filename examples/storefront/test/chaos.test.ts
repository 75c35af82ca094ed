// @vitest-environment node
// The mock vendors' chaos modes, as the fault-matrix tests rely on them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStorefront, type Storefront } from '../src/index.js';

let demo: Storefront;
beforeAll(async () => {
  demo = await startStorefront({ widgets: false, collector: false });
});
afterAll(() => demo?.close());

const settings = () => `${demo.cartVendorUrl}/api/v2/settings?shop=demo-store.myshopify.com`;
const recs = () => `${demo.recsVendorUrl}/api/recommendations?product_id=7001&limit=2`;

describe('cart vendor chaos', () => {
  it('healthy: script and API answer, with CORS', async () => {
    await demo.setChaos('cart', { mode: 'healthy' });
    const script = await fetch(`${demo.cartVendorUrl}/smartcart.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    const text = await script.text();
    expect(text).toContain(`"vendor":"${demo.cartVendorUrl}"`);
    expect(text).toContain('"chaos":"healthy"');
    const api = await fetch(settings());
    expect(api.status).toBe(200);
    expect(api.headers.get('access-control-allow-origin')).toBe('*');
    expect(await api.json()).toMatchObject({ status: 'ok', shop: 'demo-store.myshopify.com' });
  });

  it('hang: the API answers nothing within a timeout; the script still loads', async () => {
    await demo.setChaos('cart', { mode: 'hang' });
    const outcome = await fetch(settings(), { signal: AbortSignal.timeout(800) }).then(
      () => 'answered',
      (err: Error) => err.name,
    );
    expect(outcome).toBe('TimeoutError');
    expect((await fetch(`${demo.cartVendorUrl}/smartcart.js`)).status).toBe(200);
  });

  it('slow: every API answer is delayed by ms', async () => {
    await demo.setChaos('cart', { mode: 'slow', ms: 300 });
    const t = performance.now();
    const res = await fetch(settings());
    expect(res.status).toBe(200);
    expect(performance.now() - t).toBeGreaterThanOrEqual(250);
  });

  it('500 and error-200', async () => {
    await demo.setChaos('cart', { mode: '500' });
    expect((await fetch(settings())).status).toBe(500);
    await demo.setChaos('cart', { mode: 'error-200' });
    const res = await fetch(settings());
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 500, error: expect.any(String) });
    const event = await fetch(`${demo.cartVendorUrl}/api/v2/events`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect((await event.json()).status).toBe(500);
  });

  it('script-404 and script-throws change only the script', async () => {
    await demo.setChaos('cart', { mode: 'script-404' });
    expect((await fetch(`${demo.cartVendorUrl}/smartcart.js`)).status).toBe(404);
    expect((await fetch(settings())).status).toBe(200);
    await demo.setChaos('cart', { mode: 'script-throws' });
    const script = await fetch(`${demo.cartVendorUrl}/smartcart.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('"chaos":"script-throws"');
  });

  it('logs every request with its path and time, and can forget them', async () => {
    await demo.setChaos('cart', { mode: 'healthy' });
    demo.clearVendorRequests('cart');
    const before = Date.now();
    await fetch(`${demo.cartVendorUrl}/smartcart.js`);
    await fetch(settings());
    await fetch(`${demo.cartVendorUrl}/__chaos`);
    const log = demo.vendorRequests('cart');
    expect(log.map((r) => r.path)).toEqual(['/smartcart.js', '/api/v2/settings']);
    expect(log[1].url).toContain('shop=');
    expect(log[0].at).toBeGreaterThanOrEqual(before);
  });

  it('rejects unknown modes with the field and the allowed values', async () => {
    await expect(demo.setChaos('cart', { mode: 'down' as never })).rejects.toThrow(/chaos\.mode must be one of healthy, slow/);
    await expect(demo.setChaos('cart', { mode: 'slow', ms: -1 })).rejects.toThrow(/chaos\.ms/);
    await expect(demo.setChaos('nope' as never, { mode: 'hang' })).rejects.toThrow(/vendor must be 'cart' or 'recs'/);
  });

  it('has a control page on the vendor origin (HTML forms, no inline handlers)', async () => {
    const page = await (await fetch(`${demo.cartVendorUrl}/__chaos`)).text();
    expect(page).toContain('<form method="post" action="/__chaos">');
    expect(page).not.toMatch(/\son[a-z]+=/);
    const res = await fetch(`${demo.cartVendorUrl}/__chaos`, {
      method: 'POST',
      body: new URLSearchParams({ mode: 'slow', ms: '1200' }),
      headers: { accept: 'text/html' },
      redirect: 'manual',
    });
    expect(res.status).toBe(303);
    expect(demo.chaos('cart')).toEqual({ mode: 'slow', ms: 1200 });
    const bad = await fetch(`${demo.cartVendorUrl}/__chaos`, { method: 'POST', body: JSON.stringify({ mode: 'x' }), headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    await demo.setChaos('cart', { mode: 'healthy' });
  });
});

describe('recommendations vendor chaos', () => {
  it('healthy answers products with CORS; hang, 500 and error-200 misbehave', async () => {
    await demo.setChaos('recs', { mode: 'healthy' });
    const ok = await fetch(recs());
    expect(ok.headers.get('access-control-allow-origin')).toBe('*');
    const body = await ok.json();
    expect(body.products).toHaveLength(2);
    expect(body.products[0]).toMatchObject({ id: expect.any(Number), title: expect.any(String), handle: expect.any(String), price: expect.any(Number), url: expect.stringMatching(/^\/products\//) });

    await demo.setChaos('recs', { mode: 'hang' });
    expect(await fetch(recs(), { signal: AbortSignal.timeout(500) }).then(() => 'answered', (e: Error) => e.name)).toBe('TimeoutError');
    await demo.setChaos('recs', { mode: '500' });
    expect((await fetch(recs())).status).toBe(500);
    await demo.setChaos('recs', { mode: 'error-200' });
    expect((await (await fetch(recs())).json()).status).toBe(500);
    await demo.setChaos('recs', { mode: 'healthy' });
    expect(demo.vendorRequests('recs').filter((r) => r.path === '/api/recommendations')).toHaveLength(4);
  });
});

it('closes promptly even with hanging requests open', async () => {
  const d = await startStorefront({ widgets: false, collector: false });
  await d.setChaos('cart', { mode: 'hang' });
  const pending = fetch(`${d.cartVendorUrl}/api/v2/settings`).catch(() => 'dropped');
  await new Promise((r) => setTimeout(r, 50));
  await d.close();
  expect(await pending).toBe('dropped');
});
