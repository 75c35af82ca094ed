/**
 * 3. Lighthouse 12 on the demo product page (mobile preset with simulated throttling: the CLI's
 * default), median of 5 runs, "Lifeboat + the app" against "the app's own tag, no Lifeboat" —
 * the demo store's `?lifeboat=0&smartcart=1` switch, the baseline test/storefront/no-lifeboat
 * measures. First view: Lighthouse starts a fresh Chromium per run and resets the origin's
 * storage. Repeat view: one Chromium per variant with its own profile, kept running; a warm-up
 * run, then 5 runs with `--disable-storage-reset` (HTTP cache, IndexedDB and localStorage of the
 * earlier runs kept, as for a shopper's later page).
 *
 * Lighthouse is not a dependency of the project (it is large): it runs through
 * `npx -y lighthouse@12.2.3`, which installs it into npm's cache on first use.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from '../../test/support/chromium.js';
import { startStorefront } from '../../examples/storefront/src/index.js';
import { isLifeboatUrl } from './dist.js';

export const LIGHTHOUSE = 'lighthouse@12.2.3';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

export interface LhRun {
  /** Sum of `bootup-time` items whose URL is a Lifeboat file (Lighthouse lists only scripts over 50 ms; 0 when none is listed). */
  lifeboatBootupMs: number;
  lifeboatItems: Array<{ url: string; totalMs: number }>;
  /** `bootup-time` numericValue: JavaScript execution time of the whole page. */
  bootupMs: number;
  tbtMs: number;
  score: number;
}
export interface LhVariant { runs: LhRun[]; median: Omit<LhRun, 'lifeboatItems'> }
export interface LighthouseResult {
  lighthouse: string;
  runs: number;
  first: { lifeboat: LhVariant; appTag: LhVariant };
  repeat: { lifeboat: LhVariant; appTag: LhVariant };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const r1 = (v: number) => Math.round(v * 10) / 10;

/** Fails early, with the reason, when `npx` cannot get Lighthouse (no network, no npm cache). */
export function lighthouseAvailable(): string {
  const r = spawnSync('npx', ['-y', LIGHTHOUSE, '--version'], { encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0) throw new Error(`\`npx -y ${LIGHTHOUSE}\` failed (${(r.stderr || r.error?.message || '').trim().split('\n').pop()}): Lighthouse is fetched on demand and could not be`);
  return r.stdout.trim();
}

const RUN_TIMEOUT_MS = 180_000;

/** One Lighthouse run; a run that hangs is killed after 3 minutes and counts as failed. */
export function runLighthouse(url: string, extra: string[]): Promise<LhRun> {
  const dir = mkdtempSync(join(tmpdir(), 'lb-lh-'));
  const out = join(dir, 'report.json');
  const args = ['-y', LIGHTHOUSE, url, '--only-categories=performance', '--output=json', `--output-path=${out}`, '--quiet', `--chrome-flags=${CHROME_FLAGS.join(' ')}`, ...extra];
  return new Promise<LhRun>((resolve, reject) => {
    // Its own process group, so a timeout ends npx, Lighthouse and the Chromium it launched.
    const p = spawn('npx', args, { env: { ...process.env, CHROME_PATH: chromiumPath }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let err = '';
    const timer = setTimeout(() => {
      err += `\nno report after ${RUN_TIMEOUT_MS / 1000} s`;
      try {
        process.kill(-p.pid!, 'SIGKILL');
      } catch {}
    }, RUN_TIMEOUT_MS);
    p.stderr.on('data', (d) => (err += String(d)));
    p.on('error', reject);
    p.on('exit', (code) => {
      clearTimeout(timer);
      try {
        if (code !== 0) throw new Error(`lighthouse exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`);
        resolve(parseReport(JSON.parse(readFileSync(out, 'utf8'))));
      } catch (e) {
        reject(e);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/** A run that fails (a busy machine, a crashed renderer) is tried once more before the section gives up. */
const runTwice = (url: string, extra: string[], log: (s: string) => void) =>
  runLighthouse(url, extra).catch((e: Error) => {
    log(`lighthouse run failed, trying once more: ${e.message}`);
    return runLighthouse(url, extra);
  });

interface LhReport {
  runtimeError?: { code: string; message: string };
  categories: { performance: { score: number | null } };
  audits: Record<string, { numericValue?: number; details?: { items?: Array<{ url?: string; total?: number }> } }>;
}

/** The figures of one Lighthouse JSON report. */
export function parseReport(r: LhReport): LhRun {
  if (r.runtimeError) throw new Error(`lighthouse: ${r.runtimeError.code} ${r.runtimeError.message}`);
  const items = r.audits['bootup-time']?.details?.items ?? [];
  const ours = items.filter((i) => typeof i.url === 'string' && /^https?:/.test(i.url) && isLifeboatUrl(i.url)).map((i) => ({ url: i.url!, totalMs: r1(i.total ?? 0) }));
  return {
    lifeboatBootupMs: r1(ours.reduce((s, i) => s + i.totalMs, 0)),
    lifeboatItems: ours,
    bootupMs: r1(r.audits['bootup-time']?.numericValue ?? 0),
    tbtMs: r1(r.audits['total-blocking-time']?.numericValue ?? 0),
    score: Math.round((r.categories.performance.score ?? 0) * 100),
  };
}

const summarize = (runs: LhRun[]): LhVariant => ({
  runs,
  median: {
    lifeboatBootupMs: median(runs.map((r) => r.lifeboatBootupMs)),
    bootupMs: median(runs.map((r) => r.bootupMs)),
    tbtMs: median(runs.map((r) => r.tbtMs)),
    score: median(runs.map((r) => r.score)),
  },
});

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** A Chromium with its own profile that Lighthouse attaches to (`--port`), so state survives between runs. */
export async function keptChromium() {
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), 'lb-lh-profile-'));
  const proc = spawn(chromiumPath, [...CHROME_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, 'about:blank'], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => proc.on('exit', () => r()));
  const close = async () => {
    proc.kill();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    // Its helper processes may still be writing the profile for a moment after the browser exits.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
    } catch {}
  };
  const end = Date.now() + 15_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/json/version`, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > end) {
      await close();
      throw new Error(`Chromium (${chromiumPath}) did not open its debugging port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { port, close };
}

export async function measureLighthouse(opts: { runs?: number; log?: (s: string) => void } = {}): Promise<LighthouseResult> {
  const runs = opts.runs ?? 5;
  const log = opts.log ?? (() => {});
  const version = lighthouseAvailable();
  // With the demo's collector, as `npm start` runs it: the status document and beacons are part
  // of what a Lifeboat page pays (the app-tag page never talks to it).
  const demo = await startStorefront({ warn: () => {} });
  try {
    await demo.setChaos('cart', { mode: 'healthy' });
    await demo.setChaos('recs', { mode: 'healthy' });
    const urls = {
      lifeboat: `${demo.storeUrl}/products/linen-tote?lifeboat=1&smartcart=0`,
      appTag: `${demo.storeUrl}/products/linen-tote?lifeboat=0&smartcart=1`,
    };
    const first = { lifeboat: [] as LhRun[], appTag: [] as LhRun[] };
    const repeat = { lifeboat: [] as LhRun[], appTag: [] as LhRun[] };
    // Interleaved, so a burst of load on the shared machine hits both variants alike.
    for (let i = 0; i < runs; i++) {
      for (const v of ['lifeboat', 'appTag'] as const) {
        first[v].push(await runTwice(urls[v], [], log));
        log(`lighthouse first view ${v} ${i + 1}/${runs}: ${JSON.stringify(first[v].at(-1))}`);
      }
    }
    const kept: Partial<Record<'lifeboat' | 'appTag', Awaited<ReturnType<typeof keptChromium>>>> = {};
    try {
      kept.lifeboat = await keptChromium();
      kept.appTag = await keptChromium();
      const port = (v: 'lifeboat' | 'appTag') => `--port=${kept[v]!.port}`;
      // The warm-up: the page as a shopper's first, whose state the measured runs then find.
      for (const v of ['lifeboat', 'appTag'] as const) await runTwice(urls[v], [port(v), '--disable-storage-reset'], log);
      for (let i = 0; i < runs; i++) {
        for (const v of ['lifeboat', 'appTag'] as const) {
          repeat[v].push(await runTwice(urls[v], [port(v), '--disable-storage-reset'], log));
          log(`lighthouse repeat view ${v} ${i + 1}/${runs}: ${JSON.stringify(repeat[v].at(-1))}`);
        }
      }
    } finally {
      await Promise.all([kept.lifeboat?.close(), kept.appTag?.close()]);
    }
    return {
      lighthouse: version,
      runs,
      first: { lifeboat: summarize(first.lifeboat), appTag: summarize(first.appTag) },
      repeat: { lifeboat: summarize(repeat.lifeboat), appTag: summarize(repeat.appTag) },
    };
  } finally {
    await demo.close();
  }
}
