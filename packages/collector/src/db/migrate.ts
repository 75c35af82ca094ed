import type { DbAdapter, Migration } from './types.js';

const CREATE = {
  sqlite: 'CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)',
  postgres: 'CREATE TABLE IF NOT EXISTS migrations (id TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)',
};

/**
 * Applies the migrations not yet recorded in `migrations`, in order, each in its own
 * transaction. Several processes starting at once on one PostgreSQL take turns (advisory lock).
 * Returns the ids applied now.
 */
export async function migrate(db: DbAdapter, migrations: Migration[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const m of migrations) {
    if (ids.has(m.id)) throw new Error(`migration id "${m.id}" is used twice: give each migration a unique id`);
    ids.add(m.id);
  }
  return db.withMigrationLock(async () => {
    await db.exec(CREATE[db.dialect]);
    const done = new Set((await db.query<{ id: string }>('SELECT id FROM migrations')).map((r) => r.id));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      await db.transaction(async (tx) => {
        // PG runs a parameterless script as one simple-protocol query (several statements, even
        // function bodies); better-sqlite3 prepares one statement at a time, so we split there.
        if (db.dialect === 'postgres') await tx.run(m.postgres);
        else for (const stmt of splitSql(m.sqlite)) await tx.run(stmt);
        await tx.run('INSERT INTO migrations (id, applied_at) VALUES ($1, $2)', [m.id, Date.now()]);
      });
      applied.push(m.id);
    }
    return applied;
  });
}

/** True when every given migration is recorded (for /readyz). */
export async function migrationsApplied(db: DbAdapter, migrations: Migration[]): Promise<boolean> {
  const done = new Set((await db.query<{ id: string }>('SELECT id FROM migrations')).map((r) => r.id));
  return migrations.every((m) => done.has(m.id));
}

/** Splits a SQLite script on `;` at line ends (write one statement per `;`-terminated line group). */
export function splitSql(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
