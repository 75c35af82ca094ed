import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { dbSuite } from './db.suite.js';
import { PG_SKIP_REASON, pgSchema } from './support/pg.js';

describe('Db on SQLite (file, WAL)', () => {
  dbSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lifeboat-db-'));
    return { url: join(dir, 't.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  });
});

describe.skipIf(PG_SKIP_REASON !== null)('Db on PostgreSQL', () => {
  dbSuite(() => pgSchema());
});
