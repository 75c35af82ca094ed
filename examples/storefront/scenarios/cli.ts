/**
 * `npm run incident -- cart-down`: replays an incident against the running demo (`npm start`)
 * with synthetic shoppers, prints the timeline as it happens and the measured times at the end.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SCENARIOS } from '../src/vendors/scenarios.js';
import { replayIncident, type ReplayResult } from './replay.js';

const HELP = `Usage: npm run incident -- <scenario> [options]      (with \`npm start\` running)

Scenarios:
${SCENARIOS.map((s) => `  ${s.id.padEnd(16)} ${s.title}`).join('\n')}

  --time-scale X    multiply the phase lengths (default 1; 0.2 = five times faster)
  --shops N         shoppers' shops (default 50)
  --rate R          guarded calls per second (default 20)
  --without S       share of calls made as without Lifeboat (default 0.2)
  --settle D        after the replay, wait up to D seconds for the incident to resolve and the status document to clear (default 300)
  --json FILE       also write the measured result as JSON
  --store URL --cart URL --recs URL --collector URL   the demo's origins (default 127.0.0.1:3000/3001/3002/8787)
`;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'time-scale': { type: 'string', default: '1' },
    shops: { type: 'string', default: '50' },
    rate: { type: 'string', default: '20' },
    without: { type: 'string', default: '0.2' },
    settle: { type: 'string', default: '300' },
    json: { type: 'string' },
    store: { type: 'string', default: 'http://127.0.0.1:3000' },
    cart: { type: 'string', default: 'http://127.0.0.1:3001' },
    recs: { type: 'string', default: 'http://127.0.0.1:3002' },
    collector: { type: 'string', default: 'http://127.0.0.1:8787' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || positionals.length !== 1 || !SCENARIOS.some((s) => s.id === positionals[0])) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const num = (name: string, v: string, lo: number, hi: number) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < lo || n > hi) {
    console.error(`incident: --${name} must be a number from ${lo} to ${hi} (got "${v}")`);
    process.exit(2);
  }
  return n;
};

const t0 = Date.now();
const r = await replayIncident({
  scenario: positionals[0],
  storeUrl: values.store!,
  cartVendorUrl: values.cart!,
  recsVendorUrl: values.recs!,
  collectorUrl: values.collector!,
  timeScale: num('time-scale', values['time-scale']!, 0.001, 10),
  shops: num('shops', values.shops!, 1, 10_000),
  rate: num('rate', values.rate!, 0.1, 10_000),
  withoutLifeboat: num('without', values.without!, 0, 1),
  settleMs: num('settle', values.settle!, 0, 3600) * 1000,
  log: (l) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${l}`),
}).catch((err: Error) => {
  console.error(`incident: ${err.message}${err.cause ? ` (${(err.cause as Error).message ?? err.cause})` : ""}\nIs the demo running (npm start)?`, err.stack);
  process.exit(1);
});

console.log(`\n${formatResult(r)}`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(r, null, 2)}\n`);

function formatResult(r: ReplayResult): string {
  const s = (ms: number | null) => (ms === null ? 'did not happen' : `${(ms / 1000).toFixed(1)} s`);
  const t = r.times;
  const d = r.duringFailure;
  const bare = d.bareOk + d.bareFailed + d.bareHung;
  return [
    `${r.title} — times after the vendor began failing (guard ${r.guard}, ${r.shops} shops, ${r.rate} calls/s, time ×${r.timeScale})`,
    `  first shopper served by the native fallback  ${s(t.firstNativeFallback)}`,
    `  first failure counted by the collector       ${s(t.firstFailureAtCollector)}`,
    `  incident opened                              ${s(t.incidentOpened)}`,
    `  status document changed                      ${s(t.statusChanged)}`,
    `  90 % of open tabs obey it                    ${s(t.tabsObeying)}`,
    `  vendor healed                                ${s(t.healed)}`,
    `  widget served again                          ${s(t.widgetBack)}`,
    `  incident resolved                            ${s(t.incidentResolved)}`,
    `  status document back to normal               ${s(t.statusCleared)}`,
    `While failing, with Lifeboat: ${d.vendor + d.native + d.lost} calls, ${d.native} served natively, ${d.vendor} by the widget, ${d.lost} lost; longest wait ${Math.round(d.maxMs)} ms`,
    `While failing, without Lifeboat: ${bare} calls, ${d.bareOk} served, ${d.bareFailed} failed, ${d.bareHung} still waiting after 10 s`,
  ].join('\n');
}
