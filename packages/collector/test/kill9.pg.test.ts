import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../src/db/index.js';
import { APP, KEY, callsBatch, totals } from './support/beacons.js';
import { spawnCli, type Child } from './support/child.js';
import { postBeacon } from './support/http.js';
import { PG_SKIP_REASON, pgSchema } from './support/pg.js';

describe.skipIf(PG_SKIP_REASON !== null)('kill -9 under load, default PostgreSQL configuration', () => {
  const children: Child[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'lifeboat-kill9-pg-'));
  let drop = async () => {};
  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('stores exactly what it acknowledged, and counts each batch id once across restarts', async () => {
    const pg = await pgSchema();
    drop = pg.drop;
    // Only what the test needs: an app, and a client limit one load generator can live with.
    // Journal, flush interval and everything else are the defaults.
    const configFile = join(dir, 'collector.json');
    writeFileSync(configFile, JSON.stringify({ apps: [{ app: APP, publicKey: KEY, origins: ['*'] }], ingest: { perClientPerMinute: 1_000_000 } }));
    const first = await spawnCli(['--db', pg.url, '--config', configFile], { cwd: dir });
    children.push(first);

    // Load from 32 concurrent senders; the kill lands while requests are in flight.
    const acked: ReturnType<typeof callsBatch>[] = [];
    const unanswered: ReturnType<typeof callsBatch>[] = [];
    let stop = false;
    const sender = async (n: number) => {
      for (let i = 0; !stop; i++) {
        const b = callsBatch({ shop: `s${n % 8}.myshopify.com`, success: 1, failure: 0 });
        const r = await postBeacon(first.url, KEY, b).catch(() => null);
        if (r?.status === 202) acked.push(b);
        else {
          // The kill cut the answer off: a page keeps such a batch and sends it again later.
          unanswered.push(b);
          if (r === null) return;
        }
      }
    };
    const load = Array.from({ length: 32 }, (_, n) => sender(n));
    await new Promise((r) => setTimeout(r, 1500));
    first.proc.kill('SIGKILL');
    stop = true;
    await Promise.all(load);
    await first.exited;
    expect(acked.length).toBeGreaterThan(100);
    expect(readdirSync(join(dir, 'lifeboat-journal'))).toContain('slot-0');

    const second = await spawnCli(['--db', pg.url, '--config', configFile], { cwd: dir });
    children.push(second);
    // A page resending a batch the dead process acknowledged: counted once.
    const resend = await postBeacon(second.url, KEY, acked[0]);
    expect(resend.status).toBe(202);
    expect(resend.headers['x-lifeboat-duplicate']).toBe('1');
    // The batches whose answer the kill cut off come again, as pages resend them: some were
    // journaled before the kill (duplicates now), the others are new; each counts once.
    for (const b of unanswered) expect((await postBeacon(second.url, KEY, b)).status).toBe(202);
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const db = openDb(pg.url);
    try {
      // Every acknowledged batch, and every resent one, exactly once.
      expect((await totals(db)).success).toBe(acked.length + unanswered.length);
    } finally {
      await db.close();
    }
  });
});
