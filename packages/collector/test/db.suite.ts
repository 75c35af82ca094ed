import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, openDb, type DbAdapter, type Migration } from '../src/db/index.js';

/** The Db contract, run against each dialect. */
export function dbSuite(db: () => Promise<{ url: string; drop(): Promise<void> }>): void {
  let a: DbAdapter;
  let b: DbAdapter;
  let drop: () => Promise<void>;
  const migrations: Migration[] = [
    { id: 't1', sqlite: 'CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER NOT NULL);\nCREATE INDEX t_n ON t (n);', postgres: 'CREATE TABLE t (k TEXT PRIMARY KEY, n BIGINT NOT NULL); CREATE INDEX t_n ON t (n);' },
  ];

  beforeAll(async () => {
    const d = await db();
    drop = d.drop;
    a = openDb(d.url);
    b = a.dialect === 'postgres' ? openDb(d.url) : a;
  });
  afterAll(async () => {
    if (b !== a) await b?.close();
    await a?.close();
    await drop?.();
  });

  it('applies migrations once, recording them', async () => {
    expect(await migrate(a, migrations)).toEqual(['t1']);
    expect(await migrate(b, migrations)).toEqual([]);
    const rows = await a.query<{ id: string }>('SELECT id FROM migrations');
    expect(rows.map((r) => r.id)).toEqual(['t1']);
  });

  it('binds $n placeholders, repeated and out of order, and returns numbers', async () => {
    await a.run('INSERT INTO t (k, n) VALUES ($2, $1)', [41, 'x']);
    const rows = await a.query<{ k: string; n: number }>('SELECT k, n FROM t WHERE k = $1 OR n = $2 OR k = $1', ['x', -1]);
    expect(rows).toEqual([{ k: 'x', n: 41 }]);
    const [{ c }] = await a.query<{ c: number }>('SELECT COUNT(*) AS c FROM t');
    expect(c).toBe(1);
    expect(typeof c).toBe('number');
    expect(await a.run('UPDATE t SET n = n + $1 WHERE k = $2', [1, 'x'])).toBe(1);
  });

  it('upserts additively', async () => {
    for (const n of [1, 2, 3]) await a.run('INSERT INTO t (k, n) VALUES ($1, $2) ON CONFLICT (k) DO UPDATE SET n = t.n + excluded.n', ['sum', n]);
    expect((await a.query<{ n: number }>('SELECT n FROM t WHERE k = $1', ['sum']))[0].n).toBe(6);
  });

  it('rolls a failed transaction back and commits a good one', async () => {
    await expect(
      a.transaction(async (tx) => {
        await tx.run('INSERT INTO t (k, n) VALUES ($1, $2)', ['rolled', 1]);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await a.query('SELECT k FROM t WHERE k = $1', ['rolled'])).toEqual([]);
    const v = await a.transaction(async (tx) => {
      await tx.run('INSERT INTO t (k, n) VALUES ($1, $2)', ['kept', 1]);
      return 'done';
    });
    expect(v).toBe('done');
    expect(await a.query('SELECT k FROM t WHERE k = $1', ['kept'])).toEqual([{ k: 'kept' }]);
  });

  it('keeps other writers out of an open transaction', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const tx = a.transaction(async (t) => {
      await t.run('INSERT INTO t (k, n) VALUES ($1, $2)', ['iso', 1]);
      await gate;
      throw new Error('abort');
    });
    // A write from outside while the transaction is open must not be swept into its rollback.
    const outside = b.run('INSERT INTO t (k, n) VALUES ($1, $2)', ['outside', 1]);
    await new Promise((r) => setTimeout(r, 50));
    release();
    await expect(tx).rejects.toThrow('abort');
    await outside;
    expect(await a.query('SELECT k FROM t WHERE k = $1', ['outside'])).toEqual([{ k: 'outside' }]);
    expect(await a.query('SELECT k FROM t WHERE k = $1', ['iso'])).toEqual([]);
  });

  it('runs a leader-locked job in one holder at a time', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = a.withLeaderLock('job', async () => {
      await gate;
      return 1;
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = await b.withLeaderLock('job', async () => 2);
    release();
    expect(await first).toEqual({ ran: true, value: 1 });
    if (a.dialect === 'postgres') expect(second).toEqual({ ran: false });
    else expect(second).toEqual({ ran: true, value: 2 }); // one SQLite writer process: always runs
    // released: the next caller gets it
    expect(await b.withLeaderLock('job', async () => 3)).toEqual({ ran: true, value: 3 });
  });
}
