/**
 * `npm run bench:collector`: sustained beacon ingest on loopback, side by side with a bare
 * node:http endpoint answering 204, same bodies, same load generator (autocannon).
 *
 * Each request is a batch of 20 `calls` events with a unique id (so every one is validated,
 * de-duplicated, journaled and aggregated); the collector stores into SQLite. After the run the
 * collector is stopped (SIGTERM: final flush) and the stored counts are checked against the 202s.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const EVENTS_PER_BATCH = 20;
const SHOPS = 500;
const GUARDS = ['cart', 'recs', 'search', 'reviews'];

function template(shop: number): [string, string] {
  const events = Array.from({ length: EVENTS_PER_BATCH }, (_, i) => ({
    type: 'calls',
    age: 1000 + i * 37,
    guard: GUARDS[i % GUARDS.length],
    success: 1,
    failure: 0,
    timeout: 0,
    reject: 0,
    fallback: 0,
    latency: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  }));
  const body = JSON.stringify({ v: 1, id: '@@ID@@', sentAt: Date.now(), app: 'bench', shop: `shop-${shop}.myshopify.com`, page: 'product', sdk: '0.1.0', events });
  const [a, b] = body.split('@@ID@@');
  return [a, b];
}

const templates = Array.from({ length: SHOPS }, (_, i) => template(i));
let seq = 0;
const run = Math.random().toString(36).slice(2, 8);
const nextBody = () => {
  const n = seq++;
  const t = templates[n % SHOPS];
  return t[0] + `b${run}_${n.toString(36).padStart(8, '0')}` + t[1];
};

async function child(args: string[]): Promise<{ proc: ChildProcess; port: number }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', new URL('./server.ts', import.meta.url).pathname, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

/** CPU time (user + system, ms) a child has used so far, from /proc (Linux). */
function cpuMs(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return NaN;
  }
}

interface Result {
  target: string;
  /** Server CPU per accepted request: stable even when the machine is busy with other work. */
  cpuUsPerRequest: number;
  requestsPerSec: number;
  eventsPerSec: number;
  p50ms: number;
  p99ms: number;
  accepted: number;
  non2xx: number;
  errors: number;
}

