/**
 * A guard for Shopify's Ajax Cart API. The store declining a change (422 sold out, "Only N items
 * were added") is the shopper's answer and never trips the breaker; a 5xx (in the HTTP status or
 * in the JSON body's `status`), a network error or a timeout is an outage.
 */
import type { Lifeboat } from '@lifeboat/sdk';

/** `/cart`, `/cart/add|change|update|clear`, with or without `.js`, with an optional locale prefix. */
export const CART_PATH = /^(?:\/[a-z]{2,3}(?:-[a-z]{2,4})?)?\/cart(?:\/(?:add|change|update|clear))?(?:\.js(?:on)?)?\/?$/i;

/** True for a same-origin Ajax Cart API URL. */
export function isCartUrl(input: RequestInfo | URL, base: string = location.href): boolean {
  try {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url, base);
    return url.origin === new URL(base).origin && CART_PATH.test(url.pathname);
  } catch {
    return false;
  }
}

/** Thrown inside the guard for an answer that means the cart backend is failing. */
export class CartOutage extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'CartOutage';
  }
}

/** Reads `status` from a JSON body without consuming the caller's response. */
async function bodyStatus(res: Response): Promise<number | undefined> {
  if (!/json|javascript/i.test(res.headers.get('content-type') ?? '')) return undefined;
  try {
    const body = (await res.clone().json()) as { status?: unknown } | null;
    const s = Number(body && typeof body === 'object' ? body.status : undefined);
    return Number.isFinite(s) && s >= 100 ? s : undefined;
  } catch {
    return undefined;
  }
}

/** Classifies a cart answer: `ok`, `declined` (shopper's answer, 4xx) or `outage` (5xx). */
export async function classifyCartResponse(res: Response): Promise<'ok' | 'declined' | 'outage'> {
  if (res.status >= 500) return 'outage';
  const s = (await bodyStatus(res)) ?? res.status;
  if (s >= 500) return 'outage';
  return s >= 400 || !res.ok ? 'declined' : 'ok';
}

function anySignal(a: AbortSignal, b?: AbortSignal | null): AbortSignal {
  if (!b) return a;
  const any = (AbortSignal as unknown as { any?: (s: AbortSignal[]) => AbortSignal }).any;
  if (any) return any([a, b]);
  const c = new AbortController();
  const abort = () => c.abort();
  a.addEventListener('abort', abort);
  b.addEventListener('abort', abort);
  if (a.aborted || b.aborted) c.abort();
  return c.signal;
}

export interface CartGuard {
  /** `fetch` for Ajax Cart API calls under the guard; other URLs go straight through. */
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

/**
 * Creates a guarded fetch for the Ajax Cart API. Declined changes resolve with the store's
 * response (check `res.ok` / the JSON `status` as usual); outages reject with the guard's error.
 *
 * @example
 * ```ts
 * const cart = createCartGuard(lifeboat);
 * const res = await cart.fetch('/cart/add.js', { method: 'POST', body: JSON.stringify({ items }) ,
 *   headers: { 'content-type': 'application/json' } });
 * if (res.status === 422) showSoldOut((await res.json()).description);
 * ```
 */
export function createCartGuard(lifeboat: Lifeboat, opts: { guard?: string; fetch?: typeof fetch } = {}): CartGuard {
  const guard = opts.guard ?? 'cart';
  const f = opts.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async fetch(input, init) {
      if (!isCartUrl(input)) return f(input, init);
      const r = await lifeboat.run(guard, async (signal) => {
        const res = await f(input, { ...init, signal: anySignal(signal, init?.signal) });
        if ((await classifyCartResponse(res)) === 'outage') throw new CartOutage(res.status, `cart answered ${res.status}`);
        return res;
      }, { signal: init?.signal ?? undefined });
      return r.value;
    },
  };
}
