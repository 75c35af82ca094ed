// Test double of the Lifeboat interface for the transport and status units: they need only
// `config`, `on`, `report` and `applyStatus`, and a test must be able to emit any event and see
// every document applied, which the real guard core does not let it do.
import { BANNER_DEFAULTS, BEACON_DEFAULTS, GUARD_DEFAULTS, STATUS_DEFAULTS } from '@lifeboat/schema/lite';
import type { Lifeboat, LifeboatEventMap, LifeboatEventName, ResolvedConfig, StatusDocument } from '@lifeboat/sdk';

let n = 0;

export interface FakeLifeboat extends Lifeboat {
  emit<K extends LifeboatEventName>(type: K, event: LifeboatEventMap[K]): void;
  listeners(): number;
  applied: StatusDocument[];
}

export function fakeLifeboat(over: Partial<Omit<ResolvedConfig, 'beacons' | 'status'>> & { beacons?: Partial<ResolvedConfig['beacons']>; status?: Partial<ResolvedConfig['status']> } = {}): FakeLifeboat {
  const ls = new Map<string, Set<(e: unknown) => void>>();
  const config: ResolvedConfig = {
    app: 'smartcart',
    shop: 'demo-shop.myshopify.com',
    page: 'product',
    publicKey: 'pk_test_smartcart',
    collector: 'http://collector.test',
    defaults: GUARD_DEFAULTS,
    guards: {},
    storageName: `lifeboat-test-${++n}`,
    debug: false,
    problems: [],
    banner: BANNER_DEFAULTS,
    ...over,
    beacons: { ...BEACON_DEFAULTS, ...over.beacons },
    status: { ...STATUS_DEFAULTS, ...over.status },
  };
  const lb: FakeLifeboat = {
    ready: Promise.resolve(),
    config,
    applied: [],
    run: () => Promise.reject(new Error('not in the fake')),
    state: () => 'closed',
    on(type, fn) {
      const set = ls.get(type) ?? new Set();
      ls.set(type, set);
      set.add(fn as (e: unknown) => void);
      return () => set.delete(fn as (e: unknown) => void);
    },
    emit(type, event) {
      for (const fn of ls.get(type) ?? []) fn(event);
    },
    report(event) {
      lb.emit('report', { event });
    },
    applyStatus(doc) {
      lb.applied.push(doc);
    },
    get statusAt() {
      return lb.applied.at(-1)?.generatedAt;
    },
    fleet: (g) => lb.applied.at(-1)?.guards[g],
    flush() {},
    destroy() {},
    listeners: () => [...ls.values()].reduce((a, s) => a + s.size, 0),
  };
  return lb;
}
