import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { KEY, callsBatch, testConfig } from './support/beacons.js';
import { spawnCli, type Child } from './support/child.js';
import { postBeacon } from './support/http.js';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-kill9-'));
const dbFile = join(dir, 'collector.db');
const configFile = join(dir, 'collector.json');
// An hour between flushes: everything acknowledged before the kill exists only in memory and
// in the journal.
writeFileSync(configFile, JSON.stringify(testConfig()));

const storedSuccess = () => {
  const db = new Database(dbFile, { readonly: true });
  try {
    return Number((db.prepare('SELECT COALESCE(SUM(success), 0) AS n FROM rollups').get() as { n: number }).n);
  } finally {
    db.close();
  }
};

describe('kill -9 of the collector process', () => {
  const children: Child[] = [];
  afterAll(() => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses no beacon it answered 202 for, and counts resends once across restarts', async () => {
    const first = await spawnCli(['--db', dbFile, '--config', configFile]);
    children.push(first);
    const batches = Array.from({ length: 40 }, (_, i) => callsBatch({ shop: `s${i % 4}.myshopify.com`, success: 3, failure: 0 }));
    const statuses = await Promise.all(batches.map((b) => postBeacon(first.url, KEY, b).then((r) => r.status)));
    expect(statuses.every((s) => s === 202)).toBe(true);

    first.proc.kill('SIGKILL');
    await first.exited;
    expect(storedSuccess()).toBe(0); // nothing was flushed: the counts were only in memory

    const second = await spawnCli(['--db', dbFile, '--config', configFile]);
    children.push(second);
    expect(second.logs.some((l) => l.msg === 'replayed unflushed beacons from the journal' && l.batches === 40)).toBe(true);
    // a browser resending a batch the dead process had acknowledged: still counted once
    const resend = await postBeacon(second.url, KEY, batches[0]);
    expect(resend.status).toBe(202);
    expect(resend.headers['x-lifeboat-duplicate']).toBe('1');
    const fresh = await postBeacon(second.url, KEY, callsBatch({ success: 5, failure: 0 }));
    expect(fresh.status).toBe(202);

    // SIGTERM drains: stop accepting, flush, close
    second.proc.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(storedSuccess()).toBe(40 * 3 + 5);

    // a third start replays nothing twice, and remembers the ids of batches already stored
    const third = await spawnCli(['--db', dbFile, '--config', configFile]);
    children.push(third);
    const late = await postBeacon(third.url, KEY, batches[1]);
    expect(late.status).toBe(202);
    expect(late.headers['x-lifeboat-duplicate']).toBe('1');
    third.proc.kill('SIGTERM');
    expect(await third.exited).toBe(0);
    expect(storedSuccess()).toBe(40 * 3 + 5);
  });
});
