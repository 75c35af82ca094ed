/**
 * Writes the generated parts of the docs, so no figure or field list is copied by hand:
 *
 * - docs/benchmarks.md: the tables, from bench-results/bench.json (what `npm run bench` writes),
 *   and "What a page pays" from bench-results/page.json (what `npm run bench:page` writes);
 * - docs/collector.md: the ingest table, from bench-results/collector-wrk.json and collector.json
 *   (what `npm run bench:collector:wrk` and `npm run bench:collector` write);
 * - docs/shopify.md and docs/guards.md: the page budgets, files and the npm bundle, from page.json;
 * - docs/config-reference.md: every SDK and Shopify config field, from the zod schemas (through
 *   packages/schema's JSON Schema, which carries their descriptions and defaults).
 *
 * `npx tsx scripts/docs-figures.ts` rewrites both; `--check` only reports which are stale (exit 1).
 * test/newcomer-docs.test.ts fails when either file differs from what this would write.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaFiles } from '../packages/schema/src/jsonSchema.js';
import { budgetRows, type PageResults } from '../bench/page/budgets.js';

const root = fileURLToPath(new URL('../', import.meta.url));
export const BENCH_RESULTS = 'bench-results/bench.json';
export const PAGE_RESULTS = 'bench-results/page.json';

// ---------------------------------------------------------------------------------------------
// Generated blocks: <!-- generated:NAME --> … <!-- /generated:NAME -->, the rest of a file is prose.

/** Replaces the body of every generated block whose name is in `blocks`; throws on a missing block. */
export function fillBlocks(text: string, blocks: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- generated:${name} [^>]*-->\\n)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!re.test(out)) throw new Error(`no <!-- generated:${name} … --> block`);
    out = out.replace(re, (_m, open: string, close: string) => `${open}${body.trimEnd()}\n${close}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Benchmarks

interface PerCallRow { case: string; nsPerCall: number; medianNs: number; ratioToOpossum: number; medianRatio: number }
interface SessionRow { variant: string; meanWaitS: number; maxWaitS: number; meanBackendCalls: number; maxBackendCalls: number; meanProbes: number; fallbackPages: number }
interface BundleRow { bundle: string; bytes: number; gzip: number; loaderBudget: string; shareOfBudget: string }
export interface BenchResults {
  at: string;
  command?: string;
  machine?: { cpus: number; loadAverage: number[]; node: string };
  perCall: { node: { node: string; rows: PerCallRow[] }; chromium: { chromium: string; rows: PerCallRow[] } | { error: string } };
  session: { sessions: number; pages: number; dwellS: number[]; timeBudgetS: number; rows: SessionRow[] };
  bundles: BundleRow[];
  core: { coreGzip: number; coreWithOpossumEe3IdbGzip: number; depsGzip: number };
}

const n = (v: number) => v.toLocaleString('en-US');
const r2 = (v: number) => (Math.round(v * 100) / 100).toString();
const table = (head: string[], align: string[], rows: (string | number)[][]) =>
  [`| ${head.join(' | ')} |`, `|${align.join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const SESSION_LABELS: Record<string, string> = {
  opossum: 'in-memory opossum breaker per page',
  lifeboat: '**Lifeboat** (persisted, shared breaker)',
  'lifeboat, idempotent read': '**Lifeboat, the call marked `idempotent`** (a read)',
  'lifeboat, write + background probe': '**Lifeboat, a write with a background `probe`** (health request)',
  'lifeboat+fleet': 'Lifeboat + fleet status `open`',
  'lifeboat (defaults)': 'Lifeboat with `GUARD_DEFAULTS`',
};
const LOADER = 'lifeboat.shopify.js';
export const PER_CALL_GOAL = 1.5;

/** The generated blocks of docs/benchmarks.md. */
export function benchmarkBlocks(b: BenchResults): Record<string, string> {
  const chromium = 'rows' in b.perCall.chromium ? b.perCall.chromium : undefined;
  const m = b.machine;
  const run = [
    `Figures from \`${b.command ?? 'npm run bench'}\` on ${b.at.slice(0, 10)}`,
    m ? `: ${m.cpus} cores, load average ${m.loadAverage.join(' / ')} (1 / 5 / 15 min) when it finished` : '',
    `, Node ${b.perCall.node.node}`,
    chromium ? `, Chromium ${chromium.chromium} headless` : `; Chromium not measured (${(b.perCall.chromium as { error: string }).error})`,
    '.',
  ].join('');

  const byCase = (rows: PerCallRow[] | undefined, c: string) => rows?.find((r) => r.case === c);
  const cases = b.perCall.node.rows.map((r) => r.case);
  const perCallRows = cases.map((c) => {
    const nd = byCase(b.perCall.node.rows, c)!;
    const ch = byCase(chromium?.rows, c);
    const bold = c === 'lifeboat.run';
    const cell = (s: string) => (bold ? `**${s}**` : s);
    return [
      bold ? '**`lifeboat.run`**' : `\`${c}\``,
      ch ? cell(n(ch.nsPerCall)) : '—',
      ch ? cell(`${r2(ch.ratioToOpossum)} (${r2(ch.medianRatio)})`) : '—',
      n(nd.nsPerCall),
      `${r2(nd.ratioToOpossum)} (${r2(nd.medianRatio)})`,
    ];
  });
  const lbChromium = byCase(chromium?.rows, 'lifeboat.run');
  const goal = lbChromium
    ? `Goal \`lifeboat.run\` ≤ ${PER_CALL_GOAL} × opossum \`fire()\` in Chromium (fastest round): **${lbChromium.ratioToOpossum <= PER_CALL_GOAL ? 'met' : 'not met'} in this run (${r2(lbChromium.ratioToOpossum)}×; median ${r2(lbChromium.medianRatio)}×)**.`
    : 'Goal `lifeboat.run` ≤ 1.5 × opossum `fire()` in Chromium: not measured in this run.';

  const s = b.session;
  const sessionRows = s.rows.map((r) => [
    SESSION_LABELS[r.variant] ?? r.variant,
    `${n(r.meanWaitS)} s (${n(r.maxWaitS)} s)`,
    `${n(r.meanBackendCalls)} (${n(r.maxBackendCalls)})`,
    n(r.meanProbes),
    n(r.fallbackPages),
  ]);

  const loader = b.bundles.find((x) => x.bundle.endsWith(`/${LOADER}`));
  const bundleRows = b.bundles.map((x) => {
    const isLoader = x === loader;
    return [
      isLoader ? `**${x.bundle}** (per-page loader)` : x.bundle,
      n(x.bytes),
      isLoader ? `**${n(x.gzip)}**` : n(x.gzip),
      isLoader ? `**${x.loaderBudget === 'within' ? 'within' : 'over'}** (${x.shareOfBudget})` : '',
    ];
  });

  return {
    run,
    percall: `${table(['case', 'Chromium ns/call', 'ratio to opossum (median)', 'Node ns/call', 'ratio to opossum (median)'], ['---', '---:', '---:', '---:', '---:'], perCallRows)}\n\n${goal}`,
    session: `${s.sessions} sessions per variant, ${s.pages} pages each, dwell ${s.dwellS.join(', ')} s, time budget ${s.timeBudgetS} s.\n\n${table(['variant', 'shopper wait, mean (max)', 'backend calls, mean (max)', 'of which probes', 'pages on the fallback'], ['---', '---:', '---:', '---:', '---:'], sessionRows)}`,
    bundles: `${table(['bundle', 'bytes', 'gzip -9 (zlib)', 'vs 4,500-byte loader gzip budget'], ['---', '---:', '---:', '---'], bundleRows)}\n\nThe guard core's own code (\`createCore\` and \`eagerBreaker\` as \`@lifeboat/sdk/core\` exports them; transport and status client stubbed; esbuild minify): **${n(b.core.coreGzip)} bytes gzip**; with opossum + eventemitter3 + idb-keyval ${n(b.core.coreWithOpossumEe3IdbGzip)} (those three: ${n(b.core.depsGzip)}).`,
  };
}

// ---------------------------------------------------------------------------------------------
// What a page pays (bench/page.ts)

// Names of \w only: test/newcomer-docs.test.ts strips generated blocks by \w+ names.
const PAGE_BLOCKS = ['pageRun', 'pageBudgets', 'pageFiles', 'pageNetwork', 'pageLighthouse', 'pageEsbuild'] as const;

/** The generated blocks of "What a page pays"; every block says so when page.json has no figures for it. */
export function pageBlocks(p: PageResults | undefined): Record<string, string> {
  const none = 'Not measured yet: `npm run bench:page` writes bench-results/page.json, then `npm run docs:figures`.';
  if (!p) return Object.fromEntries(PAGE_BLOCKS.map((b) => [b, none]));
  const failed = (s: { at: string; error?: string } | undefined) => (!s ? none : `Not measured in the last run (${s.at.slice(0, 10)}): ${s.error}`);
  const out: Record<string, string> = {};
  const m = p.machine;
  // Parts may come from different runs (`--only`): each says when it was measured.
  const dates = (['files', 'network', 'lighthouse', 'esbuild'] as const).map((k) => `${k} ${p[k]?.at.slice(0, 16).replace('T', ' ') ?? 'never'}`).join(', ');
  out['pageRun'] = `Figures from \`${p.command}\` on ${p.at.slice(0, 10)}: ${m.cpus} cores, load average ${m.loadAverage.join(' / ')} (1 / 5 / 15 min) when it finished, Node ${m.node}${p.network && !('error' in p.network) ? `, Chromium ${p.network.chromium} headless` : ''}${p.lighthouse && !('error' in p.lighthouse) ? `, Lighthouse ${p.lighthouse.lighthouse}` : ''}. Measured (UTC): ${dates}.`;
  out['pageBudgets'] = table(['budget', 'measured', 'verdict'], ['---', '---', '---'], budgetRows(p).map((r) => [r.budget, r.measured, r.verdict === 'met' ? 'met' : r.verdict === 'over' ? '**over**' : r.verdict]));

  const f = p.files;
  out['pageFiles'] =
    f && !('error' in f)
      ? `${table(['file', 'raw, as shipped', 'raw in dist', '`gzip -9n`'], ['---', '---:', '---:', '---:'], f.rows.map((r) => [r.role === 'loader' ? `**${r.file}** (the app embed's \`javascript\`)` : r.file, n(r.raw), n(r.distRaw), n(r.gzip9n)]))}\n\nThe chunks together: ${n(f.chunksTotal.raw)} bytes raw, ${n(f.chunksTotal.gzip9n)} bytes \`gzip -9n\`.`
      : failed(f as { at: string; error?: string } | undefined);

  const net = p.network;
  if (net && !('error' in net)) {
    const views = [
      ['product page, first view', net.productFirst],
      ['product page, repeat view', net.productRepeat],
      ['home page, first view', net.homeFirst],
      ['home page, repeat view', net.homeRepeat],
    ] as const;
    const rows = views.map(([label, v]) => [label, v.files.map((x) => `${x.file} ${n(x.gzip)}${x.afterLoad ? '' : ' (before load)'}`).join(' + ') || '—', `**${n(v.totalGzip)}**`, `${v.widget}, ${v.recsCards} recommendation links`]);
    out['pageNetwork'] = `${table(['view', 'Lifeboat files fetched, bytes gzip each', 'total bytes gzip', 'what the shopper got (widget, slot)'], ['---', '---', '---:', '---'], rows)}\n\nSized as ${net.productFirst.files[0]?.gzipFrom ?? 'gzip -9n of the body'}; collector: ${net.collector}. Home page: ${net.homeOnlyLoaderAndCore.met ? 'only the loader and the core' : net.homeOnlyLoaderAndCore.why}.`;
  } else out['pageNetwork'] = failed(net as { at: string; error?: string } | undefined);

  const lh = p.lighthouse;
  if (lh && !('error' in lh)) {
    const metrics = [
      ["Lifeboat's scripts' `bootup-time`", 'lifeboatBootupMs', ' ms'],
      ['`bootup-time`, whole page', 'bootupMs', ' ms'],
      ['`total-blocking-time`', 'tbtMs', ' ms'],
      ['performance score', 'score', ''],
    ] as const;
    const rows = metrics.map(([label, k, unit]) => [label, `${n(lh.first.appTag.median[k])}${unit}`, `**${n(lh.first.lifeboat.median[k])}${unit}**`, `${n(lh.repeat.appTag.median[k])}${unit}`, `**${n(lh.repeat.lifeboat.median[k])}${unit}**`]);
    out['pageLighthouse'] = `Median of ${lh.runs} runs each.\n\n${table(['', "first view: the app's own tag, no Lifeboat", 'first view: Lifeboat + the app', "repeat view: the app's own tag", 'repeat view: Lifeboat + the app'], ['---', '---:', '---:', '---:', '---:'], rows)}`;
  } else out['pageLighthouse'] = failed(lh as { at: string; error?: string } | undefined);

  const es = p.esbuild;
  out['pageEsbuild'] =
    es && !('error' in es)
      ? `\`${es.entry}\`: **${n(es.gzip9n)} bytes \`gzip -9n\`**, ${n(es.minified)} bytes minified, of which zod ${n(es.zodBytes)} (${es.zodShare}). By package: ${es.byPackage.map((b) => `${b.from} ${n(b.bytes)}`).join(', ')}.`
      : failed(es as { at: string; error?: string } | undefined);
  return out;
}

const readPage = () => (existsSync(`${root}${PAGE_RESULTS}`) ? (JSON.parse(readFileSync(`${root}${PAGE_RESULTS}`, 'utf8')) as PageResults) : undefined);

// ---------------------------------------------------------------------------------------------
// Config reference

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
export interface Field { path: string; type: string; allowed: string; description: string }

function typeOf(s: Json): string {
  if (s.enum) return 'one of';
  if (s.type === 'array') return `array of ${s.items ? typeOf(s.items) : 'any'}`;
  if (s.type === 'object' && s.additionalProperties && typeof s.additionalProperties === 'object') return 'map';
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf).map(typeOf).join(' or ');
  return String(s.type ?? 'any');
}
function allowed(s: Json): string {
  const parts: string[] = [];
  if (s.enum) parts.push(s.enum.map((v: unknown) => `\`${JSON.stringify(v)}\``).join(', '));
  if (s.minimum !== undefined || s.maximum !== undefined) parts.push(`${s.minimum ?? '−∞'} … ${s.maximum ?? '∞'}`);
  if (s.minLength !== undefined || s.maxLength !== undefined) parts.push(`${s.minLength ?? 0}–${s.maxLength ?? '∞'} characters`);
  if (s.pattern) parts.push(`\`${String(s.pattern).replace(/\|/g, '\\|')}\``);
  if (s.maxItems !== undefined) parts.push(`at most ${s.maxItems} items`);
  if (s.propertyNames?.pattern) parts.push(`keys \`${String(s.propertyNames.pattern).replace(/\|/g, '\\|')}\``);
  return parts.join('; ');
}

/** Every field of a JSON Schema object, depth first; `<name>` stands for a map key, `[]` for an array item. */
export function fieldsOf(schema: Json, prefix = ''): Field[] {
  const out: Field[] = [];
  for (const [key, s] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    out.push({ path, type: typeOf(s), allowed: allowed(s), description: String(s.description ?? '') });
    if (s.type === 'object' && s.properties) out.push(...fieldsOf(s, path));
    if (s.type === 'object' && s.additionalProperties?.properties) out.push(...fieldsOf(s.additionalProperties, `${path}.<name>`));
    if (s.type === 'array' && s.items?.properties) out.push(...fieldsOf(s.items, `${path}[]`));
  }
  return out;
}

const schemas = () => {
  const files = jsonSchemaFiles();
  return { config: JSON.parse(files['config.schema.json']) as Json, shopify: JSON.parse(files['shopify-config.schema.json']) as Json };
};

/** Field paths of the SDK config and of the Shopify-only additions. */
export function configFields(): { sdk: Field[]; shopify: Field[] } {
  const { config, shopify } = schemas();
  const sdk = fieldsOf(config);
  const known = new Set(sdk.map((f) => f.path));
  return { sdk, shopify: fieldsOf(shopify).filter((f) => !known.has(f.path)) };
}

const cellText = (s: string) => s.replace(/\n/g, ' ').replace(/\|/g, '\\|');
const fieldTable = (fields: Field[]) =>
  table(['field', 'type', 'allowed', 'meaning'], ['---', '---', '---', '---'], fields.map((f) => [`\`${f.path}\``, f.type, cellText(f.allowed), cellText(f.description)]));

export function configBlocks(): Record<string, string> {
  const { sdk, shopify } = configFields();
  return { 'config-sdk': fieldTable(sdk), 'config-shopify': fieldTable(shopify) };
}

// ---------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------
// Collector ingest

interface WrkRound { requestsPerSec: number; eventsPerSec: number; p99ms: number }
interface WrkResults { date: string; generator: string; loadavg: number[]; rounds: number; durationSeconds: number; bare: WrkRound[]; collector: WrkRound[]; ratios: number[]; storedEvents: number; acknowledgedEvents: number }
interface AcRow { requestsPerSec: number; eventsPerSec: number; p99ms: number }
interface AcResults { date: string; loadavg: number[]; rounds: number; durationSeconds: number; connections: number; bare: { best: AcRow; median: AcRow }; collector: { best: AcRow; median: AcRow }; ratio: { best: number; median: number }; storedEvents: number; acknowledgedEvents: number }

// The same pick as bench/wrk.ts prints: the upper median of the rounds.
const upperMedian = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const byRate = (rs: WrkRound[]) => [...rs].sort((a, b) => a.requestsPerSec - b.requestsPerSec);

export function collectorBlocks(w: WrkResults, a: AcResults): Record<string, string> {
  const wrkRow = (rs: WrkRound[]) => {
    const s = byRate(rs);
    const best = s[s.length - 1]!;
    const med = s[Math.floor(s.length / 2)]!;
    // As bench/wrk.ts prints it: the p99 of the median round.
    return { best, med, p99: med.p99ms, worst: s[0]! };
  };
  const wb = wrkRow(w.bare);
  const wc = wrkRow(w.collector);
  const ms = (v: number) => `${r2(v)} ms`;
  const rows = [
    ['wrk, `npm run bench:collector:wrk`', 'bare `node:http` 204', n(wb.best.requestsPerSec), `(${n(wb.best.eventsPerSec)})`, n(wb.med.requestsPerSec), `(${n(wb.med.eventsPerSec)})`, ms(wb.p99)],
    ['', '**collector, hardened (SQLite + journal)**', `**${n(wc.best.requestsPerSec)}**`, `**${n(wc.best.eventsPerSec)}**`, `**${n(wc.med.requestsPerSec)}**`, `**${n(wc.med.eventsPerSec)}**`, `**${ms(wc.p99)}**`],
    ['autocannon, `npm run bench:collector`', 'bare `node:http` 204', n(a.bare.best.requestsPerSec), `(${n(a.bare.best.eventsPerSec)})`, n(a.bare.median.requestsPerSec), `(${n(a.bare.median.eventsPerSec)})`, ms(a.bare.median.p99ms)],
    ['', '**collector, hardened (SQLite + journal)**', `**${n(a.collector.best.requestsPerSec)}**`, `**${n(a.collector.best.eventsPerSec)}**`, `**${n(a.collector.median.requestsPerSec)}**`, `**${n(a.collector.median.eventsPerSec)}**`, ms(a.collector.median.p99ms)],
  ];
  const la = (l: number[]) => r2(l[0]!);
  const ingest = [
    `Runs of ${w.date.slice(0, 10)} (wrk: ${w.rounds} interleaved rounds of ${w.durationSeconds} s per target, load average ${la(w.loadavg)} at the end; autocannon: ${a.rounds} × ${a.durationSeconds} s, ${a.connections} connections, load average ${la(a.loadavg)}):`,
    '',
    table(['generator, command', 'target', 'best req/s', 'best events/s', 'median req/s', 'median events/s', 'median p99'], ['---', '---', '---', '---', '---', '---', '---'], rows),
    '',
    `- wrk's worst collector round: ${n(wc.worst.eventsPerSec)} events/s. Same-round ratio to the bare endpoint: **wrk ${r2(Math.max(...w.ratios))}× best / ${r2(upperMedian(w.ratios))}× median; autocannon ${r2(a.ratio.best)}× / ${r2(a.ratio.median)}×**.`,
    `- Exactness after SIGTERM: wrk run ${n(w.storedEvents)} events stored, ${n(w.acknowledgedEvents)} answered 202; autocannon run ${n(a.storedEvents)} stored, ${n(a.acknowledgedEvents)} answered 202 (the excess is requests in flight when the generator stopped).`,
  ].join('\n');
  return { 'collector-ingest': ingest };
}

export const DOCS = {
  'docs/collector.md': () =>
    collectorBlocks(
      JSON.parse(readFileSync(`${root}bench-results/collector-wrk.json`, 'utf8')) as WrkResults,
      JSON.parse(readFileSync(`${root}bench-results/collector.json`, 'utf8')) as AcResults,
    ),
  'docs/benchmarks.md': () => ({ ...benchmarkBlocks(JSON.parse(readFileSync(`${root}${BENCH_RESULTS}`, 'utf8')) as BenchResults), ...pageBlocks(readPage()) }),
  'docs/config-reference.md': configBlocks,
  // The same figures where a storefront developer reads about the build and the SDK's size.
  'docs/shopify.md': () => {
    const b = pageBlocks(readPage());
    return { pageRun: b.pageRun, pageBudgets: b.pageBudgets, pageFiles: b.pageFiles };
  },
  'docs/guards.md': () => {
    const b = pageBlocks(readPage());
    return { pageRun: b.pageRun, pageEsbuild: b.pageEsbuild };
  },
} satisfies Record<string, () => Record<string, string>>;

/** What each generated doc should contain now. */
export function expectedDocs(): Record<string, { current: string; expected: string }> {
  const out: Record<string, { current: string; expected: string }> = {};
  for (const [file, blocks] of Object.entries(DOCS)) {
    const current = readFileSync(`${root}${file}`, 'utf8');
    out[file] = { current, expected: fillBlocks(current, blocks()) };
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const [file, { current, expected }] of Object.entries(expectedDocs())) {
    if (current === expected) console.log(`${file}: current`);
    else if (check) {
      stale++;
      console.log(`${file}: stale — run \`npx tsx scripts/docs-figures.ts\``);
    } else {
      writeFileSync(`${root}${file}`, expected);
      console.log(`${file}: written`);
    }
  }
  process.exit(stale ? 1 : 0);
}
