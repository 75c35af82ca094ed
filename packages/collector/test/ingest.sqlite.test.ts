import { describe } from 'vitest';
import { ingestSuite } from './ingest.suite.js';

describe('ingest and storage on SQLite', () => {
  ingestSuite(async () => ({ url: ':memory:', drop: async () => {} }));
});
