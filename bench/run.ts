/**
 * `npm run bench` (after `npm run build`): per-call cost in Node and Chromium, a ten-page shopper
 * session during an outage in virtual time, and bundle sizes. Prints tables and writes
 * bench-results/bench.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { perCallChromium } from './percall/chromium.js';
import { perCallNode } from './percall/node.js';
import { simulateSessions } from './session/simulate.js';
import { bundleSizes, coreSize } from './size.js';
import { buildSdkBrowser } from './build-sdk.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const quick = process.argv.includes('--quick');
const opts = quick ? { calls: 2000, rounds: 5 } : { calls: 5000, rounds: 21 };

if (!existsSync(`${root}packages/sdk/dist/lifeboat.browser.js`)) await buildSdkBrowser();

console.log('\n1. Per-call cost on a healthy dependency (ns/call: fastest of 21 interleaved rounds; median beside it)\n');
const node = await perCallNode(opts);
console.log(`Node ${node.node}`);
console.table(node.rows);
let chromium: Awaited<ReturnType<typeof perCallChromium>> | { error: string };
try {
  chromium = await perCallChromium(opts);
  console.log(`Chromium ${chromium.chromium} (packages/sdk/dist/lifeboat.browser.js)`);
  console.table(chromium.rows);
} catch (e) {
  chromium = { error: String(e) };
  console.log(`Chromium: skipped — ${chromium.error}`);
}

console.log('\n2. Ten-page shopper session while the cart backend hangs (virtual time)\n');
const session = await simulateSessions(quick ? 5 : 30);
console.log(`${session.sessions} sessions per variant; time budget ${session.timeBudgetS} s; dwell per page ${session.dwellS.join(', ')} s`);
console.table(session.rows);

console.log('\n3. Gzip size of the browser bundles (loader budget 10,000 bytes)\n');
const bundles = await bundleSizes();
console.table(bundles);
const core = await coreSize();
console.table([core]);

await mkdir(`${root}bench-results`, { recursive: true });
await writeFile(
  `${root}bench-results/bench.json`,
  // `machine` and `command` travel with the figures: docs/benchmarks.md prints them beside the
  // tables (scripts/docs-figures.ts), since a contended 2-core machine moves them by ±30 %.
  `${JSON.stringify(
    {
      at: new Date().toISOString(),
      command: `npx tsx bench/run.ts${quick ? ' --quick' : ''}`,
      machine: { cpus: cpus().length, loadAverage: loadavg().map((l) => Math.round(l * 10) / 10), node: process.version },
      perCall: { node, chromium },
      session,
      bundles,
      core,
    },
    null,
    2,
  )}\n`,
);
console.log('\nwritten: bench-results/bench.json (`npm run docs:figures` writes docs/benchmarks.md from it)');
