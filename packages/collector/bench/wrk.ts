/**
 * `npm run bench:collector:wrk`: the same measurement as bench/ingest.ts, with wrk (a C load
 * generator, Debian's `wrk`) instead of autocannon: beacons.lua POSTs batches of 20 events with
 * unique ids; the bare node:http 204 endpoint and the collector take turns in interleaved rounds,
 * so their ratio compares like with like on a shared machine. After the run the collector is
 * stopped (SIGTERM: final flush) and the stored counts are checked against the 202s.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

const WRK = process.env.WRK ?? '/usr/bin/wrk';
const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const THREADS = Number(process.env.BENCH_THREADS ?? 2);
const EVENTS_PER_BATCH = 20;
const SCRIPT = fileURLToPath(new URL('./beacons.lua', import.meta.url));
/**
 * Optional: the bench/server.ts of another build of the collector (e.g. an older commit checked
 * out elsewhere), run as a third target in the same rounds, to measure what a change costs.
 */
const BASELINE = process.env.BENCH_BASELINE;

if (!existsSync(WRK)) {
  console.error(`wrk not found at ${WRK}: apt-get install wrk (or set WRK)`);
  process.exit(2);
}

async function child(args: string[], server = fileURLToPath(new URL('./server.ts', import.meta.url))): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', server, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const rl = createInterface({ input: proc.stdout! });
  const port = await new Promise<number>((resolve, reject) => {
    rl.once('line', (l) => resolve((JSON.parse(l) as { port: number }).port));
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { proc, port };
}

const stop = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });

interface Round {
  requestsPerSec: number;
  eventsPerSec: number;
  accepted: number;
  non2xx: number;
  errors: number;
  p50ms: number;
  p99ms: number;
}

let runN = 0;
function wrk(port: number, seconds: number): Round {
  const r = spawnSync(WRK, [`-t${THREADS}`, `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', '-s', SCRIPT, `http://127.0.0.1:${port}/v1/beacons?key=pk_bench_key_0001`], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_RUN: `${process.pid}r${runN++}` },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('WRK_RESULT '));
  if (!line) throw new Error(`wrk gave no result: ${r.stdout}${r.stderr}`);
  const x = JSON.parse(line.slice('WRK_RESULT '.length)) as { requests: number; non2xx: number; errors: number; durationUs: number; p50us: number; p99us: number };
  const secs = x.durationUs / 1e6;
  const accepted = x.requests - x.non2xx;
  return {
    requestsPerSec: Math.round(accepted / secs),
    eventsPerSec: Math.round((accepted * EVENTS_PER_BATCH) / secs),
    accepted,
    non2xx: x.non2xx,
    errors: x.errors,
    p50ms: x.p50us / 1000,
    p99ms: x.p99us / 1000,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-bench-wrk-'));
const dbFile = join(dir, 'bench.db');
try {
  const bare = await child(['bare']);
  const col = await child(['collector', dbFile]);
  const base = BASELINE ? await child(['collector', join(dir, 'baseline.db')], BASELINE) : null;
  const baseRounds: Round[] = [];
  wrk(bare.port, 2);
  const warm = wrk(col.port, 3);
  if (base) wrk(base.port, 3);
  console.log(`${ROUNDS} interleaved rounds of ${DURATION} s per target, wrk -t${THREADS} -c${CONNECTIONS}…`);
  const bareRounds: Round[] = [];
  const colRounds: Round[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    bareRounds.push(wrk(bare.port, DURATION));
    colRounds.push(wrk(col.port, DURATION));
    if (base) baseRounds.push(wrk(base.port, DURATION));
    console.log(
      `round ${i + 1}/${ROUNDS}: bare ${bareRounds[i].requestsPerSec} req/s, collector ${colRounds[i].requestsPerSec} req/s (${colRounds[i].eventsPerSec} events/s, p99 ${colRounds[i].p99ms} ms, non-2xx ${colRounds[i].non2xx})` +
        (base ? `, baseline ${baseRounds[i].requestsPerSec} req/s` : ''),
    );
  }
  if (base) await stop(base.proc);
  await stop(bare.proc);
  await stop(col.proc);
  const db = new Database(dbFile, { readonly: true });
  const stored = (db.prepare('SELECT SUM(success) AS n FROM rollups').get() as { n: number }).n;
  db.close();

  const ratios = colRounds.map((c, i) => c.requestsPerSec / bareRounds[i].requestsPerSec);
  const pick = (rs: Round[]) => ({ best: [...rs].sort((a, b) => b.requestsPerSec - a.requestsPerSec)[0], median: [...rs].sort((a, b) => a.requestsPerSec - b.requestsPerSec)[Math.floor(rs.length / 2)] });
  const b = pick(bareRounds);
  const c = pick(colRounds);
  console.log(`\nBeacon ingest measured with wrk, batches of ${EVENTS_PER_BATCH} events, loopback, 2 shared cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
  console.table([
    { target: 'bare node:http 204', 'best req/s': b.best.requestsPerSec, 'best events/s': b.best.eventsPerSec, 'median req/s': b.median.requestsPerSec, 'median events/s': b.median.eventsPerSec, 'median p99 ms': b.median.p99ms },
    { target: 'collector (SQLite + journal, hardened)', 'best req/s': c.best.requestsPerSec, 'best events/s': c.best.eventsPerSec, 'median req/s': c.median.requestsPerSec, 'median events/s': c.median.eventsPerSec, 'median p99 ms': c.median.p99ms },
  ]);
  console.log(`collector / bare request rate (same round): best ${Math.max(...ratios).toFixed(2)}×, median ${median(ratios).toFixed(2)}×`);
  const baseRatios = baseRounds.map((r, i) => r.requestsPerSec / bareRounds[i].requestsPerSec);
  const vsBase = baseRounds.map((r, i) => colRounds[i].requestsPerSec / r.requestsPerSec);
  if (base) {
    console.log(`baseline / bare (same round): best ${Math.max(...baseRatios).toFixed(2)}×, median ${median(baseRatios).toFixed(2)}×; baseline median ${median(baseRounds.map((r) => r.eventsPerSec))} events/s`);
    console.log(`collector / baseline (same round): best ${Math.max(...vsBase).toFixed(2)}×, median ${median(vsBase).toFixed(2)}×`);
  }
  const acknowledged = (warm.accepted + colRounds.reduce((a, r) => a + r.accepted, 0)) * EVENTS_PER_BATCH;
  console.log(`events stored after SIGTERM: ${stored}; acknowledged with 202: ${acknowledged} — ${stored >= acknowledged ? 'no acknowledged event lost' : 'MISMATCH'}`);
  console.log(`goal ≥ 250,000 events/s: best round ${c.best.eventsPerSec >= 250_000 ? 'met' : 'MISSED'}, median round ${c.median.eventsPerSec >= 250_000 ? 'met' : 'MISSED'}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/collector-wrk.json',
    `${JSON.stringify({ date: new Date().toISOString(), generator: `wrk -t${THREADS} -c${CONNECTIONS}`, node: process.version, loadavg: loadavg(), durationSeconds: DURATION, rounds: ROUNDS, eventsPerBatch: EVENTS_PER_BATCH, bare: bareRounds, collector: colRounds, ratios, ...(base ? { baseline: { server: BASELINE, rounds: baseRounds, ratiosToBare: baseRatios, collectorToBaseline: vsBase } } : {}), storedEvents: stored, acknowledgedEvents: acknowledged }, null, 2)}\n`,
  );
  console.log('wrote bench-results/collector-wrk.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
