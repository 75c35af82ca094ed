import { afterEach, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { KEY, ORIGIN, callsBatch, testConfig, totals } from './support/beacons.js';
import { postBeacon } from './support/http.js';

describe('rate limits', () => {
  let c: RunningCollector | undefined;
  afterEach(async () => {
    await c?.close();
    c = undefined;
  });

  async function flood(ingest: Record<string, number>, n: number) {
    c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: testConfig({ ingest, journal: { dir: null } }) });
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < n; i++) {
      const r = await postBeacon(c.url, KEY, callsBatch({ success: 1, failure: 0 }), { origin: ORIGIN });
      statuses.push(r.status);
      if (r.status === 429) {
        retryAfter = String(r.headers['retry-after']);
        expect(r.json().error).toBe('rate_limited');
        // readable by the SDK's cross-origin fetch
        expect(r.headers['access-control-allow-origin']).toBe(ORIGIN);
        expect(String(r.headers['access-control-expose-headers'])).toContain('Retry-After');
      }
    }
    await c.ctx.aggregator.flush();
    return { statuses, retryAfter, stored: await totals(c.ctx.db) };
  }

  it('per client (IP): past the per-minute burst → 429 with Retry-After, and those are not counted', async () => {
    const r = await flood({ perClientPerMinute: 5, perKeyPerSecond: 1000 }, 12);
    expect(r.statuses.filter((s) => s === 202)).toHaveLength(5);
    expect(r.statuses.slice(5).every((s) => s === 429)).toBe(true);
    expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(r.stored.success).toBe(5);
  });

  it('per key: past the per-second burst → 429', async () => {
    const r = await flood({ perClientPerMinute: 100_000, perKeyPerSecond: 4 }, 10);
    // 4 of burst, maybe one more refilled while the loop ran
    const ok = r.statuses.filter((s) => s === 202).length;
    expect(ok).toBeGreaterThanOrEqual(4);
    expect(ok).toBeLessThan(10);
    expect(r.statuses).toContain(429);
    expect(r.stored.success).toBe(ok);
  });
});
