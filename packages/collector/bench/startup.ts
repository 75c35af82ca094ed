/**
 * `npm run bench:collector:startup`: how long a collector takes to answer /healthz when its
 * journal directory holds many batch ids (BENCH_IDS, default 11.7 M, ~540 MB: what a busy day
 * without pruning leaves). Only the ids the dedupe window keeps (ingest.dedupeMaxIds) are read.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const IDS = Number(process.env.BENCH_IDS ?? 11_700_000);
const PER_FILE = 100_000;
const dir = mkdtempSync(join(tmpdir(), 'lifeboat-bench-startup-'));
try {
  const db = join(dir, 'c.db');
  const journal = `${db}.journal`;
  mkdirSync(journal);
  const now = Date.now();
  for (let n = 1, left = IDS; left > 0; n++, left -= PER_FILE) {
    const lines: string[] = [];
    for (let i = 0; i < Math.min(PER_FILE, left); i++) lines.push(`${now}\tbench\tb_${n}_${i}_xxxxxxxxxxxxxxxx\n`);
    writeFileSync(join(journal, `ids-${String(n).padStart(12, '0')}.log`), lines.join(''));
  }
  const { startCollector } = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index.js');
  const t0 = Date.now();
  const c = await startCollector({ port: 0, db, logLevel: 'warn', config: { apps: [{ app: 'bench', publicKey: 'pk_bench_key_0001', origins: ['*'] }] } });
  const r = await fetch(`${c.url}/healthz`);
  const ms = Date.now() - t0;
  await c.close();
  console.log(`${IDS.toLocaleString('en')} batch ids in the journal directory: /healthz answered ${r.status} ${(ms / 1000).toFixed(1)} s after start (load average ${loadavg().map((x) => x.toFixed(1)).join(' ')})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
