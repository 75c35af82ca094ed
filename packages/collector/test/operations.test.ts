import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startCollector } from '../src/app.js';
import { runRetention } from '../src/retention.js';
import { KEY, callsBatch, testConfig } from './support/beacons.js';
import { postBeacon, send } from './support/http.js';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('operations', () => {
  it('CLI --help lists the flags and environment variables', () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, '--help'], { encoding: 'utf8', cwd: fileURLToPath(new URL('../../../', import.meta.url)) });
    expect(r.status).toBe(0);
    for (const s of ['--host', '--port', '--db', '--config', '--log-level', 'LIFEBOAT_DB', 'LIFEBOAT_APPS']) expect(r.stdout).toContain(s);
  });

  it('CLI refuses a bad config naming the field (exit 2)', () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--db', ':memory:'], {
      encoding: 'utf8',
      cwd: fileURLToPath(new URL('../../../', import.meta.url)),
      env: { ...process.env, LIFEBOAT_APPS: '[{"app":"x","publicKey":"short"}]' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('config.apps.0.publicKey');
  });

  it('protects /metrics with a token when metrics.requireToken is on', async () => {
    const c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: testConfig({ metrics: { requireToken: true } }) });
    try {
      expect((await send(`${c.url}/metrics`, { method: 'GET' })).status).toBe(401);
      const ok = await send(`${c.url}/metrics`, { method: 'GET', headers: { authorization: 'Bearer rt_test_read_token_0001' } });
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('lifeboat_beacons_received_total');
    } finally {
      await c.close();
    }
  });

  it('keeps the counts of a failed flush and writes them with the next one', async () => {
    const c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: testConfig({ journal: { dir: null } }) });
    try {
      expect((await postBeacon(c.url, KEY, callsBatch({ success: 4, failure: 0 }))).status).toBe(202);
      const db = c.ctx.db;
      const real = db.transaction.bind(db);
      // Both the flush and its row-by-row retry find the database gone.
      let fail = 2;
      db.transaction = (async (fn: Parameters<typeof real>[0]) => {
        if (fail > 0) {
          fail--;
          throw new Error('database unavailable');
        }
        return real(fn);
      }) as typeof db.transaction;
      await expect(c.ctx.aggregator.flush()).rejects.toThrow('database unavailable');
      expect(c.ctx.aggregator.pending()).toBeGreaterThan(0);
      expect((await postBeacon(c.url, KEY, callsBatch({ success: 1, failure: 0 }))).status).toBe(202);
      await c.ctx.aggregator.flush();
      expect(c.ctx.aggregator.pending()).toBe(0);
      const [{ n }] = await db.query<{ n: number }>('SELECT SUM(success) AS n FROM rollups');
      expect(n).toBe(5);
    } finally {
      await c.close();
    }
  });

  it('retention deletes raw rows and rollups past their age', async () => {
    const c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: testConfig({ retention: { rawDays: 1, rollupDays: 2 } }) });
    try {
      const day = 86_400_000;
      const now = Date.now();
      for (const [minute, shop] of [[now - 3 * day, 'old'], [now - 1.5 * day, 'mid'], [now, 'new']] as const) {
        await c.ctx.db.run('INSERT INTO rollups (app, shop, guard, minute, success) VALUES ($1, $2, $3, $4, 1)', ['smartcart', shop, 'cart', minute - (minute % 60_000)]);
        await c.ctx.db.run('INSERT INTO events (app, shop, guard, kind, at, data) VALUES ($1, $2, $3, $4, $5, $6)', ['smartcart', shop, 'cart', 'transition', minute, '{}']);
      }
      expect(await runRetention(c.ctx)).toEqual({ events: 2, reports: 0, rollups: 1, sources: 0, deadLetters: 0 });
      expect((await c.ctx.db.query<{ shop: string }>('SELECT shop FROM rollups ORDER BY shop')).map((r) => r.shop)).toEqual(['mid', 'new']);
      expect((await c.ctx.db.query<{ shop: string }>('SELECT shop FROM events')).map((r) => r.shop)).toEqual(['new']);
    } finally {
      await c.close();
    }
  });

  it('creates the SQLite file and its journal, and empties the journal of flushed segments past the window', async () => {
    const db = join(dir, 'j.db');
    const c = await startCollector({ port: 0, db, logLevel: 'silent', config: testConfig({ ingest: { dedupeWindowMs: 1 } }) });
    try {
      expect((await postBeacon(c.url, KEY, callsBatch())).status).toBe(202);
      const segs = () => readdirSync(`${db}.journal`).filter((f) => f.startsWith('seg-'));
      expect(segs().length).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 20));
      await c.ctx.aggregator.flush();
      await new Promise((r) => setTimeout(r, 20));
      await c.ctx.aggregator.flush();
      // only the open segment is left
      expect(segs()).toHaveLength(1);
    } finally {
      await c.close();
    }
  });
});
