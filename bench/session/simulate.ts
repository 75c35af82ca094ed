/**
 * A shopper's ten-page session while the cart backend hangs, in virtual time, with the SDK's real
 * code: each page is a new instance (IndexedDB — fake-indexeddb — persists across "pages", as the
 * browser's does), the cart widget makes one guarded call per page, the shopper reads each page
 * for a few seconds. Compared: an in-memory opossum breaker per page, Lifeboat (persisted breaker),
 * and Lifeboat with the fleet status document saying `open` (the collector saw the incident).
 */
import { IDBFactory } from 'fake-indexeddb';
import CircuitBreaker from 'opossum';
import { createLifeboat } from '../../packages/sdk/src/index.js';
import { installClock, type VirtualClock } from './clock.js';

/** The storefront guard config (as examples/storefront uses): one widget call per page. */
export const GUARD = { timeout: 3000, volumeThreshold: 1, resetTimeout: 30_000, resetJitter: 0.2, resetBackoff: 2 };
/** Seconds the shopper spends on each of the ten pages. */
export const DWELL_S = [6, 4, 9, 5, 7, 3, 8, 5, 6, 4];

export interface SessionResult {
  /** Total time the shopper waited on the cart widget's calls (ms). */
  waitMs: number;
  /** Calls that reached the backend. */
  backendCalls: number;
  /** Of those, calls made by a half-open breaker's probe. */
  probes: number;
  /** Pages served by the fallback (native cart). */
  fallbackPages: number;
}

type Variant = 'opossum' | 'lifeboat' | 'lifeboat, idempotent read' | 'lifeboat, write + background probe' | 'lifeboat+fleet' | 'lifeboat (defaults)';

async function session(variant: Variant, clock: VirtualClock): Promise<SessionResult> {
  (globalThis as { indexedDB?: unknown }).indexedDB = new IDBFactory(); // a fresh browser profile
  const r: SessionResult = { waitMs: 0, backendCalls: 0, probes: 0, fallbackPages: 0 };
  const backend = (signal?: AbortSignal) => {
    r.backendCalls++;
    return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason))); // hangs
  };
  for (const dwell of DWELL_S) {
    if (variant === 'opossum') {
      const breaker = new CircuitBreaker(backend, { ...GUARD, rollingPercentilesEnabled: false });
      breaker.fallback(() => 'native');
      const out = await clock.settle(breaker.fire());
      r.waitMs += out.waited;
      r.fallbackPages++;
      await clock.advance(dwell * 1000); // the shopper reads the page
      breaker.shutdown();
    } else {
      const config = variant === 'lifeboat (defaults)' ? { storageName: 'sim' } : { storageName: 'sim', guards: { cart: GUARD } };
      const lb = createLifeboat(config);
      lb.on('transition', (e) => void (e.to === 'half-open' && (probing = true)));
      let probing = lb.state('cart') === 'half-open';
      await lb.ready; // the loader awaits it before the widget's first call: a few ms, no virtual time
      if (variant === 'lifeboat+fleet') lb.applyStatus({ v: 1, generatedAt: Date.now(), guards: { cart: { mode: 'open', reason: 'incident' } } });
      probing ||= lb.state('cart') === 'half-open';
      const before = r.backendCalls;
      const out = await clock.settle(
        lb.run('cart', backend, {
          fallback: 'native',
          idempotent: variant === 'lifeboat, idempotent read',
          // The widget's cheap health request (it hangs too): the write itself never probes.
          ...(variant === 'lifeboat, write + background probe' && { probe: backend }),
        }),
      );
      if (probing && r.backendCalls > before) r.probes++;
      r.waitMs += out.waited;
      if (out.ok && (out.value as { fromFallback: boolean }).fromFallback) r.fallbackPages++;
      await clock.advance(dwell * 1000); // the shopper reads the page (a background probe ends meanwhile)
      lb.destroy();
    }
  }
  return r;
}

/** Runs `sessions` sessions per variant (the reset jitter draws differ) and summarises them. */
export async function simulateSessions(sessions = 30) {
  const clock = installClock();
  const silence = console.error;
  console.error = () => {};
  try {
    const variants: Variant[] = ['opossum', 'lifeboat', 'lifeboat, idempotent read', 'lifeboat, write + background probe', 'lifeboat+fleet', 'lifeboat (defaults)'];
    const rows = [];
    for (const variant of variants) {
      const all: SessionResult[] = [];
      for (let i = 0; i < sessions; i++) all.push(await session(variant, clock));
      const mean = (k: keyof SessionResult) => +(all.reduce((s, x) => s + x[k], 0) / all.length).toFixed(2);
      const max = (k: keyof SessionResult) => Math.max(...all.map((x) => x[k]));
      rows.push({
        variant,
        meanWaitS: +(mean('waitMs') / 1000).toFixed(2),
        maxWaitS: max('waitMs') / 1000,
        meanBackendCalls: mean('backendCalls'),
        maxBackendCalls: max('backendCalls'),
        meanProbes: mean('probes'),
        fallbackPages: mean('fallbackPages'),
      });
    }
    return { sessions, pages: DWELL_S.length, dwellS: DWELL_S, guard: GUARD, timeBudgetS: GUARD.timeout / 1000, rows };
  } finally {
    console.error = silence;
    clock.uninstall();
    delete (globalThis as { indexedDB?: unknown }).indexedDB;
  }
}
