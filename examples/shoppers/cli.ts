/**
 * `npm run shoppers -- --shops 50 --rate 20/s`: synthetic shoppers for the demo's dashboard.
 * Runs until Ctrl-C (or --duration), printing what the browsers did every 10 s.
 */
import { parseArgs } from 'node:util';
import { startShoppers } from './shoppers.js';

const HELP = `Usage: npm run shoppers -- [options]

  --collector URL   collector to report to            (default http://127.0.0.1:8787, the demo's)
  --key KEY         the app's public key              (default pk_demo_smartcart)
  --app NAME        app name                          (default smartcart)
  --origin URL      page origin sent with beacons     (default http://127.0.0.1:3000, the demo store's)
  --guards LIST     guards and their share of calls   (default smartcart=0.6,recs=0.4, the demo's)
  --shops N         shops                             (default 50)
  --browsers N      browsers per shop                 (default 1)
  --rate R          guarded calls per second, "20" or "20/s"  (default 20/s)
  --fail G=S        share S (0-1) of guard G's calls fail, repeatable, e.g. --fail cart=0.9
  --backend G=URL  guard G's calls GET this URL (a real backend) instead of failing synthetically, repeatable
  --vendors         the demo's vendors: --backend smartcart=http://127.0.0.1:3001/api/v2/settings?shop=demo
                    --backend recs=http://127.0.0.1:3002/api/recommendations?product_id=7001 (their chaos
                    panels and incident replays then reach the shoppers)
  --duration D      stop after D seconds ("90", "90s", "5m"); default: run until Ctrl-C
`;

function fail(msg: string): never {
  console.error(`shoppers: ${msg}\n\n${HELP}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    collector: { type: 'string', default: 'http://127.0.0.1:8787' },
    key: { type: 'string', default: 'pk_demo_smartcart' },
    app: { type: 'string', default: 'smartcart' },
    origin: { type: 'string', default: 'http://127.0.0.1:3000' },
    guards: { type: 'string', default: 'smartcart=0.6,recs=0.4' },
    shops: { type: 'string', default: '50' },
    browsers: { type: 'string', default: '1' },
    rate: { type: 'string', default: '20/s' },
    fail: { type: 'string', multiple: true, default: [] },
    backend: { type: 'string', multiple: true, default: [] },
    vendors: { type: 'boolean', default: false },
    duration: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const int = (name: string, v: string, max: number) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max) fail(`--${name} must be a whole number from 1 to ${max} (got "${v}")`);
  return n;
};
const rateMatch = /^(\d+(?:\.\d+)?)(?:\/s)?$/.exec(values.rate!);
if (!rateMatch || Number(rateMatch[1]) <= 0) fail(`--rate must be calls per second such as "20/s" (got "${values.rate}")`);
const failures: Record<string, number> = {};
for (const f of values.fail!) {
  const m = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,63})=(0(?:\.\d+)?|1(?:\.0+)?)$/.exec(f);
  if (!m) fail(`--fail must be guard=share with a share from 0 to 1, e.g. cart=0.9 (got "${f}")`);
  failures[m[1]] = Number(m[2]);
}
const backends: Record<string, string> = values.vendors
  ? { smartcart: 'http://127.0.0.1:3001/api/v2/settings?shop=demo', recs: 'http://127.0.0.1:3002/api/recommendations?product_id=7001' }
  : {};
for (const b of values.backend!) {
  const m = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,63})=(https?:\/\/.+)$/.exec(b);
  if (!m) fail(`--backend must be guard=URL, e.g. smartcart=http://127.0.0.1:3001/api/v2/settings (got "${b}")`);
  backends[m[1]] = m[2];
}
const guards: Record<string, number> = {};
for (const g of values.guards!.split(',')) {
  const m = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,63})=(\d+(?:\.\d+)?)$/.exec(g.trim());
  if (!m || Number(m[2]) <= 0) fail(`--guards must be guard=weight pairs such as smartcart=0.6,recs=0.4 (got "${g}")`);
  guards[m[1]] = Number(m[2]);
}
let origin: string | undefined;
try {
  origin = new URL(values.origin!).origin;
} catch {
  fail(`--origin must be an origin such as http://127.0.0.1:3000 (got "${values.origin}")`);
}
let durationMs: number | undefined;
if (values.duration) {
  const m = /^(\d+)(s|m)?$/.exec(values.duration);
  if (!m) fail(`--duration must be seconds or minutes such as "90s" or "5m" (got "${values.duration}")`);
  durationMs = Number(m[1]) * (m[2] === 'm' ? 60_000 : 1000);
}

const fleet = await startShoppers({
  collector: values.collector!.replace(/\/$/, ''),
  publicKey: values.key!,
  app: values.app!,
  shops: int('shops', values.shops!, 10_000),
  browsersPerShop: int('browsers', values.browsers!, 100),
  rate: Number(rateMatch[1]),
  failures,
  guards,
  origin,
  backends,
});
console.log(`shoppers: ${fleet.browsers} browsers in ${values.shops} shops, ${rateMatch[1]} calls/s, reporting to ${values.collector} (dashboard: ${values.collector}/dashboard)`);

const report = () => {
  const t = fleet.tally().byGuard;
  console.log(
    Object.entries(t)
      .map(([g, c]) => `${g}: ${c.success} ok, ${c.failure} failed, ${c.timeout} timed out, ${c.reject} refused, ${c.fallback} fallbacks`)
      .join(' | ') || 'no calls yet',
  );
};
const every = setInterval(report, 10_000);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  clearInterval(every);
  await fleet.stop();
  report();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
if (durationMs) setTimeout(() => void stop(), durationMs);
