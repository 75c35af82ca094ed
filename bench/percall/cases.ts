/**
 * The per-call cases, shared by Node and the Chromium page so both measure the same code: each
 * case is one guarded call of a healthy dependency (`Promise.resolve(1)`), awaited.
 */
import type { Lifeboat } from '../../packages/sdk/src/types.js';

export interface Deps {
  CircuitBreaker: new (fn: (...a: unknown[]) => unknown, o: object) => { fire(): Promise<unknown>; shutdown(): void };
  cockatiel: typeof import('cockatiel');
  createLifeboat: (config: unknown) => Lifeboat;
}

export interface Case {
  name: string;
  call: () => Promise<unknown>;
}

/** Same time budget everywhere. */
export const TIMEOUT = 3000;

export function makeCases({ CircuitBreaker, cockatiel, createLifeboat }: Deps): { cases: Case[]; close(): void } {
  const work = () => Promise.resolve(1);
  // A work that declares the signal parameter: Lifeboat then creates a per-call AbortController.
  const workWithSignal = (signal: AbortSignal) => (void signal, Promise.resolve(1));
  const breaker = new CircuitBreaker(work, { timeout: TIMEOUT });
  const { wrap, timeout, TimeoutStrategy, circuitBreaker, handleAll, ConsecutiveBreaker } = cockatiel;
  const policy = wrap(timeout(TIMEOUT, TimeoutStrategy.Cooperative), circuitBreaker(handleAll, { halfOpenAfter: 30_000, breaker: new ConsecutiveBreaker(5) }));
  const lifeboat = createLifeboat({ storageName: 'bench', guards: { bench: { timeout: TIMEOUT } } });
  const cases: Case[] = [
    { name: 'bare await fn()', call: work },
    { name: 'opossum fire()', call: () => breaker.fire() },
    { name: 'cockatiel timeout+breaker', call: () => policy.execute(work) },
    { name: 'lifeboat.run', call: () => lifeboat.run('bench', work) },
    { name: 'lifeboat.run (work takes signal)', call: () => lifeboat.run('bench', workWithSignal) },
  ];
  return {
    cases,
    close() {
      breaker.shutdown();
      lifeboat.destroy();
    },
  };
}

/**
 * ns per call for each case. The machine is shared, so rounds are short and interleaved (every case
 * sees the same disturbances) and the fastest round is the figure (the least disturbed one), with
 * the median beside it.
 */
export async function measure(cases: Case[], { calls = 5000, rounds = 21, now = () => performance.now() } = {}) {
  const loop = async (c: Case, n: number) => {
    const t0 = now();
    for (let i = 0; i < n; i++) await c.call();
    return ((now() - t0) * 1e6) / n;
  };
  for (const c of cases) await loop(c, calls * 2); // warm-up: let the JIT settle
  const samples = cases.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) for (const [i, c] of cases.entries()) samples[i].push(await loop(c, calls));
  const sorted = samples.map((a) => [...a].sort((x, y) => x - y));
  const best = sorted.map((a) => a[0]);
  const median = sorted.map((a) => a[a.length >> 1]);
  return cases.map((c, i) => ({
    case: c.name,
    nsPerCall: Math.round(best[i]),
    medianNs: Math.round(median[i]),
    ratioToOpossum: +(best[i] / best[1]).toFixed(2),
    medianRatio: +(median[i] / median[1]).toFixed(2),
  }));
}
