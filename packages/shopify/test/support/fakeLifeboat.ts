/**
 * A small stand-in for the SDK's Lifeboat in unit tests: one counter-based breaker per guard,
 * timeouts with AbortSignal, fallbacks, and a log of reported events.
 */
import type { Lifeboat, LifeboatEventMap, ReportableEvent, RunOptions, RunResult } from '@lifeboat/sdk';

export interface FakeLifeboat extends Lifeboat {
  reports: ReportableEvent[];
  calls: Array<{ guard: string; ok: boolean }>;
  setState(guard: string, s: 'open' | 'closed' | 'half-open'): void;
}

export function fakeLifeboat(opts: { timeout?: number; openAfter?: number; banner?: string; debug?: boolean } = {}): FakeLifeboat {
  const states = new Map<string, 'open' | 'closed' | 'half-open'>();
  const failures = new Map<string, number>();
  const listeners = new Map<string, Set<(e: unknown) => void>>();
  const emit = <K extends keyof LifeboatEventMap>(k: K, e: LifeboatEventMap[K]) => listeners.get(k)?.forEach((l) => l(e));
  const defaults = { timeout: opts.timeout ?? 3000 } as Lifeboat['config']['defaults'];
  const lb: FakeLifeboat = {
    reports: [],
    calls: [],
    ready: Promise.resolve(),
    config: {
      app: 'test', shop: 'test.myshopify.com', page: 'product', defaults, guards: {},
      beacons: { enabled: false, sampleRate: 1, flushInterval: 30000, maxQueue: 1 },
      status: { enabled: false, maxAge: 1000, timeout: 1000 },
      banner: { enabled: true, text: opts.banner ?? 'Basic mode' },
      storageName: 't', debug: opts.debug ?? false, problems: [],
    } as unknown as Lifeboat['config'],
    setState(g, s) {
      const from = states.get(g) ?? 'closed';
      states.set(g, s);
      emit('transition', { guard: g, from, to: s, reason: 'manual' });
    },
    async run<T>(guard: string, work: (s: AbortSignal) => T | Promise<T>, o: RunOptions<T> = {}): Promise<RunResult<T>> {
      const fb = async (reason: 'open' | 'timeout' | 'error', error?: unknown): Promise<RunResult<T>> => {
        if (o.fallback === undefined) throw Object.assign(new Error(`guard ${guard}: ${reason}`), { guard, reason, cause: error });
        // As the real guard's fallback event reaches the beacons: one per fallback, with `served`.
        lb.reports.push({ type: 'fallback', guard, reason, ...(o.served ? { served: o.served } : {}) } as ReportableEvent);
        const value = typeof o.fallback === 'function' ? await (o.fallback as (i: { reason: string; error?: unknown }) => T)({ reason, error }) : o.fallback;
        return { value: value as T, fromFallback: true, reason, error };
      };
      if (states.get(guard) === 'open') return fb('open');
      const ctl = new AbortController();
      const timeout = defaults.timeout;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const value = await Promise.race([
          Promise.resolve().then(() => work(ctl.signal)),
          new Promise<never>((_, rej) => (timer = setTimeout(() => { ctl.abort(); rej(Object.assign(new Error('timeout'), { timeout: true })); }, timeout))),
        ]);
        lb.calls.push({ guard, ok: true });
        if (states.get(guard) === 'half-open') lb.setState(guard, 'closed');
        return { value, fromFallback: false };
      } catch (e) {
        const counts = !o.isFailure || o.isFailure(e);
        lb.calls.push({ guard, ok: !counts });
        if (counts) {
          const n = (failures.get(guard) ?? 0) + 1;
          failures.set(guard, n);
          if (n >= (opts.openAfter ?? 1e9) || states.get(guard) === 'half-open') lb.setState(guard, 'open');
        } else throw e;
        return fb((e as { timeout?: boolean }).timeout ? 'timeout' : 'error', e);
      } finally {
        clearTimeout(timer);
      }
    },
    state: (g) => states.get(g) ?? 'closed',
    on(type, l) {
      const set = listeners.get(type) ?? new Set();
      listeners.set(type, set);
      set.add(l as (e: unknown) => void);
      return () => set.delete(l as (e: unknown) => void);
    },
    report(e) {
      lb.reports.push(e);
    },
    applyStatus() {},
    fleet: () => undefined,
    flush() {},
    destroy() {},
  };
  return lb;
}
