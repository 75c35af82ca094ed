import type { Migration } from './types.js';

/*
 * The rollup columns as 0001 created them: the outcomes of OUTCOMES and ten latency slots
 * (LATENCY_SLOTS), written out on purpose. A migration records what a database was given at the
 * time and must not change when the lists do: another outcome or latency slot needs a new
 * migration adding its column (aggregate/rollupRows.ts derives the columns the code writes from the lists).
 */
const latency = (type: string) => Array.from({ length: 10 }, (_, i) => `l${i} ${type} NOT NULL DEFAULT 0`).join(', ');

/**
 * Ingest tables. `rollups` is written only by additive upserts, so any number of processes may
 * write the same minute. `ingest_journal` records, in the same transaction as the rollups, the
 * last journal segment a process has flushed (see ingest/journal.ts).
 */
export const ingestMigrations: Migration[] = [
  {
    id: '0001_ingest',
    sqlite: `
CREATE TABLE rollups (
  app TEXT NOT NULL, shop TEXT NOT NULL, guard TEXT NOT NULL, minute INTEGER NOT NULL,
  success INTEGER NOT NULL DEFAULT 0, failure INTEGER NOT NULL DEFAULT 0, timeout INTEGER NOT NULL DEFAULT 0,
  reject INTEGER NOT NULL DEFAULT 0, fallback INTEGER NOT NULL DEFAULT 0,
  ${latency('INTEGER')},
  PRIMARY KEY (app, shop, guard, minute)
);
CREATE INDEX rollups_app_minute ON rollups (app, minute);
CREATE INDEX rollups_minute ON rollups (minute);
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, app TEXT NOT NULL, shop TEXT NOT NULL, guard TEXT,
  kind TEXT NOT NULL, at INTEGER NOT NULL, data TEXT NOT NULL
);
CREATE INDEX events_app_at ON events (app, at);
CREATE INDEX events_app_kind_at ON events (app, kind, at);
CREATE TABLE reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT, app TEXT NOT NULL, type TEXT NOT NULL, url TEXT NOT NULL,
  at INTEGER NOT NULL, user_agent TEXT, body TEXT NOT NULL
);
CREATE INDEX reports_app_at ON reports (app, at);
CREATE TABLE ingest_journal (journal TEXT PRIMARY KEY, segment INTEGER NOT NULL, updated_at INTEGER NOT NULL);
`,
    postgres: `
CREATE TABLE rollups (
  app TEXT NOT NULL, shop TEXT NOT NULL, guard TEXT NOT NULL, minute BIGINT NOT NULL,
  success BIGINT NOT NULL DEFAULT 0, failure BIGINT NOT NULL DEFAULT 0, timeout BIGINT NOT NULL DEFAULT 0,
  reject BIGINT NOT NULL DEFAULT 0, fallback BIGINT NOT NULL DEFAULT 0,
  ${latency('BIGINT')},
  PRIMARY KEY (app, shop, guard, minute)
);
CREATE INDEX rollups_app_minute ON rollups (app, minute);
CREATE INDEX rollups_minute ON rollups (minute);
CREATE TABLE events (
  id BIGSERIAL PRIMARY KEY, app TEXT NOT NULL, shop TEXT NOT NULL, guard TEXT,
  kind TEXT NOT NULL, at BIGINT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX events_app_at ON events (app, at);
CREATE INDEX events_app_kind_at ON events (app, kind, at);
CREATE TABLE reports (
  id BIGSERIAL PRIMARY KEY, app TEXT NOT NULL, type TEXT NOT NULL, url TEXT NOT NULL,
  at BIGINT NOT NULL, user_agent TEXT, body TEXT NOT NULL
);
CREATE INDEX reports_app_at ON reports (app, at);
CREATE TABLE ingest_journal (journal TEXT PRIMARY KEY, segment BIGINT NOT NULL, updated_at BIGINT NOT NULL);
`,
  },
  {
    // Rows the store refused at flush time, set aside so they never block the rows around them.
    id: '0002_dead_letters',
    sqlite: `
CREATE TABLE dead_letters (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL, app TEXT NOT NULL,
  reason TEXT NOT NULL, payload TEXT NOT NULL
);
CREATE INDEX dead_letters_at ON dead_letters (at);
`,
    postgres: `
CREATE TABLE dead_letters (
  id BIGSERIAL PRIMARY KEY, at BIGINT NOT NULL, kind TEXT NOT NULL, app TEXT NOT NULL,
  reason TEXT NOT NULL, payload TEXT NOT NULL
);
CREATE INDEX dead_letters_at ON dead_letters (at);
`,
  },
  {
    // Evidence of distinct clients: a salted hash of the address per (app, guard, minute), never
    // the address; the salts of the last two days (shared by every instance on the database).
    id: '0003_client_evidence',
    sqlite: `
CREATE TABLE client_salts (period INTEGER PRIMARY KEY, salt TEXT NOT NULL);
CREATE TABLE guard_sources (
  app TEXT NOT NULL, guard TEXT NOT NULL, minute INTEGER NOT NULL, client TEXT NOT NULL, bad INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (app, guard, minute, client)
);
CREATE INDEX guard_sources_minute ON guard_sources (minute);
`,
    postgres: `
CREATE TABLE client_salts (period BIGINT PRIMARY KEY, salt TEXT NOT NULL);
CREATE TABLE guard_sources (
  app TEXT NOT NULL, guard TEXT NOT NULL, minute BIGINT NOT NULL, client TEXT NOT NULL, bad INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (app, guard, minute, client)
);
CREATE INDEX guard_sources_minute ON guard_sources (minute);
`,
  },
  {
    // The dedupe window shared by every instance on one PostgreSQL (ingest/sharedDedupe.ts).
    // SQLite gets the table too (same schema everywhere) but has one writer and never uses it.
    id: '0004_batch_ids',
    sqlite: `
CREATE TABLE batch_ids (app TEXT NOT NULL, id TEXT NOT NULL, at INTEGER NOT NULL, owner TEXT NOT NULL, PRIMARY KEY (app, id));
CREATE INDEX batch_ids_at ON batch_ids (at);
`,
    postgres: `
CREATE TABLE batch_ids (app TEXT NOT NULL, id TEXT NOT NULL, at BIGINT NOT NULL, owner TEXT NOT NULL, PRIMARY KEY (app, id));
CREATE INDEX batch_ids_at ON batch_ids (at);
`,
  },
  {
    // Browsers per guard and minute (a batch stands for one browser's flush interval) and the
    // status document they obey (`statusAt`): the dashboard's "breaker open" share and rollout.
    id: '0005_browsers',
    sqlite: `
CREATE TABLE browser_minutes (
  app TEXT NOT NULL, shop TEXT NOT NULL, guard TEXT NOT NULL, minute INTEGER NOT NULL,
  batches INTEGER NOT NULL DEFAULT 0, open INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (app, shop, guard, minute)
);
CREATE INDEX browser_minutes_app_minute ON browser_minutes (app, minute);
CREATE TABLE status_minutes (
  app TEXT NOT NULL, minute INTEGER NOT NULL, status_at INTEGER NOT NULL, batches INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (app, minute, status_at)
);
`,
    postgres: `
CREATE TABLE browser_minutes (
  app TEXT NOT NULL, shop TEXT NOT NULL, guard TEXT NOT NULL, minute BIGINT NOT NULL,
  batches BIGINT NOT NULL DEFAULT 0, open BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (app, shop, guard, minute)
);
CREATE INDEX browser_minutes_app_minute ON browser_minutes (app, minute);
CREATE TABLE status_minutes (
  app TEXT NOT NULL, minute BIGINT NOT NULL, status_at BIGINT NOT NULL, batches BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (app, minute, status_at)
);
`,
  },
];
