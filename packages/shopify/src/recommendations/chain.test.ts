import { beforeEach, describe, expect, it } from 'vitest';
import { fillSlot } from './chain.js';
import { RECOMMENDATIONS_DEFAULTS, type RecProduct } from './types.js';
import type { RecCache } from './cache.js';
import { fakeLifeboat } from '../../test/support/fakeLifeboat.js';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const hang = (_: unknown, init?: RequestInit) => new Promise<Response>((_, rej) => init?.signal?.addEventListener('abort', () => rej(new Error('aborted'))));
const memCache = (seed: Record<string, RecProduct[]> = {}): RecCache & { data: Record<string, RecProduct[]> } => ({
  data: { ...seed },
  async get(id) { return this.data[id]; },
  async set(id, p) { this.data[id] = p; },
});

const VENDOR = 'https://recs.invalid/api/related?product={productId}&limit={limit}';
const opts = { ...RECOMMENDATIONS_DEFAULTS, vendor: VENDOR, vendorBudget: 40, cacheBudget: 20, shopifyBudget: 40 };

function router(routes: { vendor?: (u: string, i?: RequestInit) => Promise<Response>; shopify?: (u: string, i?: RequestInit) => Promise<Response> }) {
  const seen: string[] = [];
  const f = (async (u: string, i?: RequestInit) => {
    seen.push(u);
    if (u.startsWith('https://recs.invalid')) return routes.vendor ? routes.vendor(u, i) : json({}, 500);
    if (u.includes('/recommendations/products.json')) return routes.shopify ? routes.shopify(u, i) : json({}, 500);
    throw new Error(`unexpected ${u}`);
  }) as unknown as typeof fetch;
  return { f, seen };
}

describe('recommendations chain', () => {
  let slot: HTMLElement;
  beforeEach(() => {
    document.body.innerHTML = `<div data-lifeboat-recommendations data-product-id="42" style="min-height:300px"></div>`;
    slot = document.querySelector('[data-lifeboat-recommendations]')!;
  });
  const deps = (f: typeof fetch, cache = memCache()) => ({ lifeboat: fakeLifeboat(), opts, cache, fetch: f, root: '/' });

  it('vendor first; its result is remembered for this product', async () => {
    const { f, seen } = router({ vendor: async () => json({ products: [{ title: 'Mug', url: '/products/mug' }] }) });
    const cache = memCache();
    expect(await fillSlot(slot, deps(f, cache))).toBe('vendor');
    expect(seen[0]).toBe('https://recs.invalid/api/related?product=42&limit=4');
    expect(slot.textContent).toContain('Mug');
    expect(cache.data['42']).toEqual([{ title: 'Mug', url: '/products/mug', image: undefined, price: undefined }]);
  });

  it('vendor hangs → last good result from the cache, within the vendor budget', async () => {
    const { f } = router({ vendor: hang });
    const t0 = Date.now();
    const src = await fillSlot(slot, deps(f, memCache({ 42: [{ title: 'Cached tee', url: '/products/tee' }] })));
    expect(src).toBe('cache');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(slot.textContent).toContain('Cached tee');
  });

  it('a vendor answer that comes after the budget still refreshes the cache for the next page', async () => {
    const { f } = router({
      vendor: () => new Promise((r) => setTimeout(() => r(json({ products: [{ title: 'Late mug', url: '/products/mug' }] })), 120)),
      shopify: async () => json({ products: [{ title: 'Cap', url: '/products/cap' }] }),
    });
    const cache = memCache();
    expect(await fillSlot(slot, deps(f, cache))).toBe('shopify-api');
    await new Promise((r) => setTimeout(r, 200));
    expect(cache.data['42']?.[0]?.title).toBe('Late mug');
  });

  it('vendor 500 and no cache → Shopify products.json with intent=related', async () => {
    const { f, seen } = router({ shopify: async () => json({ products: [{ title: 'Cap', handle: 'cap', price: 1500 }] }) });
    expect(await fillSlot(slot, deps(f))).toBe('shopify-api');
    expect(seen[1]).toBe('/recommendations/products.json?product_id=42&limit=4&intent=related');
    expect(slot.querySelector('a')!.getAttribute('href')).toContain('/products/cap');
    expect(slot.textContent).toContain('15.00');
  });

  it('vendor 200-with-error body counts as a failure and falls through', async () => {
    const { f } = router({ vendor: async () => json({ status: 500, error: 'db overloaded' }), shopify: async () => json({ products: [{ title: 'Cap', url: '/products/cap' }] }) });
    expect(await fillSlot(slot, deps(f))).toBe('shopify-api');
  });

  it('everything fails → empty, the reserved height stays while shown', async () => {
    const { f } = router({ vendor: hang, shopify: hang });
    expect(await fillSlot(slot, deps(f))).toBe('empty');
    expect(slot.style.display).toBe('');
    expect(slot.style.minHeight).toBe('300px');
  });

  it('empty and below the viewport → collapsed (nothing on screen moves)', async () => {
    const { f } = router({});
    slot.getBoundingClientRect = () => ({ top: 5000, bottom: 5300, height: 300, left: 0, right: 0, width: 0, x: 0, y: 5000, toJSON() {} }) as DOMRect;
    expect(await fillSlot(slot, deps(f))).toBe('empty');
    expect(slot.style.display).toBe('none');
  });

  it('renders vendor text as text, never HTML', async () => {
    const { f } = router({ vendor: async () => json({ products: [{ title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)' }] }) });
    await fillSlot(slot, deps(f));
    expect(slot.querySelector('img')).toBeNull();
    expect(slot.querySelector('a')!.getAttribute('href')).toBe('#');
  });
});
