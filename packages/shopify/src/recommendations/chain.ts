/**
 * The recommendations chain for one slot: vendor service → last good result from IndexedDB →
 * Shopify's Product Recommendations API → empty. Each step runs under its own budget, and none
 * of it is on the path of add-to-cart or checkout.
 */
import type { Lifeboat } from '@lifeboat/sdk';
import type { RecCache } from './cache.js';
import { leaveEmpty, renderProducts } from './render.js';
import { toProducts, type RecProduct, type RecSource, type RecommendationsOptions } from './types.js';

/** Rejects after `ms`, aborting `ctl`. */
function budget<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ctl = new AbortController();
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    work(ctl.signal),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        ctl.abort();
        reject(new Error(`over budget (${ms} ms)`));
      }, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

async function getJson(f: typeof fetch, url: string, signal: AbortSignal): Promise<unknown> {
  const res = await f(url, { signal, credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as { status?: unknown; error?: unknown };
  if (body && typeof body === 'object' && (Number(body.status) >= 400 || body.error)) throw new Error('error body');
  return body;
}

export interface ChainDeps {
  lifeboat: Lifeboat;
  opts: RecommendationsOptions;
  cache: RecCache;
  fetch: typeof fetch;
  /** Locale prefix of the Shopify routes (`/`, `/fr/`). */
  root: string;
}

/** Fills one slot; resolves with the source that served it. */
export async function fillSlot(slot: HTMLElement, deps: ChainDeps): Promise<RecSource> {
  const { lifeboat, opts, cache } = deps;
  const productId = slot.dataset.productId ?? '';
  const limit = Number(slot.dataset.limit) || opts.limit;
  const serve = (products: RecProduct[], source: RecSource) => {
    renderProducts(slot, products, source);
    if (source !== 'vendor') lifeboat.report({ type: 'fallback', guard: opts.guard, reason: 'error', served: source });
    return source;
  };
  if (opts.vendor && productId) {
    const url = opts.vendor.replace('{productId}', encodeURIComponent(productId)).replace('{limit}', String(limit));
    // The call runs on under the guard's own timeout after the slot's budget gives up on it: a
    // late answer still refreshes the cache for the next page (stale-while-revalidate), and the
    // guard measures the vendor's real latency.
    const call = lifeboat.run(opts.guard, (signal) => getJson(deps.fetch, url, signal)).then((r) => toProducts(r.value, limit));
    call.then((p) => void (p.length && cache.set(productId, p))).catch(() => {});
    const products = await budget(opts.vendorBudget, () => call).catch(() => undefined);
    if (products?.length) return serve(products, 'vendor');
  }
  if (productId) {
    const cached = await budget(opts.cacheBudget, () => cache.get(productId, opts.maxAge)).catch(() => undefined);
    if (cached?.length) return serve(cached, 'cache');
    try {
      const url = `${deps.root}recommendations/products.json?product_id=${encodeURIComponent(productId)}&limit=${limit}&intent=related`;
      const products = toProducts(await budget(opts.shopifyBudget, (s) => getJson(deps.fetch, url, s)), limit);
      if (products.length) return serve(products, 'shopify-api');
    } catch {}
  }
  leaveEmpty(slot);
  lifeboat.report({ type: 'fallback', guard: opts.guard, reason: 'error', served: 'empty' });
  return 'empty';
}
