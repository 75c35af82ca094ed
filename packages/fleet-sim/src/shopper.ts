/**
 * `npm run fleet-sim:shopper`: one shopper in the demo's settings (its guard options and its
 * collector's incident settings, examples/storefront/src), browsing through an outage of the
 * cart widget's backend. Prints, per seed, how long after the backend healed the shopper's first
 * page had the widget again, and the reset periods that shopper's breaker went through.
 */
import { DEFAULTS, runStrategy, type SimOptions } from './sim.js';
import { lifeboatConfig } from '../../../examples/storefront/src/lifeboatConfig.js';
import { DEMO_COLLECTOR_CONFIG } from '../../../examples/storefront/src/collector.js';

// The demo's own settings, read from its source.
const demo = lifeboatConfig({ storeUrl: '', cartVendorUrl: '', recsVendorUrl: '', collectorUrl: 'x' }) as { guards: { smartcart: Record<string, unknown> } };
const DEMO_GUARD = demo.guards.smartcart;
const DEMO_INCIDENTS = DEMO_COLLECTOR_CONFIG('http://127.0.0.1:1').incidents;

const arg = (name: string, d: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const seeds = arg('--seeds', 10);
const outage = arg('--outage', 3) * 60_000;
// The demo's setting, and the SDK's default for comparison.
const backoffs = process.argv.includes('--backoff') ? [arg('--backoff', 2)] : [...new Set([DEMO_GUARD.resetBackoff ?? 2, 2])];

for (const resetBackoff of backoffs) {
  const back: number[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const o: SimOptions = {
      ...DEFAULTS,
      seed,
      browsers: 1,
      shops: 1,
      minutes: 5 + outage / 60_000 + 10,
      incidentAt: 5 * 60_000,
      incidentFor: outage,
      incidentCapacity: 0,
      thinkMs: 10_000,
      pagesPerSession: 500,
      sessionGapMs: 1000,
      twoTabs: 0,
      detectionDelayMs: 2000,
      guard: { ...DEMO_GUARD, resetBackoff },
      budgetMs: DEMO_GUARD.timeout as number,
      incidents: DEMO_INCIDENTS,
    };
    const r = await runStrategy('lifeboat-fleet', o);
    const heal = (o.incidentAt + o.incidentFor) / 1000;
    const first = r.seconds.find((s) => s.t >= heal && s.pages > s.fallback);
    back.push(first ? first.t - heal : Infinity);
  }
  back.sort((a, b) => a - b);
  const med = back[Math.floor(back.length / 2)];
  console.log(`resetBackoff ${resetBackoff}: widget back after the heal, s (${seeds} seeds, ${outage / 60_000} min outage): ${back.join(', ')}; median ${med}, max ${back[back.length - 1]}`);
}
