export type { Db, DbAdapter, Migration } from './types.js';
export { openDb, isPostgresUrl } from './open.js';
export { migrate, migrationsApplied } from './migrate.js';
export { ingestMigrations } from './ingestMigrations.js';
export { SqliteDb } from './sqlite.js';
export { PostgresDb } from './postgres.js';
