import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { hostileSuite } from './hostile.suite.js';

describe('hostile input on SQLite', () => {
  hostileSuite(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-hostile-'));
    return { url: join(dir, 'c.db'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  });
});
