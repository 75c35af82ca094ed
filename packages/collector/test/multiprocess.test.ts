import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { KEY, callsBatch, testConfig, totals } from './support/beacons.js';
import { postBeacon } from './support/http.js';
import { PG_SKIP_REASON, pgSchema } from './support/pg.js';
import { spawnCli, type Child } from './support/child.js';
import { openDb } from '../src/db/index.js';

describe.skipIf(PG_SKIP_REASON !== null)('two collectors on one PostgreSQL', () => {
  const running: RunningCollector[] = [];
  let drop = async () => {};
  afterAll(async () => {
    for (const c of running) await c.close();
    await drop();
  });

  it('write the same minutes concurrently and the totals are exact', async () => {
    const pg = await pgSchema();
    drop = pg.drop;
    // started at once: the migration runner's advisory lock lets one migrate, the other waits
    // one test client sends everything: lift the per-client limit
    const config = testConfig({ flushIntervalMs: 25, journal: { dir: null }, ingest: { perClientPerMinute: 100_000 } });
    const [a, b] = await Promise.all([0, 1].map(() => startCollector({ port: 0, db: pg.url, logLevel: 'silent', config })));
    running.push(a, b);
    const shops = ['s0.myshopify.com', 's1.myshopify.com', 's2.myshopify.com'];
    const sends: Promise<number>[] = [];
    for (let i = 0; i < 300; i++) {
      const target = i % 2 === 0 ? a : b;
      sends.push(postBeacon(target.url, KEY, callsBatch({ shop: shops[i % 3], guards: ['cart', 'recs'], success: 2, failure: 1 })).then((r) => r.status));
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5)); // let flushes interleave with sends
    }
    expect((await Promise.all(sends)).every((s) => s === 202)).toBe(true);
    await Promise.all([a.ctx.aggregator.flush(), b.ctx.aggregator.flush()]);
    const t = await totals(a.ctx.db);
    expect(t.success).toBe(300 * 2 * 2);
    expect(t.failure).toBe(300 * 2 * 1);
    expect(t.l0).toBe(300 * 2 * 2);
    // one row per (shop, guard, minute): both processes added into the same rows
    const rows = await a.ctx.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM (SELECT app, shop, guard, minute FROM rollups GROUP BY app, shop, guard, minute HAVING COUNT(*) > 1) d');
    expect(rows[0].n).toBe(0);
  });
});

describe.skipIf(PG_SKIP_REASON !== null)('the dedupe window shared through PostgreSQL', () => {
  const running: RunningCollector[] = [];
  const dirs: string[] = [];
  let drop = async () => {};
  afterAll(async () => {
    for (const c of running) await c.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await drop();
  });

  it('a batch id sent to both instances (a resend reaching the other one) is counted once', async () => {
    const pg = await pgSchema();
    drop = pg.drop;
    const slots = mkdtempSync(join(tmpdir(), 'lifeboat-shared-'));
    dirs.push(slots);
    // Default journal (a slot each), so the claim runs between the journal write and the aggregator.
    const config = testConfig({ journal: { slotsDir: slots }, ingest: { perClientPerMinute: 100_000 } });
    const [a, b] = await Promise.all([0, 1].map(() => startCollector({ port: 0, db: pg.url, logLevel: 'silent', config })));
    running.push(a, b);
    const batches = Array.from({ length: 100 }, (_, i) => callsBatch({ shop: `d${i % 4}.myshopify.com`, success: 1, failure: 0 }));
    // Every batch goes to both, at the same time: exactly one of each pair is counted.
    const answers = await Promise.all(batches.flatMap((x) => [postBeacon(a.url, KEY, x), postBeacon(b.url, KEY, x)]));
    expect(answers.every((r) => r.status === 202)).toBe(true);
    expect(answers.filter((r) => r.headers['x-lifeboat-duplicate'] === '1')).toHaveLength(100);
    // A later resend to either is a duplicate too.
    expect((await postBeacon(b.url, KEY, batches[0])).headers['x-lifeboat-duplicate']).toBe('1');
    expect((await postBeacon(a.url, KEY, batches[1])).headers['x-lifeboat-duplicate']).toBe('1');
    await Promise.all([a.ctx.aggregator.flush(), b.ctx.aggregator.flush()]);
    expect((await totals(a.ctx.db)).success).toBe(100);
  });
});

describe.skipIf(PG_SKIP_REASON !== null)('two collector processes (CLI) on one PostgreSQL', () => {
  const children: Child[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-2proc-'));
  let drop = async () => {};
  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('both drain on SIGTERM and the totals are exact', async () => {
    const pg = await pgSchema();
    drop = pg.drop;
    const configFile = join(dir, 'collector.json');
    writeFileSync(configFile, JSON.stringify(testConfig({ flushIntervalMs: 200, ingest: { perClientPerMinute: 100_000 } })));
    const [a, b] = await Promise.all([0, 1].map(() => spawnCli(['--db', pg.url, '--config', configFile], { cwd: dir })));
    children.push(a, b);
    const sends: Promise<number>[] = [];
    for (let i = 0; i < 200; i++) {
      sends.push(postBeacon((i % 2 ? a : b).url, KEY, callsBatch({ shop: `s${i % 5}.myshopify.com`, success: 3, failure: 1 })).then((r) => r.status));
      if (i % 25 === 0) await new Promise((r) => setTimeout(r, 100)); // spans several flushes of each
    }
    expect((await Promise.all(sends)).every((s) => s === 202)).toBe(true);
    a.proc.kill('SIGTERM');
    b.proc.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    const db = openDb(pg.url);
    try {
      const t = await totals(db);
      expect(t.success).toBe(200 * 3);
      expect(t.failure).toBe(200 * 1);
    } finally {
      await db.close();
    }
  });
});
