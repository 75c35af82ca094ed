import { PostgresDb } from './postgres.js';
import { SqliteDb } from './sqlite.js';
import type { DbAdapter } from './types.js';

/** True for `postgres://…` / `postgresql://…` URLs. */
export const isPostgresUrl = (db: string) => /^postgres(ql)?:\/\//i.test(db);

/** Opens `db`: a SQLite file path (created if missing), `:memory:`, or a PostgreSQL URL. */
export function openDb(db: string): DbAdapter {
  return isPostgresUrl(db) ? new PostgresDb(db) : new SqliteDb(db);
}
