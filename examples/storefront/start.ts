/**
 * `npm start`: brings the bundles up to date (only the stale ones, in parallel), then starts the
 * demo store on fixed ports, with Lifeboat on every page and a collector writing to
 * .lifeboat/demo.db. Prints each step and how long it took. Ctrl-C stops everything.
 */
import { fork, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { RollupOptions, OutputOptions, RollupLog, LoggingFunction } from 'rollup';

const repo = fileURLToPath(new URL('../../', import.meta.url));
// rollup.config.js names its inputs and outputs relative to the repository root.
process.chdir(repo);

const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const since = () => secs(process.uptime() * 1000);
const say = (msg: string) => console.log(`[lifeboat ${since().padStart(6)}] ${msg}`);

type Target = { index: number; outputs: string[]; inputs: string[] };
/** The files a rollup target writes: its `file`, or for a `dir` output one file per named input. */
const outputsOf = (c: RollupOptions): string[] =>
  ([] as OutputOptions[]).concat(c.output ?? []).flatMap((o) => {
    if (typeof o.file === 'string') return [o.file];
    if (typeof o.dir !== 'string') return [];
    const names = c.input && typeof c.input === 'object' && !Array.isArray(c.input) ? Object.keys(c.input) : [];
    const pattern = typeof o.entryFileNames === 'string' ? o.entryFileNames : '[name].js';
    return names.map((n) => `${o.dir}/${pattern.replace('[name]', n)}`);
  });

/** Every non-test file under `dir`, recursively. */
function filesUnder(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) filesUnder(p, out);
    else if (!/\.test\.ts$/.test(e.name)) out.push(p);
  }
  return out;
}
const mtime = (f: string) => (existsSync(f) ? statSync(f).mtimeMs : Number.POSITIVE_INFINITY);
/** Stale when an output is missing or older than any input (coarse inputs: a whole package's sources). */
const stale = (outputs: string[], inputs: string[]) => {
  // A target whose outputs cannot be told is always built: never skip what may be missing.
  if (!outputs.length) return true;
  const oldestOut = Math.min(...outputs.map((f) => (existsSync(f) ? statSync(f).mtimeMs : 0)));
  return inputs.some((f) => existsSync(f) && mtime(f) > oldestOut);
};

// Installed dependencies changed → rebuild; the lockfile npm writes into node_modules tells.
const common = ['rollup.config.js', 'node_modules/.package-lock.json'];
const browserInputs = () => [
  ...common,
  ...['schema', 'sdk', 'shopify'].flatMap((p) => [`packages/${p}/package.json`, ...filesUnder(`packages/${p}/src`)]),
];
const dashboardInputs = () => [...common, ...filesUnder('packages/collector/src/dashboard/client')];

async function rollupTargets(): Promise<{ configs: RollupOptions[]; targets: Target[] }> {
  const configs = (await import(`${repo}rollup.config.js`)).default as RollupOptions[];
  const browser = browserInputs();
  const dashboard = dashboardInputs();
  const targets = configs.map((c, index) => {
    const outputs = outputsOf(c);
    return { index, outputs, inputs: outputs.some((f) => f.startsWith('packages/collector/')) ? dashboard : browser };
  });
  return { configs, targets };
}

/** Child process: build the given rollup targets, one message per target. */
async function buildWorker(indexes: number[]) {
  const { rollup } = await import('rollup');
  const { configs } = await rollupTargets();
  for (const index of indexes) {
    const c = configs[index];
    const started = performance.now();
    const warnings: string[] = [];
    const keep: LoggingFunction = (w: RollupLog | string | (() => RollupLog | string)) => {
      const log = typeof w === 'function' ? w() : w;
      warnings.push(typeof log === 'string' ? log : `${log.code ?? ''} ${log.message}`.trim());
    };
    const bundle = await rollup({ ...c, output: undefined, onwarn: (w) => (c.onwarn ? c.onwarn(w, keep) : keep(w)) });
    for (const o of ([] as OutputOptions[]).concat(c.output ?? [])) await bundle.write(o);
    await bundle.close();
    process.send?.({ index, ms: performance.now() - started, warnings });
  }
}

if (process.argv[2] === '--build-worker') {
  await buildWorker(process.argv[3].split(',').map(Number));
  process.exit(0);
}

