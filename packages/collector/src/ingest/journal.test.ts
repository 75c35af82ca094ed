import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from './journal.js';

describe('Journal', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const d = mkdtempSync(join(tmpdir(), 'lifeboat-journal-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('replays only segments after the stored mark, and keeps ids after their batches are dropped', async () => {
    const dir = fresh();
    const j = Journal.open(dir, 60_000);
    j.start();
    await j.append('b', 1000, 'app', 'id-one-0001', '{"n":\n1}');
    expect(j.seal()).toBe(1);
    await Promise.all([j.append('b', 2000, 'app', 'id-two-0002', '{"n":2}'), j.append('r', 2001, 'app', '-', '[]')]);
    expect(j.seal()).toBe(2);
    j.committed(1); // segment 1 stored: its batches go, its ids stay (within the window)
    j.close();

    const again = Journal.open(dir, 60_000);
    expect([...again.unstored(1)].map((e) => [e.kind, e.id, e.text])).toEqual([
      ['b', 'id-two-0002', '{"n":2}'],
      ['r', '-', '[]'],
    ]);
    expect([...again.ids()].map((i) => i.id)).toEqual(['id-one-0001', 'id-two-0002']);
    expect(again.id).toBe(j.id);
    again.close();
  });

  it('does not rotate while idle, and never marks unflushed lines as stored', async () => {
    const dir = fresh();
    const j = Journal.open(dir, 60_000);
    j.start();
    expect(j.seal()).toBe(0); // nothing written yet
    expect(j.seal()).toBe(0);
    await j.append('b', 1, 'app', 'id-three-03', '{}');
    expect(j.seal()).toBe(1);
    expect(j.seal()).toBe(1);
    expect(readdirSync(dir).filter((f) => f.startsWith('seg-'))).toHaveLength(2);
    j.close();
  });

  it('refuses a directory held by another live process', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'lock'), String(process.ppid));
    expect(() => Journal.open(dir, 1000)).toThrow(/in use by process/);
  });

  it('reads at start-up only the ids the dedupe window keeps, deleting the rest unread', () => {
    const dir = fresh();
    const now = Date.now();
    const name = (n: number) => join(dir, `ids-${String(n).padStart(12, '0')}.log`);
    // 40 files of 1000 ids: the 10 oldest past the window, the rest within it.
    for (let n = 1; n <= 40; n++) {
      writeFileSync(name(n), Array.from({ length: 1000 }, (_, i) => `${now}\tapp\tid_${n}_${i}\n`).join(''));
      if (n <= 10) utimesSync(name(n), new Date(now - 7_200_000), new Date(now - 7_200_000));
    }
    const j = Journal.open(dir, 3_600_000, () => now);
    const ids = j.ids(5000);
    // The newest 5000 (files 36..40), oldest first; everything older is gone from the disk.
    expect(ids).toHaveLength(5000);
    expect(ids[0].id).toBe('id_36_0');
    expect(ids.at(-1)!.id).toBe('id_40_999');
    expect(readdirSync(dir).filter((f) => f.startsWith('ids-')).sort()).toEqual([36, 37, 38, 39, 40].map((n) => `ids-${String(n).padStart(12, '0')}.log`));
    j.close();
  });

  it('keeps the client hash of a batch, so a replay still counts it as evidence', async () => {
    const dir = fresh();
    const j = Journal.open(dir, 60_000);
    j.start();
    await j.append('b', 1, 'app', 'id-with-client', '{"a":1}', '0123456789abcdef');
    await j.append('b', 2, 'app', 'id-without-cli', '{"a":2}');
    j.close();
    const again = Journal.open(dir, 60_000);
    expect([...again.unstored(0)].map((e) => [e.kind, e.id, e.client, e.text])).toEqual([
      ['b', 'id-with-client', '0123456789abcdef', '{"a":1}'],
      ['b', 'id-without-cli', '', '{"a":2}'],
    ]);
    expect(again.ids().map((i) => i.id)).toEqual(['id-with-client', 'id-without-cli']);
    again.close();
  });
});
