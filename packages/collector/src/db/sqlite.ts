import Database from 'better-sqlite3';
import type { Db, DbAdapter } from './types.js';
import { rewritePlaceholders, toSqliteValue } from './placeholders.js';

type Statement = Database.Statement<unknown[], unknown>;

interface Prepared {
  stmt: Statement;
  positional: boolean;
  reader: boolean;
}

/**
 * One better-sqlite3 connection in WAL mode. better-sqlite3 is synchronous, so a transaction is
 * only atomic if nothing else uses the connection while its async body awaits: a promise-chain
 * mutex makes other callers wait until it commits.
 */
export class SqliteDb implements DbAdapter {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly cache = new Map<string, Prepared>();
  private lock: Promise<unknown> = Promise.resolve();
  private locked = false;

  constructor(file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL: durable across process crashes (kill -9); only an OS crash can lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
  }

  private prepare(sql: string): Prepared {
    let p = this.cache.get(sql);
    if (!p) {
      const r = rewritePlaceholders(sql);
      const stmt = this.db.prepare(r.sql) as Statement;
      p = { stmt, positional: r.positional, reader: stmt.reader };
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, p);
    }
    return p;
  }

  private bind(p: Prepared, params: unknown[] = []): unknown[] {
    if (p.positional) return params.map(toSqliteValue);
    const named: Record<string, unknown> = {};
    params.forEach((v, i) => (named[String(i + 1)] = toSqliteValue(v)));
    return [named];
  }

  /** Direct (unlocked) access for code that already holds the lock. */
  private direct(): Db {
    return {
      dialect: 'sqlite',
      query: async <T>(sql: string, params?: unknown[]) => this.querySync<T>(sql, params),
      run: async (sql: string, params?: unknown[]) => this.runSync(sql, params),
      transaction: (fn) => fn(this.direct()), // nested: part of the outer transaction
      withLeaderLock: (name, fn) => this.withLeaderLock(name, fn),
      close: async () => {},
    };
  }

  querySync<T>(sql: string, params?: unknown[]): T[] {
    const p = this.prepare(sql);
    const args = this.bind(p, params);
    if (p.reader) return p.stmt.all(...args) as T[];
    p.stmt.run(...args);
    return [];
  }

  runSync(sql: string, params?: unknown[]): number {
    const p = this.prepare(sql);
    const args = this.bind(p, params);
    if (p.reader) return p.stmt.all(...args).length;
    return p.stmt.run(...args).changes;
  }

  private async waitUnlocked(): Promise<void> {
    while (this.locked) await this.lock.catch(() => undefined);
  }

  async query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> {
    if (this.locked) await this.waitUnlocked();
    return this.querySync<T>(sql, params);
  }

  async run(sql: string, params?: unknown[]): Promise<number> {
    if (this.locked) await this.waitUnlocked();
    return this.runSync(sql, params);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const prev = this.lock;
    let release!: () => void;
    const mine = new Promise<void>((r) => (release = r));
    this.lock = prev.then(() => mine);
    await prev.catch(() => undefined);
    this.locked = true;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const v = await fn(this.direct());
        this.db.exec('COMMIT');
        return v;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      this.locked = false;
      release();
    }
  }

  async withLeaderLock<T>(_name: string, fn: () => Promise<T>): Promise<{ ran: boolean; value?: T }> {
    return { ran: true, value: await fn() };
  }

  async exec(sql: string): Promise<void> {
    if (this.locked) await this.waitUnlocked();
    this.db.exec(sql);
  }

  async withMigrationLock<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  async close(): Promise<void> {
    if (this.locked) await this.waitUnlocked();
    if (this.db.open) this.db.close();
  }
}