/**
 * Builds the stale rollup targets among those `which` picks, in up to two child processes (two
 * cores is the common case). `what` names them in the progress lines.
 */
async function buildBundles(what: string, which: (t: Target) => boolean): Promise<boolean> {
  const started = performance.now();
  const { targets } = await rollupTargets();
  const mine = targets.filter(which);
  const todo = mine.filter((t) => stale(t.outputs, t.inputs));
  if (!todo.length) {
    say(`${what}: all ${mine.length} up to date, nothing to build`);
    return true;
  }
  const n = Math.max(1, Math.min(2, availableParallelism(), todo.length));
  say(`${what}: ${todo.length} of ${mine.length} out of date, building with rollup in ${n} process${n > 1 ? 'es' : ''}…`);
  for (const t of todo) for (const f of t.outputs) pending.add(f);
  const lanes = Array.from({ length: n }, (_, i) => todo.filter((_, j) => j % n === i).map((t) => t.index));
  let failed = false;
  await Promise.all(
    lanes.map(
      (lane) =>
        new Promise<void>((resolve) => {
          const child = fork(fileURLToPath(import.meta.url), ['--build-worker', lane.join(',')], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
          child.on('message', (m: { index: number; ms: number; warnings: string[] }) => {
            for (const f of targets[m.index].outputs) pending.delete(f);
            say(`  ${targets[m.index].outputs.join(', ')} (${secs(m.ms)})`);
            for (const w of m.warnings) console.log(`      warning: ${w.split('\n')[0]}`);
          });
          child.on('exit', (code) => {
            if (code !== 0) failed = true;
            resolve();
          });
        }),
    ),
  );
  if (failed) {
    console.error(`${what}: a bundle failed to build (see above); fix the error and run \`npm start\` again.`);
    return false;
  }
  say(`${what}: built in ${secs(performance.now() - started)}`);
  return true;
}

/** What the store serves: the Shopify loader and its chunks (/lifeboat/) and the collector's dashboard. */
const servedByStore = (t: Target) => t.outputs.some((f) => f.includes('/lifeboat.shopify') || f.startsWith('packages/collector/'));

/**
 * The collector's own build (tsc) for `npx lifeboat-collector`; the demo loads the collector from
 * its sources, so the store does not wait for this. Resolves with a line to print.
 */
function buildCollectorCli(): Promise<string> | undefined {
  const outputs = ['packages/collector/dist/cli.js', 'packages/collector/dist/index.js'];
  const inputs = [
    'tsconfig.base.json',
    'packages/collector/tsconfig.json',
    'packages/schema/dist/index.d.ts',
    ...filesUnder('packages/collector/src').filter((f) => f.endsWith('.ts') && !f.includes('/dashboard/client/')),
  ];
  if (!stale(outputs, inputs)) return undefined;
  const started = performance.now();
  for (const f of outputs) pending.add(f);
  return new Promise((resolve) => {
    const tsc = spawn(process.execPath, [`${repo}node_modules/typescript/bin/tsc`, '-p', 'packages/collector/tsconfig.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    tsc.stdout.on('data', (d: Buffer) => (out += d));
    tsc.stderr.on('data', (d: Buffer) => (out += d));
    tsc.on('exit', (code) => {
      if (existsSync(outputs[0])) chmodSync(outputs[0], 0o755);
      if (code === 0) for (const f of outputs) pending.delete(f);
      resolve(code === 0 ? `collector CLI (tsc): built in ${secs(performance.now() - started)}` : `collector CLI (tsc) failed; \`npx lifeboat-collector\` needs it:\n${out}`);
    });
  });
}

// Outputs being rebuilt right now. A stop (Ctrl-C) kills the build processes mid-way; their
// outputs are removed then, so a half-written file never looks up to date to the next start.
const pending = new Set<string>();
let demoClose: (() => Promise<void>) | undefined;
let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  for (const f of pending) rmSync(f, { force: true });
  await demoClose?.();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

say('checking which bundles are out of date');
// Loading the store's modules (the collector's sources via tsx) overlaps with the build.
const storefront = import('./src/index.js');
if (!(await buildBundles('bundles the store serves', servedByStore))) process.exit(1);
const { startStorefront } = await storefront;

const dataDir = `${repo}.lifeboat`;
mkdirSync(dataDir, { recursive: true });

const port = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

say('starting the store, both mock vendors and the collector');
const demo = await startStorefront({
  ports: {
    store: port('STORE_PORT', 3000),
    cartVendor: port('CART_VENDOR_PORT', 3001),
    recsVendor: port('RECS_VENDOR_PORT', 3002),
    collector: port('COLLECTOR_PORT', 8787),
  },
  collectorDb: process.env.LIFEBOAT_DB ?? `${dataDir}/demo.db`,
}).catch((err: NodeJS.ErrnoException) => {
  if (err.code === 'EADDRINUSE') {
    console.error(`A port is already in use (${err.message}). Stop the other process or choose ports with STORE_PORT, CART_VENDOR_PORT, RECS_VENDOR_PORT, COLLECTOR_PORT.`);
    process.exit(1);
  }
  throw err;
});

const loaderBuilt = existsSync(`${repo}packages/shopify/dist/lifeboat.shopify.js`);
const s = demo.storeUrl;
console.log(`
Lifeboat demo store
  store            ${s}
  smart cart app   ${demo.cartVendorUrl}   chaos control: ${demo.cartVendorUrl}/__chaos
  recommendations  ${demo.recsVendorUrl}   chaos control: ${demo.recsVendorUrl}/__chaos
  collector        ${demo.collectorUrl}${demo.collectorKind === 'stub' ? '   (stand-in: packages/collector could not be loaded)' : `   dashboard: ${demo.collectorUrl}/dashboard (read token rt_demo_read_token, admin token at_demo_admin_token)`}
${loaderBuilt ? '' : '\n  ! packages/shopify/dist/lifeboat.shopify.js is missing: run `npm run build`. The store works natively meanwhile.\n'}
What to try
  1. Open ${s}/products/linen-tote and add to cart: the smart cart drawer opens.
  2. On ${demo.cartVendorUrl}/__chaos press "hang", reload the product page and add to cart again:
     after the 3 s readiness budget Lifeboat serves the click with the theme's own drawer and
     shows a short "basic mode" notice. Reload: the smart cart is not even requested now
     (the breaker is open and remembered across pages and tabs).
  3. Try the other modes: slow, 500, error-200, script-404, script-throws.
  4. Press "healthy": when the breaker's open period ends (30 s ± 20 % after it opened; the demo
     does not lengthen it after failed probes), the next page's probe loads the smart cart again.
  5. On ${demo.recsVendorUrl}/__chaos press "hang": checkout from ${s}/cart still goes at once,
     and "You may also like" on a product page falls back to Shopify's own recommendations.
  6. Compare without Lifeboat: ${s}/products/linen-tote?lifeboat=0&smartcart=1 (the app's script
     tag included directly) — with the cart app in "hang", add-to-cart does nothing.
  7. Replay an incident: on ${demo.cartVendorUrl}/__chaos press "Cart app down (Dec 18 2024)"
     (or "Recommendations overloaded" on ${demo.recsVendorUrl}/__chaos), and in another terminal
     \`npm run incident -- cart-down\` to run shoppers through it and print the measured times
     (docs/incidents.md).
     Switch back with ?lifeboat=1&smartcart=0 (the switches are kept in cookies).
  Also: ${s}/?native=1 emulates Shopify's Standard Storefront Actions; /fr/… is a locale prefix.

Ctrl-C to stop.`);
say(`store answering at ${s} (${since()} after this process started)`);

// The rest — the npm packages' builds, lifeboat.browser.js, and the collector's CLI (tsc, which
// reads @lifeboat/schema's built types) — is not needed by the store, so it comes after it, and
// then `npm test`, `npm run bench` and `npx lifeboat-collector` find everything built.
void (async () => {
  if (!(await buildBundles('other bundles (npm packages, lifeboat.browser.js)', (t) => !servedByStore(t)))) return;
  const cli = buildCollectorCli();
  if (!cli) return say('collector CLI (tsc): up to date');
  say('collector CLI (tsc): building (for `npx lifeboat-collector`)…');
  say(await cli);
  say('everything is built');
})();

demoClose = () => demo.close();
