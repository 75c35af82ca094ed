#!/usr/bin/env node
// A committed file, not dist/cli.js itself: npm links bins at install time, and in a fresh clone
// dist/ does not exist yet, so a bin pointing into dist/ would never be linked.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error('lifeboat: dist/cli.js is missing — build the packages first (`npm run build` in the repository).');
  process.exit(2);
}
await import(cli.href);
