/**
 * The collector's storage seam. Both dialects speak `$1, $2` placeholders so the same SQL text
 * works on SQLite and PostgreSQL; integers come back as JS numbers in both.
 */
export interface Db {
  dialect: 'sqlite' | 'postgres';
  /** Rows of a SELECT (or of `… RETURNING`). Placeholders `$1, $2, …` in both dialects. */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of affected rows. */
  run(sql: string, params?: unknown[]): Promise<number>;
  /**
   * Runs `fn` in one transaction (committed when it resolves, rolled back when it throws). Inside
   * `fn`, use `tx` only: on SQLite the outer `Db` waits until the transaction ends (a call on it
   * from inside would wait forever), on PostgreSQL it runs on another connection, outside it.
   *
   * @example
   * ```ts
   * await db.transaction(async (tx) => {
   *   await tx.run('UPDATE incidents SET state = $1 WHERE id = $2', ['resolved', id]);
   *   await tx.run('INSERT INTO audit (at, what) VALUES ($1, $2)', [Date.now(), 'resolved']);
   * });
   * ```
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` only if this process holds the named lock (PostgreSQL `pg_try_advisory_lock` on a
   * dedicated connection); SQLite has a single writer process, so it always runs.
   */
  withLeaderLock<T>(name: string, fn: () => Promise<T>): Promise<{ ran: boolean; value?: T }>;
  close(): Promise<void>;
}

/** Applied once, in order, recorded in table `migrations`. */
export interface Migration {
  id: string;
  sqlite: string;
  postgres: string;
}

/** What the adapters give the migration runner beyond `Db`: multi-statement scripts. */
export interface DbAdapter extends Db {
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Serialises migration runs across processes (PG: blocking advisory lock; SQLite: no-op). */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
}
