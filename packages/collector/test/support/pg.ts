import pg from 'pg';

export const PG_URL = process.env.LIFEBOAT_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Why PostgreSQL tests are skipped, or null when the server answers. Probed once per file. */
export async function pgUnavailable(): Promise<string | null> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (e) {
    return `PostgreSQL at ${PG_URL} is unreachable (${(e as Error).message}); set LIFEBOAT_TEST_PG to run these tests`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A fresh schema for one test run; the URL pins `search_path` to it, so every table the
 * collector creates lives there. `drop()` removes it.
 */
export async function pgSchema(): Promise<{ url: string; schema: string; drop(): Promise<void> }> {
  const schema = `lb_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const sep = PG_URL.includes('?') ? '&' : '?';
  return {
    url: `${PG_URL}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Resolved before the test files' `describe.skipIf` run (top-level await). */
export const PG_SKIP_REASON = await pgUnavailable();
if (PG_SKIP_REASON) console.warn(`[collector tests] skipping PostgreSQL suites: ${PG_SKIP_REASON}`);
