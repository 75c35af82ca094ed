/**
 * `npm run fleet-sim -- [--browsers N] [--seed S] [--minutes M] [--kill-at MIN] [--json] [--plots DIR] [--strategies a,b]`
 *
 * Runs every strategy on the same fleet and incident, prints a summary table (or, with --json,
 * one object: `strategies[]`), and writes PNG plots (default docs/).
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { renderCharts, type Chart } from './plot.js';
import { DEFAULTS, runStrategy, STRATEGIES, type RunResult, type SimOptions, type StrategyName } from './sim.js';
import { summarise, toJson, type Summary } from './summary.js';

const HELP = `fleet-sim: a fleet of browsers running the Lifeboat SDK's real code in virtual time

  --browsers N       browsers in the fleet (default ${DEFAULTS.browsers})
  --seed S           seed; the same seed gives the same result (default ${DEFAULTS.seed})
  --minutes M        simulated minutes (default ${DEFAULTS.minutes})
  --incident-at MIN  capacity drops at this minute (default ${DEFAULTS.incidentAt / 60_000})
  --incident-for MIN for this long (default ${DEFAULTS.incidentFor / 60_000})
  --capacity F       to this share of normal (default ${DEFAULTS.incidentCapacity})
  --kill-at MIN      the vendor's kill switch (lifeboat-kill-switch) at this minute (default ${DEFAULTS.killAt / 60_000}); back to auto at --kill-until (default ${DEFAULTS.killUntil / 60_000})
  --status-max-age S SDK status.maxAge, seconds (default ${DEFAULTS.statusMaxAgeMs / 1000})
  --cdn-max-age S    CDN max-age of the status document, seconds (default ${DEFAULTS.cdnMaxAgeSeconds})
  --detection-delay S beacon to collector, seconds, on top of the flush (default ${DEFAULTS.detectionDelayMs / 1000})
  --strategies LIST  comma-separated subset of ${STRATEGIES.join(', ')}
  --workers N        strategies run in N worker threads at once (default: the machine's cores, at most 2)
  --progress         a line on stderr every simulated minute
  --json             print one JSON object instead of the table
  --plots DIR        write PNG plots there (default docs/); --no-plots to skip
`;

function parse(argv: string[]): { o: SimOptions; json: boolean; plots: string | null; strategies: StrategyName[]; workers: number } {
  const o: SimOptions = { ...DEFAULTS };
  let json = false;
  let workers = Math.min(2, availableParallelism());
  let plots: string | null = 'docs';
  let strategies = STRATEGIES;
  const num = (name: string, v: string | undefined, min: number, max: number) => {
    const x = Number(v);
    if (v === undefined || !Number.isFinite(x) || x < min || x > max) throw new Error(`${name}: expected a number from ${min} to ${max}, got ${v === undefined ? 'nothing' : JSON.stringify(v)}`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--browsers') o.browsers = Math.round(num(a, v(), 1, 10_000_000));
    else if (a === '--seed') o.seed = Math.round(num(a, v(), 0, 2 ** 31));
    else if (a === '--minutes') o.minutes = num(a, v(), 1, 24 * 60);
    else if (a === '--incident-at') o.incidentAt = num(a, v(), 0, 24 * 60) * 60_000;
    else if (a === '--incident-for') o.incidentFor = num(a, v(), 0, 24 * 60) * 60_000;
    else if (a === '--capacity') o.incidentCapacity = num(a, v(), 0, 1);
    else if (a === '--kill-at') o.killAt = num(a, v(), 0, 24 * 60) * 60_000;
    else if (a === '--kill-until') o.killUntil = num(a, v(), 0, 24 * 60) * 60_000;
    else if (a === '--status-max-age') o.statusMaxAgeMs = num(a, v(), 1, 86_400) * 1000;
    else if (a === '--cdn-max-age') o.cdnMaxAgeSeconds = num(a, v(), 0, 86_400);
    else if (a === '--detection-delay') o.detectionDelayMs = num(a, v(), 0, 3600) * 1000;
    else if (a === '--strategies') {
      const list = (v() ?? '').split(',').filter(Boolean) as StrategyName[];
      const bad = list.filter((s) => !STRATEGIES.includes(s));
      if (!list.length || bad.length) throw new Error(`--strategies: unknown ${bad.join(', ') || '(none given)'}; choose from ${STRATEGIES.join(', ')}`);
      strategies = list;
    } else if (a === '--workers') workers = Math.round(num(a, v(), 1, 64));
    else if (a === '--progress') o.progress = true;
    else if (a === '--json') json = true;
    else if (a === '--plots') plots = v() ?? 'docs';
    else if (a === '--no-plots') plots = null;
    else if (a === '--help' || a === '-h') {
      process.stdout.write(HELP);
      process.exit(0);
    } else throw new Error(`unknown option ${a} (see --help)`);
  }
  return { o, json, plots, strategies, workers };
}

const COLORS: Record<StrategyName, string> = {
  'no-sdk': '#d62728',
  'opossum-per-page': '#ff7f0e',
  'lifeboat-local': '#9467bd',
  'lifeboat-fleet': '#1f77b4',
  'lifeboat-kill-switch': '#2ca02c',
};

/** 10 s averages, so a chart is readable. */
function smooth(r: RunResult, f: (s: RunResult['seconds'][number]) => number): number[] {
  const out: number[] = [];
  for (let i = 0; i < r.seconds.length; i += 10) {
    const w = r.seconds.slice(i, i + 10);
    out.push(w.reduce((a, s) => a + f(s), 0) / w.length);
  }
  return out;
}