async function load(target: string, port: number, seconds: number, pid?: number): Promise<Result> {
  const cpu0 = pid ? cpuMs(pid) : NaN;
  const r = await autocannon({
    url: `http://127.0.0.1:${port}/v1/beacons?key=pk_bench_key_0001`,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://bench.example' },
    requests: [{ method: 'POST', setupRequest: (req: Record<string, unknown>) => ({ ...req, body: nextBody() }) }],
  });
  const ok = r['2xx'];
  return {
    target,
    cpuUsPerRequest: Math.round(((cpuMs(pid ?? 0) - cpu0) * 1000) / Math.max(1, ok)),
    requestsPerSec: Math.round(ok / seconds),
    eventsPerSec: Math.round((ok * EVENTS_PER_BATCH) / seconds),
    p50ms: r.latency.p50,
    p99ms: r.latency.p99,
    accepted: ok,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * One target's rounds: the best round (highest rate; other people's work on this shared machine
 * only ever slows a round down), the median round, and the mean over all rounds.
 */
function summarise(rs: Result[]) {
  const byRate = [...rs].sort((a, b) => b.requestsPerSec - a.requestsPerSec);
  const accepted = rs.reduce((a, r) => a + r.accepted, 0);
  return {
    best: byRate[0],
    median: byRate[Math.floor(byRate.length / 2)],
    mean: { requestsPerSec: Math.round(accepted / (DURATION * rs.length)), eventsPerSec: Math.round((accepted * EVENTS_PER_BATCH) / (DURATION * rs.length)) },
    worstP99ms: Math.max(...rs.map((r) => r.p99ms)),
    cpuUsPerRequest: median(rs.map((r) => r.cpuUsPerRequest)),
    accepted,
    non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
    errors: rs.reduce((a, r) => a + r.errors, 0),
    rounds: rs,
  };
}

/** Flushes so far from /metrics: count, mean, and the histogram bucket holding the slowest. */
async function flushStats(port: number): Promise<{ flushes: number; meanMs: number; slowestUnderMs: number | null }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (re: RegExp) => Number(re.exec(text)?.[1] ?? 0);
  const count = value(/^lifeboat_flush_duration_seconds_count\{result="ok"\} (\S+)$/m);
  const sum = value(/^lifeboat_flush_duration_seconds_sum\{result="ok"\} (\S+)$/m);
  let slowest: number | null = null;
  for (const m of text.matchAll(/^lifeboat_flush_duration_seconds_bucket\{le="([^"]+)",result="ok"\} (\S+)$/gm)) {
    if (slowest === null && Number(m[2]) >= count && m[1] !== '+Inf') slowest = Number(m[1]) * 1000;
  }
  return { flushes: count, meanMs: count ? Math.round((sum / count) * 1000) : 0, slowestUnderMs: slowest };
}

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-bench-'));
const dbFile = join(dir, 'bench.db');
try {
  // Both servers run for the whole benchmark and take turns under load, so a burst of other
  // work on this shared machine hits both alike.
  const bare = await child(['bare']);
  const col = await child(['collector', dbFile]);
  await load('warm-up', bare.port, 2);
  const warm = await load('warm-up', col.port, 3);
  console.log(`${ROUNDS} interleaved rounds of ${DURATION} s per target…`);
  const bareRounds: Result[] = [];
  const colRounds: Result[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    bareRounds.push(await load('bare node:http 204', bare.port, DURATION, bare.proc.pid));
    colRounds.push(await load('lifeboat collector (SQLite)', col.port, DURATION, col.proc.pid));
    console.log(`round ${i + 1}/${ROUNDS}: bare ${bareRounds[i].requestsPerSec} req/s, collector ${colRounds[i].requestsPerSec} req/s (${colRounds[i].eventsPerSec} events/s, p99 ${colRounds[i].p99ms} ms); server CPU/req bare ${bareRounds[i].cpuUsPerRequest} µs, collector ${colRounds[i].cpuUsPerRequest} µs`);
  }
  const flush = await flushStats(col.port);
  await stop(bare.proc);
  await stop(col.proc); // SIGTERM: the collector flushes everything accepted

  const db = new Database(dbFile, { readonly: true });
  const stored = (db.prepare('SELECT SUM(success) AS n FROM rollups').get() as { n: number }).n;
  db.close();

  const bareResult = summarise(bareRounds);
  const colResult = summarise(colRounds);
  // Each round pair ran back to back, so its ratio compares like with like.
  const ratios = colRounds.map((c, i) => c.requestsPerSec / bareRounds[i].requestsPerSec);
  const ratio = { best: Math.max(...ratios), median: median(ratios) };
  console.log(
    '\nBeacon ingest, batches of %d events, %d connections, %d rounds × %d s per target (interleaved), loopback, 2 shared cores, load average %s\n',
    EVENTS_PER_BATCH,
    CONNECTIONS,
    ROUNDS,
    DURATION,
    loadavg().map((x) => x.toFixed(1)).join(' '),
  );
  const row = (name: string, s: ReturnType<typeof summarise>) => ({
    target: name,
    'best req/s': s.best.requestsPerSec,
    'best events/s': s.best.eventsPerSec,
    'best p99 ms': s.best.p99ms,
    'median req/s': s.median.requestsPerSec,
    'median events/s': s.median.eventsPerSec,
    'median p99 ms': s.median.p99ms,
    'worst p99 ms': s.worstP99ms,
    'CPU µs/req': s.cpuUsPerRequest,
    'non-2xx': s.non2xx + s.errors,
  });
  console.table([row('bare node:http 204', bareResult), row('collector (SQLite + journal)', colResult)]);
  console.log(`collector / bare request rate (same round): best ${ratio.best.toFixed(2)}×, median ${ratio.median.toFixed(2)}×`);
  console.log(`flushes to SQLite during the run: ${flush.flushes}, mean ${flush.meanMs} ms, slowest ≤ ${flush.slowestUnderMs ?? '>5000'} ms (yielding to the event loop every 256 rows)`);
  // autocannon stops counting at the deadline with requests still in flight: those were accepted
  // (stored) but not counted as 202s, so stored may exceed acknowledged, never fall short of it.
  const acknowledged = (warm.accepted + colResult.accepted) * EVENTS_PER_BATCH;
  const sent = seq * EVENTS_PER_BATCH;
  const exact = stored >= acknowledged && stored <= sent;
  console.log(`events stored after SIGTERM: ${stored}; acknowledged with 202: ${acknowledged}; bodies generated: ${sent} — ${exact ? 'no acknowledged event lost' : 'MISMATCH'}`);
  const verdict = (r: Result, x: number) => ({ eventsPerSec: r.eventsPerSec >= 250_000, p99: r.p99ms < 50, ratio: x >= 0.5 });
  const goals = { best: verdict(colResult.best, ratio.best), median: verdict(colResult.median, ratio.median) };
  const say = (g: ReturnType<typeof verdict>) =>
    `≥250k events/s ${g.eventsPerSec ? 'met' : 'MISSED'}, p99 < 50 ms ${g.p99 ? 'met' : 'MISSED'}, ≥0.5× bare ${g.ratio ? 'met' : 'MISSED'}`;
  console.log(`goals, best round: ${say(goals.best)}`);
  console.log(`goals, median round: ${say(goals.median)}`);
  mkdirSync('bench-results', { recursive: true });
  writeFileSync(
    'bench-results/collector.json',
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, loadavg: loadavg(), durationSeconds: DURATION, rounds: ROUNDS, connections: CONNECTIONS, eventsPerBatch: EVENTS_PER_BATCH, bare: bareResult, collector: colResult, ratio, flush, storedEvents: stored, acknowledgedEvents: acknowledged, goals }, null, 2)}\n`,
  );
  console.log('wrote bench-results/collector.json');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
