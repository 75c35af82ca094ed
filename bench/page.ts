/**
 * `npm run bench:page` (builds the browser bundles first): what a storefront page pays for
 * Lifeboat, against the budgets of the storefront v2 issue.
 *
 *   1. files       the loader the app embed references and every chunk: raw and `gzip -9n`
 *   2. network     Lifeboat scripts in Chromium's network log, demo product and home page, first and repeat view
 *   3. lighthouse  Lighthouse 12 mobile, median of 5: Lifeboat + the app against the app's own tag (minutes)
 *   4. esbuild     an npm user's bundle of `createLifeboat`, and how much of it is zod
 *
 * `npx tsx bench/page.ts --only files,esbuild` runs a subset (`--lighthouse-runs=1` to try the
 * Lighthouse part quickly, `--verbose` for every run and stack traces); the sections not run keep their
 * figures from the previous bench-results/page.json (each section carries its own `at`). A
 * section that fails prints why and is written as `{ error }`; the others still run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { root } from './page/dist.js';
import { budgetRows, type PageResults } from './page/budgets.js';
import { measureFiles } from './page/files.js';
import { measureNetwork, type View } from './page/network.js';
import { measureLighthouse } from './page/lighthouse.js';
import { measureEsbuild } from './page/esbuild.js';

const SECTIONS = ['files', 'network', 'lighthouse', 'esbuild'] as const;
type SectionName = (typeof SECTIONS)[number];
export const PAGE_RESULTS = 'bench-results/page.json';

function parseOnly(argv: string[]): SectionName[] {
  const i = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (i < 0) return [...SECTIONS];
  const value = argv[i]!.includes('=') ? argv[i]!.split('=')[1]! : argv[i + 1];
  const names = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((s) => !(SECTIONS as readonly string[]).includes(s));
  if (!names.length || bad.length) {
    console.error(`--only takes a comma-separated list of ${SECTIONS.join(', ')}; got ${JSON.stringify(value ?? '')}`);
    process.exit(2);
  }
  return names as SectionName[];
}

const only = parseOnly(process.argv.slice(2));
const verbose = process.argv.includes('--verbose');
// Fewer Lighthouse runs to try the harness out; the budgets are stated for the median of 5.
const lhRuns = Number(process.argv.find((a) => a.startsWith('--lighthouse-runs='))?.split('=')[1] ?? 5);
const previous: Partial<PageResults> = existsSync(`${root}${PAGE_RESULTS}`) ? (JSON.parse(readFileSync(`${root}${PAGE_RESULTS}`, 'utf8')) as PageResults) : {};
const results: PageResults = {
  ...previous,
  at: new Date().toISOString(),
  command: `npx tsx bench/page.ts${only.length < SECTIONS.length ? ` --only ${only.join(',')}` : ''}${lhRuns !== 5 ? ` --lighthouse-runs=${lhRuns}` : ''}`,
  machine: { cpus: cpus().length, loadAverage: [], node: process.version },
};

async function section<T>(name: SectionName, title: string, run: () => Promise<T> | T, print: (r: T) => void) {
  if (!only.includes(name)) return;
  console.log(`\n${title}\n`);
  const t0 = Date.now();
  try {
    const r = await run();
    (results as unknown as Record<string, unknown>)[name] = { at: new Date().toISOString(), ...r };
    print(r);
  } catch (e) {
    const error = e instanceof Error ? e.message : String(e);
    (results as unknown as Record<string, unknown>)[name] = { at: new Date().toISOString(), error };
    console.log(`  not measured: ${error}`);
    if (verbose && e instanceof Error) console.log(e.stack);
  }
  console.log(`  (${Math.round((Date.now() - t0) / 1000)} s)`);
}

const n = (v: number) => v.toLocaleString('en-US');

await section('files', '1. The files (raw = as shipped to the extension\'s assets/, what Theme Check stats; gzip -9n = the binary)', measureFiles, (r) => {
  console.table(r.rows.map((f) => ({ file: f.file, role: f.role, raw: f.raw, 'raw in dist': f.distRaw, 'gzip -9n': f.gzip9n })));
  console.log(`  chunks together: ${n(r.chunksTotal.raw)} raw, ${n(r.chunksTotal.gzip9n)} gzip -9n`);
});

const viewRows = (label: string, v: View) =>
  v.files.map((f) => ({ view: label, file: f.file, status: f.status, body: f.bodyBytes, gzip: f.gzip, 'ms after start': f.atMs, 'after load': f.afterLoad }));
await section('network', '2. Lifeboat scripts in Chromium\'s network log (healthy cart app and recommendations)', measureNetwork, (r) => {
  console.log(`  Chromium ${r.chromium}; collector: ${r.collector}; gzip = ${r.productFirst.files[0]?.gzipFrom ?? 'gzip -9n of the body'} (the demo store does not compress)`);
  console.table([...viewRows('product, first', r.productFirst), ...viewRows('product, repeat', r.productRepeat), ...viewRows('home, first', r.homeFirst), ...viewRows('home, repeat', r.homeRepeat)]);
  console.table(
    (['productFirst', 'productRepeat', 'homeFirst', 'homeRepeat'] as const).map((k) => ({ view: k, 'Lifeboat JS gzip': r[k].totalGzip, files: r[k].files.length, widget: r[k].widget, 'recs links': r[k].recsCards })),
  );
  console.log(`  home page: ${r.homeOnlyLoaderAndCore.met ? 'only the loader and the core' : `over — ${r.homeOnlyLoaderAndCore.why}`}`);
});

await section('lighthouse', '3. Lighthouse (mobile, simulated throttling), demo product page, median of 5', () => measureLighthouse({ runs: lhRuns, log: (s) => console.log(`  ${verbose ? s : s.slice(0, 160)}`) }), (r) => {
  console.log(`  Lighthouse ${r.lighthouse}, ${r.runs} runs per variant and view`);
  const rows = [];
  for (const view of ['first', 'repeat'] as const) {
    for (const [metric, key, unit] of [
      ["Lifeboat's scripts' bootup-time", 'lifeboatBootupMs', 'ms'],
      ['bootup-time, whole page', 'bootupMs', 'ms'],
      ['total-blocking-time', 'tbtMs', 'ms'],
      ['performance score', 'score', ''],
    ] as const) {
      rows.push({ view, metric, "the app's own tag, no Lifeboat": `${r[view].appTag.median[key]} ${unit}`.trim(), 'Lifeboat + the app': `${r[view].lifeboat.median[key]} ${unit}`.trim() });
    }
  }
  console.table(rows);
});

await section('esbuild', '4. esbuild bundle of createLifeboat from @lifeboat/sdk (minified, ESM, browser, all dependencies)', measureEsbuild, (r) => {
  console.log(`  ${r.entry}`);
  console.log(`  ${n(r.minified)} bytes minified, ${n(r.gzip9n)} bytes gzip -9n; zod ${n(r.zodBytes)} bytes of the minified output (${r.zodShare})`);
  console.table(r.byPackage.slice(0, 8));
});

results.machine.loadAverage = loadavg().map((l) => Math.round(l * 10) / 10);
console.log('\nBudgets (storefront v2 issue)\n');
console.table(budgetRows(results));
mkdirSync(`${root}bench-results`, { recursive: true });
writeFileSync(`${root}${PAGE_RESULTS}`, `${JSON.stringify(results, null, 2)}\n`);
console.log(`written: ${PAGE_RESULTS} (\`npm run docs:figures\` writes the page table of docs/benchmarks.md from it)`);
