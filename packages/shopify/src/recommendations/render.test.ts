import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillSlot } from './chain.js';
import { formatPrice, renderProducts } from './render.js';
import { RECOMMENDATIONS_DEFAULTS, toProducts } from './types.js';
import { fakeLifeboat } from '../../test/support/fakeLifeboat.js';

type Win = { Shopify?: unknown };
const setShop = (shopify: unknown) => ((window as unknown as Win).Shopify = shopify);
const prices = (slot: HTMLElement) => [...slot.querySelectorAll('.price')].map((e) => e.textContent);

describe('recommendation prices', () => {
  let slot: HTMLElement;
  beforeEach(() => {
    document.documentElement.lang = 'en';
    document.body.innerHTML = `<p class="price">€28.00</p><div data-lifeboat-recommendations data-product-id="42"></div>`;
    slot = document.querySelector('[data-lifeboat-recommendations]')!;
  });
  afterEach(() => {
    delete (window as unknown as Win).Shopify;
    document.documentElement.lang = '';
  });

  it("Shopify's cents from the recommendations chain show in the shop's currency, like the product's own price", async () => {
    setShop({ currency: { active: 'EUR' }, locale: 'en' });
    // Shopify's /recommendations/products.json: prices in cents of the presentment currency.
    const f = (async (u: string) => {
      if (u.includes('/recommendations/products.json')) {
        return new Response(JSON.stringify({ products: [{ title: 'Mug', handle: 'mug', price: 2800 }, { title: 'Cap', handle: 'cap', price: 150000 }] }));
      }
      return new Response('{}', { status: 500 });
    }) as unknown as typeof fetch;
    const opts = { ...RECOMMENDATIONS_DEFAULTS, vendor: undefined, shopifyBudget: 200, cacheBudget: 20 };
    const cache = { get: async () => undefined, set: async () => {} };
    expect(await fillSlot(slot, { lifeboat: fakeLifeboat(), opts, cache, fetch: f, root: '/' })).toBe('shopify-api');
    expect(prices(slot)).toEqual(['€28.00', '€1,500.00']);
    expect(slot.textContent).toBe('Mug€28.00Cap€1,500.00');
    expect(document.querySelector('body > .price')!.textContent).toBe(prices(slot)[0]);
  });

  it("follows the page's language and the active currency (multi-currency storefronts)", () => {
    document.documentElement.lang = 'de';
    setShop({ currency: { active: 'CHF' } });
    renderProducts(slot, toProducts([{ title: 'Mug', url: '/products/mug', price: 2800 }], 4), 'vendor');
    expect(prices(slot)[0]).toBe(new Intl.NumberFormat('de', { style: 'currency', currency: 'CHF' }).format(28));
    expect(prices(slot)[0]).toMatch(/CHF/);
    setShop({ currency: { active: 'JPY' } });
    document.documentElement.lang = 'ja';
    expect(formatPrice('1500.00', document)).toMatch(/1,500/);
    expect(formatPrice('1500.00', document)).not.toMatch(/\.00/);
  });

  it('a price the vendor already formatted is shown as given; no known currency leaves the amount', () => {
    setShop({ currency: { active: 'EUR' } });
    renderProducts(slot, [{ title: 'Mug', url: '/products/mug', price: '28,00 €' }], 'vendor');
    expect(prices(slot)).toEqual(['28,00 €']);
    delete (window as unknown as Win).Shopify;
    expect(formatPrice('28.00', document)).toBe('28.00');
    setShop({ currency: { active: 'not a currency' } });
    expect(formatPrice('28.00', document)).toBe('28.00');
  });
});
