import pg from 'pg';
import type { Db, DbAdapter } from './types.js';

// int8 (COUNT, BIGINT columns: epoch ms, counters) and numeric (SUM of bigint) as JS numbers:
// our values stay far below 2^53, and both dialects then return the same shapes.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => (v === null ? null : Number(v));
    return (pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => unknown)(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

const norm = (params?: unknown[]) =>
  params?.map((v) => (v !== null && typeof v === 'object' && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v));

/** A stable 64-bit lock key from a name (PostgreSQL's `hashtext` is stable across versions in practice). */
const LOCK_SQL = 'SELECT pg_try_advisory_lock(hashtext($1)) AS ok';

function clientDb(client: pg.PoolClient, owner: PostgresDb): Db {
  const self: Db = {
    dialect: 'postgres',
    query: async <T>(sql: string, params?: unknown[]) => (await client.query(sql, norm(params))).rows as T[],
    run: async (sql: string, params?: unknown[]) => (await client.query(sql, norm(params))).rowCount ?? 0,
    transaction: (fn) => fn(self), // nested: part of the outer transaction
    withLeaderLock: (name, fn) => owner.withLeaderLock(name, fn),
    close: async () => {},
  };
  return self;
}

/**
 * A pg Pool. `connectionString` may carry `?options=-c search_path=…` to confine a run to one schema.
 */
export class PostgresDb implements DbAdapter {
  readonly dialect = 'postgres' as const;
  readonly pool: pg.Pool;

  constructor(connectionString: string, opts: { max?: number } = {}) {
    this.pool = new pg.Pool({ connectionString, max: opts.max ?? 10, types });
    // An idle client's error (server restart) must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, norm(params))).rows as T[];
  }

  async run(sql: string, params?: unknown[]): Promise<number> {
    return (await this.pool.query(sql, norm(params))).rowCount ?? 0;
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      try {
        const v = await fn(clientDb(client, this));
        await client.query('COMMIT');
        return v;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      }
    } finally {
      client.release();
    }
  }

  async withLeaderLock<T>(name: string, fn: () => Promise<T>): Promise<{ ran: boolean; value?: T }> {
    // A session-level advisory lock belongs to one connection: take it, run, unlock on the same one.
    const client = await this.pool.connect();
    let broken = false;
    try {
      const r = await client.query<{ ok: boolean }>(LOCK_SQL, [name]);
      if (!r.rows[0]?.ok) return { ran: false };
      try {
        return { ran: true, value: await fn() };
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch(() => (broken = true));
      }
    } catch (e) {
      broken = true;
      throw e;
    } finally {
      // A client whose unlock failed may still hold the lock: destroy it rather than pool it.
      client.release(broken || undefined);
    }
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async withMigrationLock<T>(fn: () => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', ['lifeboat:migrations']);
      try {
        return await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['lifeboat:migrations']);
      }
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
