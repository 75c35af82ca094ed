/**
 * Synthetic shoppers: many browsers, each a real Lifeboat SDK instance (createLifeboat, the
 * same code a storefront runs) in this Node process, calling guarded widgets whose backends fail
 * as you tell them, reading the status document and sending real beacons to a collector (with
 * `statusAt`, the document each obeys, as every SDK sends it).
 *
 * @example
 * ```ts
 * const fleet = await startShoppers({ collector: 'http://127.0.0.1:8787', publicKey: 'pk_demo_smartcart', app: 'smartcart', shops: 50, rate: 20 });
 * fleet.setFailure('cart', 0.9);   // an outage of the cart backend in every shop
 * await fleet.stop();              // flushes every browser's beacons first
 * ```
 */
import type { Lifeboat } from '@lifeboat/sdk';
import { installPageGlobals } from './node-page.js';

export interface ShopperOptions {
  collector: string;
  publicKey: string;
  app: string;
  /** Shops, named shop-001.myshopify.com … */
  shops: number;
  /** Guarded calls per second across the whole fleet. */
  rate: number;
  /** Browsers per shop (default 1). */
  browsersPerShop?: number;
  /**
   * The page origin the browsers are on, sent as `Origin` (a collector app that lists its origins
   * refuses beacons without one). Default: none.
   */
  origin?: string;
  /** Guards and their share of the calls (default smartcart 0.6, recs 0.4: the demo store's). */
  guards?: Record<string, number>;
  /** Share of calls whose backend fails, per guard (default 0.01). */
  failures?: Record<string, number>;
  /** SDK beacons.flushInterval, ms (default 5000). */
  flushInterval?: number;
  /** SDK status.maxAge, ms (default 5000): how soon a browser re-reads the status document. */
  statusMaxAge?: number;
  /** Backend latency range, ms (default 20–180). */
  latency?: [number, number];
  /**
   * Real backends, per guard: that guard's calls GET this URL (the demo's vendor APIs, driven by
   * their chaos controls or an incident replay) instead of a synthetic failure. A non-2xx answer,
   * or a 200 whose JSON body says `status: 5xx`, is a failure. Synthetic failures default to 0 for them.
   */
  backends?: Record<string, string>;
  /** Guard options merged over each guard's `{ timeout: 1000 }` (e.g. `{ resetTimeout: 5000 }` for a compressed replay). */
  guardOptions?: Record<string, unknown>;
  /**
   * Share (0–1) of calls made as by a store without Lifeboat: the backend is called directly and the
   * shopper waits up to `patienceMs` for it; see {@link Shoppers.outcomes}. Default 0.
   */
  withoutLifeboat?: number;
  /** How long a shopper without Lifeboat waits before giving up on a call (default 10000 ms). */
  patienceMs?: number;
  /**
   * Prefix of each browser's storage name (default 'shopper'). Fleets started one after another in
   * one process share the page's storage: give each its own so breakers and the status document
   * kept by an earlier fleet do not carry over.
   */
  storagePrefix?: string;
}

/** What shoppers got from their calls, by guard. */
export interface Outcome {
  /** With Lifeboat: served by the vendor's widget / by the native fallback / not served at all. */
  vendor: number;
  native: number;
  lost: number;
  /** With Lifeboat: the longest a call took to be served, ms. */
  maxMs: number;
  /** Without Lifeboat: the backend answered / failed / did not answer within the patience. */
  bareOk: number;
  bareFailed: number;
  bareHung: number;
  /** Without Lifeboat: the longest a call that was served at all took, ms. */
  bareMaxMs: number;
}

/** One outcome as it happens: a Lifeboat event (`success`, `fallback`, …) or a call's result. */
export interface ShopperEvent {
  guard: string;
  shop: string;
  kind: keyof Tally | 'vendor' | 'native' | 'lost' | 'bareOk' | 'bareFailed' | 'bareHung';
  at: number;
}

/** What the browsers did, by guard: exactly what their beacons report (sampling is off). */
export interface Tally {
  success: number;
  failure: number;
  timeout: number;
  reject: number;
  fallback: number;
}

