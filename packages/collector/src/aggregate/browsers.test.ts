import type { BeaconBatch } from '@lifeboat/schema';
import { describe, expect, it } from 'vitest';
import { BrowserTally, STATUS_AT_CAP } from './browsers.js';

const calls = (guard: string, reject = 0) => ({ type: 'calls' as const, age: 0, guard, success: 1, failure: 0, timeout: 0, reject, fallback: reject, latency: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] });
const batch = (events: BeaconBatch['events'], statusAt?: number): BeaconBatch => ({
  v: 1, id: 'abcdefgh', sentAt: 0, app: 'smartcart', shop: 'a.myshopify.com', page: 'home', sdk: '1', events, ...(statusAt === undefined ? {} : { statusAt }),
});

describe('BrowserTally', () => {
  it('counts a batch once per guard it reports, open when it refused a call or its breaker opened', () => {
    const t = new BrowserTally();
    t.add(batch([calls('cart'), calls('cart', 2), calls('recs')]), 60_500);
    t.add(batch([{ type: 'transition', age: 0, guard: 'recs', from: 'closed', to: 'open', reason: 'failures' }]), 61_000);
    t.add(batch([calls('cart')], 42), 119_999);
    const { guards, status } = t.take();
    const by = (g: string) => guards.find((r) => r.guard === g);
    expect(by('cart')).toMatchObject({ minute: 60_000, batches: 2, open: 1 });
    expect(by('recs')).toMatchObject({ minute: 60_000, batches: 2, open: 1 });
    expect(status.sort((a, b) => a.statusAt - b.statusAt)).toEqual([
      { app: 'smartcart', minute: 60_000, statusAt: 0, batches: 2 },
      { app: 'smartcart', minute: 60_000, statusAt: 42, batches: 1 },
    ]);
    expect(t.take()).toEqual({ guards: [], status: [] });
  });

  it('keeps at most STATUS_AT_CAP statusAt values per app and minute, and says so', () => {
    let dropped = 0;
    const t = new BrowserTally(() => dropped++);
    for (let i = 0; i < STATUS_AT_CAP + 5; i++) t.add(batch([calls('cart')], 1000 + i), 0);
    const { guards, status } = t.take();
    expect(status).toHaveLength(STATUS_AT_CAP);
    expect(dropped).toBe(5);
    expect(guards[0].batches).toBe(STATUS_AT_CAP + 5);
  });

  it('restore adds rows back for the next flush', () => {
    const t = new BrowserTally();
    t.add(batch([calls('cart')], 7), 0);
    const rows = t.take();
    t.add(batch([calls('cart')], 7), 0);
    t.restore(rows);
    const again = t.take();
    expect(again.guards[0].batches).toBe(2);
    expect(again.status[0].batches).toBe(2);
  });
});
