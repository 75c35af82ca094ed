/**
 * Rendering into a slot with DOM APIs only (never innerHTML with vendor data). The slot keeps the
 * height the theme reserved, so filling it or leaving it empty moves nothing.
 */
import type { RecProduct, RecSource } from './types.js';

type ShopifyMoney = { Shopify?: { currency?: { active?: unknown }; locale?: unknown } };

/**
 * A price as the shopper reads it beside the product's own: a bare amount (`"28.00"`, what
 * Shopify's JSON and most vendors give) in the shop's active currency (`Shopify.currency.active`,
 * the presentment currency those amounts are already in), in the page's language. A price that is
 * already formatted (`"€28.00"`), or a page without a known currency, is shown as given.
 */
export function formatPrice(price: string, doc: Document): string {
  if (!/^\d+(\.\d+)?$/.test(price)) return price;
  const shopify = (doc.defaultView as unknown as ShopifyMoney | null)?.Shopify;
  const currency = shopify?.currency?.active;
  if (typeof currency !== 'string') return price;
  const lang = doc.documentElement.lang || (typeof shopify?.locale === 'string' ? shopify.locale : '');
  try {
    return new Intl.NumberFormat(lang || undefined, { style: 'currency', currency }).format(Number(price));
  } catch {
    // An unknown currency code or language tag: the amount alone still beats no price.
    return price;
  }
}

export function renderProducts(slot: HTMLElement, products: RecProduct[], source: RecSource): void {
  const doc = slot.ownerDocument;
  // Whatever the products need, the slot keeps the box the theme reserved: content below it
  // must not move (CLS 0). Extra products scroll sideways inside it.
  const reserved = slot.getBoundingClientRect().height;
  if (reserved > 0) {
    slot.style.height = `${reserved}px`;
    slot.style.overflow = 'hidden';
  }
  const ul = doc.createElement('ul');
  ul.className = 'lifeboat-recommendations';
  Object.assign(ul.style, { display: 'flex', gap: '16px', overflowX: 'auto', listStyle: 'none', margin: '0', padding: '0', height: '100%' });
  for (const p of products) {
    const li = doc.createElement('li');
    const a = doc.createElement('a');
    try {
      const u = new URL(p.url, doc.baseURI);
      a.href = u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
    } catch {
      a.href = '#';
    }
    if (p.image) {
      const img = doc.createElement('img');
      img.src = p.image;
      img.alt = '';
      img.loading = 'lazy';
      img.width = 160;
      img.height = 160;
      a.append(img);
    }
    const t = doc.createElement('span');
    t.textContent = p.title;
    a.append(t);
    if (p.price) {
      const pr = doc.createElement('span');
      pr.className = 'price';
      pr.textContent = formatPrice(p.price, doc);
      a.append(pr);
    }
    li.append(a);
    ul.append(li);
  }
  slot.replaceChildren(ul);
  slot.dataset.lifeboatSource = source;
}

/**
 * Empty slot: it keeps its reserved box, so nothing on screen moves. It collapses only while it
 * is below the viewport (never shown yet, or scrolled past downwards), where collapsing moves
 * nothing the shopper sees; `fill.ts` collapses it later when it gets there.
 */
export function leaveEmpty(slot: HTMLElement): void {
  slot.dataset.lifeboatSource = 'empty';
  const win = slot.ownerDocument.defaultView;
  if (win && slot.getBoundingClientRect().top >= win.innerHeight) slot.style.display = 'none';
}