export interface Shoppers {
  readonly browsers: number;
  /** Sets the failing share of a guard's backend, in every shop or in the first `shops`. */
  setFailure(guard: string, share: number, shops?: number): void;
  /** Totals per guard, and per shop and guard (`shop\u0000guard`). */
  tally(): { byGuard: Record<string, Tally>; byShop: Record<string, Tally> };
  /** Served / lost calls with Lifeboat, and the same calls' fate without it, by guard. */
  outcomes(): Record<string, Outcome>;
  /** Calls `fn` for every event and outcome from now on; returns the unsubscribe. */
  onEvent(fn: (e: ShopperEvent) => void): () => void;
  /** How many browsers obey a status document generated at or after `t` (the SDK's `statusAt`, which its beacons carry). */
  obeying(t: number): number;
  /** Stops making calls (the browsers stay: they keep reading the status document). */
  pause(): void;
  resume(): void;
  /** Every browser sends what it holds now; resolves when the collector has answered. */
  flush(): Promise<void>;
  /** Stops calling, flushes, and destroys the browsers. */
  stop(): Promise<void>;
}

interface Browser {
  shop: string;
  lb: Lifeboat;
}

const zero = (): Tally => ({ success: 0, failure: 0, timeout: 0, reject: 0, fallback: 0 });
let inflight = 0;
let wrapped = false;
let pageOrigin: string | undefined;

/**
 * Every browser shares Node's fetch: count the requests in flight (beacons, status reads), so
 * `flush()` can wait for the collector's answers, and send the page's Origin as a browser would.
 */
