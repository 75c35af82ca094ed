/**
 * The budgets of "what a page pays" (the storefront v2 issue), one definition for the terminal
 * table of bench/page.ts and the generated table in docs/benchmarks.md.
 */
import type { EsbuildResult } from './esbuild.js';
import type { FileRow } from './files.js';
import type { LighthouseResult } from './lighthouse.js';
import type { NetworkResult } from './network.js';

export type Section<T> = (T & { at: string }) | { at: string; error: string };

export interface PageResults {
  at: string;
  command: string;
  machine: { cpus: number; loadAverage: number[]; node: string };
  files?: Section<{ rows: FileRow[]; loader: FileRow; chunksTotal: { raw: number; gzip9n: number } }>;
  network?: Section<NetworkResult>;
  lighthouse?: Section<LighthouseResult>;
  esbuild?: Section<EsbuildResult>;
}

export const BUDGET = {
  loaderRaw: 10_000,
  loaderGzip: 4_500,
  productRepeatGzip: 10_000,
  productFirstGzip: 12_000,
  lifeboatBootupMs: 50,
  npmBundleGzip: 8_000,
} as const;

export interface BudgetRow {
  budget: string;
  measured: string;
  verdict: 'met' | 'over' | 'not measured';
}

const n = (v: number) => v.toLocaleString('en-US');
const ok = <T extends object>(s: Section<T> | undefined): (T & { at: string }) | undefined => (s && !('error' in s) ? (s as T & { at: string }) : undefined);
const why = (s: { error?: string } | undefined) => (s?.error ? `not measured: ${s.error.split('\n')[0]!.slice(0, 120)}` : 'not run');
const row = (budget: string, measured: number | undefined, limit: number, unit: string, missing: string): BudgetRow =>
  measured === undefined
    ? { budget, measured: missing, verdict: 'not measured' }
    : { budget, measured: `${n(measured)} ${unit}`, verdict: measured <= limit ? 'met' : 'over' };

/** Every budget, measured or not, in the order. */
export function budgetRows(r: PageResults): BudgetRow[] {
  const files = ok(r.files);
  const net = ok(r.network);
  const lh = ok(r.lighthouse);
  const es = ok(r.esbuild);
  const rows: BudgetRow[] = [
    row(`loader \`lifeboat.shopify.js\` raw (Theme Check) ≤ ${n(BUDGET.loaderRaw)} bytes`, files?.loader.raw, BUDGET.loaderRaw, 'bytes', why(r.files as { error?: string })),
    row(`loader \`gzip -9n\` ≤ ${n(BUDGET.loaderGzip)} bytes`, files?.loader.gzip9n, BUDGET.loaderGzip, 'bytes', why(r.files as { error?: string })),
    row(`product page, repeat view: Lifeboat JS ≤ ${n(BUDGET.productRepeatGzip)} bytes gzip`, net?.productRepeat.totalGzip, BUDGET.productRepeatGzip, 'bytes', why(r.network as { error?: string })),
    row(`product page, first view: Lifeboat JS ≤ ${n(BUDGET.productFirstGzip)} bytes gzip`, net?.productFirst.totalGzip, BUDGET.productFirstGzip, 'bytes', why(r.network as { error?: string })),
    net
      ? {
          budget: 'home page (no slot): only the loader and, at idle, the core',
          measured: [...new Set([...net.homeFirst.files, ...net.homeRepeat.files].map((f) => f.file))].join(', ') || 'nothing',
          verdict: net.homeOnlyLoaderAndCore.met ? 'met' : 'over',
        }
      : { budget: 'home page (no slot): only the loader and, at idle, the core', measured: why(r.network as { error?: string }), verdict: 'not measured' },
  ];
  for (const view of ['first', 'repeat'] as const) {
    const v = lh?.[view];
    const label = `${view} view`;
    if (!v) {
      const m = why(r.lighthouse as { error?: string });
      rows.push(
        { budget: `Lighthouse ${label}: Lifeboat's scripts' bootup-time ≤ ${BUDGET.lifeboatBootupMs} ms`, measured: m, verdict: 'not measured' },
        { budget: `Lighthouse ${label}: TBT no higher than the app's own tag`, measured: m, verdict: 'not measured' },
        { budget: `Lighthouse ${label}: performance score no lower than the app's own tag`, measured: m, verdict: 'not measured' },
      );
      continue;
    }
    const lb = v.lifeboat.median;
    const app = v.appTag.median;
    rows.push(
      { budget: `Lighthouse ${label}: Lifeboat's scripts' bootup-time ≤ ${BUDGET.lifeboatBootupMs} ms`, measured: `${n(lb.lifeboatBootupMs)} ms`, verdict: lb.lifeboatBootupMs <= BUDGET.lifeboatBootupMs ? 'met' : 'over' },
      { budget: `Lighthouse ${label}: TBT no higher than the app's own tag`, measured: `${n(lb.tbtMs)} ms vs ${n(app.tbtMs)} ms`, verdict: lb.tbtMs <= app.tbtMs ? 'met' : 'over' },
      { budget: `Lighthouse ${label}: performance score no lower than the app's own tag`, measured: `${lb.score} vs ${app.score}`, verdict: lb.score >= app.score ? 'met' : 'over' },
    );
  }
  rows.push(row(`esbuild bundle of \`createLifeboat\` from \`@lifeboat/sdk\` ≤ ${n(BUDGET.npmBundleGzip)} bytes gzip`, es?.gzip9n, BUDGET.npmBundleGzip, 'bytes', why(r.esbuild as { error?: string })));
  if (es) rows[rows.length - 1]!.measured += ` (zod ${n(es.zodBytes)} of ${n(es.minified)} minified bytes)`;
  return rows;
}
