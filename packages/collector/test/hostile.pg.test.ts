import { describe } from 'vitest';
import { hostileSuite } from './hostile.suite.js';
import { PG_SKIP_REASON, pgSchema } from './support/pg.js';

describe.skipIf(PG_SKIP_REASON !== null)('hostile input on PostgreSQL', () => {
  hostileSuite(() => pgSchema());
});