function charts(runs: RunResult[], o: SimOptions, dir: string): Chart[] {
  const x = smooth(runs[0], (s) => s.t / 60);
  const per = (f: (s: RunResult['seconds'][number]) => number) => runs.map((r) => ({ label: r.name, values: smooth(r, f), color: COLORS[r.name] }));
  const cap = { label: 'capacity', values: smooth(runs[0], (s) => s.capacity), color: '#555', dash: true };
  const n = `${o.browsers.toLocaleString('en')} browsers, seed ${o.seed}`;
  return [
    { file: `${dir}/fleet-offered.png`, title: `Backend offered load (${n})`, yLabel: 'requests/s', x, series: [cap, ...per((s) => s.offered)] },
    { file: `${dir}/fleet-goodput.png`, title: `Backend goodput: answers a shopper still waited for (${n})`, yLabel: 'requests/s', x, series: [cap, ...per((s) => s.goodput)] },
    { file: `${dir}/fleet-fallback.png`, title: `Pages on the fallback (native cart) (${n})`, yLabel: 'share of pages', x, series: per((s) => (s.pages ? s.fallback / s.pages : 0)) },
    { file: `${dir}/fleet-wait.png`, title: `Shopper wait per page (${n})`, yLabel: 'ms', x, series: per((s) => (s.pages ? s.wait / s.pages : 0)) },
    { file: `${dir}/fleet-probes.png`, title: `Probes in flight, share of the fleet (${n})`, yLabel: 'share', x, series: per((s) => s.probes / o.browsers) },
    { file: `${dir}/fleet-status-origin.png`, title: `Status requests reaching the collector (behind the CDN) (${n})`, yLabel: 'requests/s', x, series: per((s) => s.statusOrigin) },
  ];
}

function table(rows: Summary[]): string {
  const head = ['strategy', 'load cut at 60 s', 'max probe share', 'recovery s', 'peak over capacity', 'wait/shopper p50 ms', 'p99 ms', 'status origin rps (peak)', 'fallback share', 'kill new/open pages s'];
  const body = rows.map((r) => [
    r.name,
    `${Math.round(r.loadCutAt60s * 100)} %`,
    `${(r.maxProbeShare * 100).toFixed(2)} %`,
    r.recoverySeconds === null ? 'never' : String(r.recoverySeconds),
    r.peakOverCapacity.toFixed(2),
    String(r.waitPerShopperMs.p50),
    String(r.waitPerShopperMs.p99),
    `${r.statusOriginMeanRps} (${r.statusOriginRps})`,
    `${Math.round(r.fallbackShare * 100)} %`,
    r.killNewPagesS === undefined ? '' : `${r.killNewPagesS} / ${r.killOpenPagesS}`,
  ]);
  return [head, head.map(() => '---'), ...body].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

async function main() {
  let args;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`fleet-sim: ${(e as Error).message}\n`);
    process.exit(2);
  }
  const { o, json, plots, strategies, workers } = args;
  const runs: RunResult[] = new Array(strategies.length);
  // Strategies are independent runs (each installs its own virtual clock as the globals): in
  // worker threads they use the machine's cores. Results are the same as one after another.
  let next = 0;
  const lane = async () => {
    while (next < strategies.length) {
      const i = next++;
      const s = strategies[i];
      const t = performance.now();
      runs[i] = workers > 1 ? await inWorker(s, o) : await runStrategy(s, o);
      if (!json) process.stderr.write(`${s}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(workers, strategies.length) }, lane));
  const rows = runs.map((r) => summarise(r, o));
  if (json) {
    process.stdout.write(`${JSON.stringify({ strategies: rows.map(toJson) }, null, 2)}\n`);
  } else {
    process.stdout.write(`${table(rows)}\n`);
    for (const r of runs) if (r.log.length) process.stdout.write(`${r.name}: ${r.log.map((l) => `${(l.at / 60_000).toFixed(1)} min ${l.what}`).join('; ')}\n`);
  }
  if (plots) {
    const cs = charts(runs, o, resolve(plots));
    await renderCharts(cs);
    if (!json) process.stderr.write(`plots: ${cs.map((c) => c.file).join(', ')}\n`);
  }
}

/** One strategy in a worker thread; its heap sized for the fleet (about 6 kB live per browser). */
function inWorker(name: StrategyName, o: SimOptions): Promise<RunResult> {
  return new Promise((done, fail) => {
    const w = new Worker(new URL(import.meta.url), {
      workerData: { name, o },
      resourceLimits: { maxOldGenerationSizeMb: Math.min(16_384, Math.max(4096, Math.ceil(o.browsers / 64))), maxYoungGenerationSizeMb: 192 },
    });
    w.once('message', (r: RunResult) => {
      done(r);
      void w.terminate();
    });
    w.once('error', fail);
    w.once('exit', (code) => fail(new Error(`worker for ${name} exited with ${code}`)));
  });
}

if (isMainThread) await main();
else {
  const { name, o } = workerData as { name: StrategyName; o: SimOptions };
  parentPort!.postMessage(await runStrategy(name, o));
}
