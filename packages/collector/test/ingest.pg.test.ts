import { describe } from 'vitest';
import { ingestSuite } from './ingest.suite.js';
import { PG_SKIP_REASON, pgSchema } from './support/pg.js';

describe.skipIf(PG_SKIP_REASON !== null)('ingest and storage on PostgreSQL', () => {
  ingestSuite(() => pgSchema());
});
