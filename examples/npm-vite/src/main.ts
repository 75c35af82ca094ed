// A product page's reviews widget whose backend call runs under a Lifeboat guard: a backend that
// fails or hangs costs the shopper at most the guard's 1.5 s budget, then a short note in the
// widget's place — never a spinner that stays, never a broken page.
import { createLifeboat } from '@lifeboat/sdk';

interface Review {
  author: string;
  rating: number;
  text: string;
}
interface Reviews {
  average: number;
  count: number;
  reviews: Review[];
}

const lifeboat = createLifeboat({
  // One guard per third party; its breaker state is kept in IndexedDB and shared between tabs,
  // so after repeated failures the next pages get the fallback at once instead of waiting.
  guards: { reviews: { timeout: 1500 } },
});

const slot = document.querySelector<HTMLElement>('#reviews');

/** The demo backend fails on request (`?fail=500` or `?fail=hang` on the page); a real page has no such knob. */
function reviewsUrl(product: string): string {
  const url = new URL('/api/reviews', location.href);
  url.searchParams.set('product', product);
  const fail = new URLSearchParams(location.search).get('fail');
  if (fail) url.searchParams.set('fail', fail);
  return url.href;
}

async function loadReviews(product: string, signal: AbortSignal): Promise<Reviews> {
  const res = await fetch(reviewsUrl(product), { signal });
  // A 5xx is an outage: throwing makes it count against the breaker and serves the fallback.
  if (!res.ok) throw new Error(`reviews backend answered ${res.status}`);
  return (await res.json()) as Reviews;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  // textContent, never innerHTML: review text comes from a third party.
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderReviews(into: HTMLElement, data: Reviews): void {
  const list = el('ul', 'reviews-list');
  for (const r of data.reviews) list.append(el('li', '', `${'★'.repeat(r.rating)} ${r.text} — ${r.author}`));
  into.append(el('p', 'reviews-summary', `${data.average.toFixed(1)} out of 5 (${data.count} reviews)`), list);
}

function renderFallback(into: HTMLElement): void {
  into.append(el('p', 'reviews-fallback', 'Reviews are not available right now. You can still add this item to your cart and check out.'));
}

if (slot) {
  const product = slot.dataset.product ?? '';
  // `ready`: the breaker state persisted by earlier pages is loaded (a few ms, at most 500). A call
  // made before it runs against a fresh closed breaker, i.e. it would wait on a backend that an
  // earlier page already found down.
  void lifeboat.ready
    .then(() =>
      lifeboat.run<Reviews | null>('reviews', (signal) => loadReviews(product, signal), {
        fallback: null,
        // Reading reviews is safe to repeat: a half-open breaker probes in the background while
        // this shopper gets the fallback at once.
        idempotent: true,
      }),
    )
    .then((result) => {
      slot.querySelector('.reviews-loading')?.remove();
      if (result.value) renderReviews(slot, result.value);
      else renderFallback(slot);
      // Where the content came from, for tests and for anyone inspecting the page.
      slot.dataset.source = result.fromFallback ? 'fallback' : 'widget';
      if (result.fromFallback) slot.dataset.reason = result.reason;
    });
}