function wrapFetch(origin: string | undefined) {
  pageOrigin = origin;
  if (wrapped) return;
  wrapped = true;
  const original = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    inflight++;
    try {
      const headers = new Headers(init?.headers);
      if (pageOrigin && !headers.has('origin')) headers.set('origin', pageOrigin);
      return await original(input, { ...init, headers });
    } finally {
      inflight--;
    }
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the fleet; calls begin at once. */
export async function startShoppers(o: ShopperOptions): Promise<Shoppers> {
  installPageGlobals();
  wrapFetch(o.origin);
  const { createLifeboat } = await import('@lifeboat/sdk');
  const guards = Object.entries(o.guards ?? { smartcart: 0.6, recs: 0.4 });
  const weightSum = guards.reduce((a, [, w]) => a + w, 0);
  const backends = o.backends ?? {};
  const failures = new Map<string, { share: number; shops: number }>(
    guards.map(([g]) => [g, { share: o.failures?.[g] ?? (backends[g] ? 0 : 0.01), shops: Infinity }]),
  );
  const listeners = new Set<(e: ShopperEvent) => void>();
  const emit = (guard: string, shop: string, kind: ShopperEvent['kind']) => {
    if (listeners.size) for (const fn of listeners) fn({ guard, shop, kind, at: Date.now() });
  };
  const outcomes: Record<string, Outcome> = {};
  const outcome = (g: string) => (outcomes[g] ??= { vendor: 0, native: 0, lost: 0, maxMs: 0, bareOk: 0, bareFailed: 0, bareHung: 0, bareMaxMs: 0 });
  const patience = o.patienceMs ?? 10_000;
  const [latLo, latHi] = o.latency ?? [20, 180];
  const byGuard: Record<string, Tally> = {};
  const byShop: Record<string, Tally> = {};
  const count = (shop: string, guard: string, k: keyof Tally) => {
    (byGuard[guard] ??= zero())[k]++;
    (byShop[`${shop}\u0000${guard}`] ??= zero())[k]++;
    emit(guard, shop, k);
  };

  const browsers: Browser[] = [];
  const perShop = o.browsersPerShop ?? 1;
  for (let s = 1; s <= o.shops; s++) {
    const shop = `shop-${String(s).padStart(3, '0')}.myshopify.com`;
    for (let i = 0; i < perShop; i++) {
      const b = { shop } as Browser;
      {
        b.lb = createLifeboat({
          app: o.app,
          shop,
          collector: o.collector,
          publicKey: o.publicKey,
          storageName: `${o.storagePrefix ?? 'shopper'}-${s}-${i}`,
          beacons: { sampleRate: 1, flushInterval: o.flushInterval ?? 5000 },
          status: { maxAge: o.statusMaxAge ?? 5000, timeout: 2000 },
          guards: Object.fromEntries(guards.map(([g]) => [g, { timeout: 1000, ...o.guardOptions }])),
        });
        for (const k of ['success', 'failure', 'timeout', 'reject', 'fallback'] as const) b.lb.on(k, (e) => count(shop, e.guard, k));
      }
      browsers.push(b);
    }
  }
  await Promise.all(browsers.map((b) => b.lb.ready));

  const pickGuard = () => {
    let x = Math.random() * weightSum;
    for (const [g, w] of guards) if ((x -= w) <= 0) return g;
    return guards[guards.length - 1][0];
  };
  const call = (b: Browser, shopIndex: number) => {
    const guard = pickGuard();
    const f = failures.get(guard)!;
    const fails = shopIndex < f.shops && Math.random() < f.share;
    const ms = latLo + Math.random() * (latHi - latLo);
    const backend = async (signal: AbortSignal) => {
      const url = backends[guard];
      if (!url) {
        await sleep(ms);
      } else {
        const res = await fetch(url, { signal });
        const body = (await res.json().catch(() => null)) as { status?: unknown } | null;
        if (!res.ok || (typeof body?.status === 'number' && body.status >= 500)) throw new Error(`backend answered ${res.status}`);
      }
      if (fails) throw new Error('synthetic backend failure');
      return 'vendor';
    };
    const t0 = performance.now();
    if (o.withoutLifeboat && Math.random() < o.withoutLifeboat) {
      // The same call as a store without Lifeboat makes it: no time budget, no fallback.
      const out = outcome(guard);
      void backend(AbortSignal.timeout(patience)).then(
        () => {
          out.bareOk++;
          out.bareMaxMs = Math.max(out.bareMaxMs, performance.now() - t0);
          emit(guard, b.shop, 'bareOk');
        },
        (err: Error) => {
          const hung = err.name === 'TimeoutError';
          if (hung) out.bareHung++;
          else out.bareFailed++;
          emit(guard, b.shop, hung ? 'bareHung' : 'bareFailed');
        },
      );
      return;
    }
    void b.lb.run(guard, (signal: AbortSignal) => backend(signal), { fallback: () => 'native' }).then(
      (r) => {
        const out = outcome(guard);
        const k = r.value === 'vendor' ? 'vendor' : 'native';
        out[k]++;
        out.maxMs = Math.max(out.maxMs, performance.now() - t0);
        emit(guard, b.shop, k);
      },
      () => {
        outcome(guard).lost++;
        emit(guard, b.shop, 'lost');
      },
    );
  };

  let stopped = false;
  let paused = false;
  let owed = 0;
  const TICK = 100;
  const timer = setInterval(() => {
    if (paused) return;
    owed += (o.rate * TICK) / 1000;
    while (owed >= 1 && !stopped) {
      owed--;
      const i = Math.floor(Math.random() * browsers.length);
      call(browsers[i], Math.floor(i / perShop));
    }
  }, TICK);

  const flush = async () => {
    // Let calls in flight finish (latency + guard timeout), then send and wait for the answers.
    await sleep(latHi + 50);
    for (const b of browsers) b.lb.flush();
    await sleep(50);
    for (let i = 0; inflight > 0 && i < 200; i++) await sleep(25);
  };

  return {
    browsers: browsers.length,
    setFailure(guard, share, shops = Infinity) {
      failures.set(guard, { share, shops });
    },
    tally: () => ({ byGuard: structuredClone(byGuard), byShop: structuredClone(byShop) }),
    outcomes: () => structuredClone(outcomes),
    onEvent(fn) {
      listeners.add(fn);
      return () => void listeners.delete(fn);
    },
    obeying: (t) => browsers.filter((b) => (b.lb.statusAt ?? -1) >= t).length,
    pause: () => void (paused = true),
    resume: () => void ((paused = false), (owed = 0)),
    flush,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await flush();
      for (const b of browsers) b.lb.destroy();
      await sleep(50);
      for (let i = 0; inflight > 0 && i < 200; i++) await sleep(25);
    },
  };
}
