import type { Migration } from '../../db/types.js';

/**
 * Tables of the fleet side: incidents and their timelines, the per-guard modes the status
 * document is built from, the audit trail of every mode change, and the alert outbox.
 *
 * Times are epoch ms in BIGINT columns (node-pg returns them as strings; readers coerce).
 * Booleans are INTEGER 0/1 so the same SQL runs on both dialects.
 */
export const fleetMigrations: Migration[] = [
  {
    id: 'fleet-001-incidents',
    sqlite: `
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        app TEXT NOT NULL,
        guard TEXT NOT NULL,
        state TEXT NOT NULL,
        cause TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        resolved_at INTEGER,
        calm_since INTEGER,
        peak_share REAL NOT NULL DEFAULT 0,
        peak_shops INTEGER NOT NULL DEFAULT 0,
        last_share REAL NOT NULL DEFAULT 0,
        last_calls INTEGER NOT NULL DEFAULT 0,
        last_shops INTEGER NOT NULL DEFAULT 0,
        auto_opened INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX incidents_by_guard ON incidents (app, guard, state);
      CREATE INDEX incidents_by_time ON incidents (app, opened_at);
      CREATE TABLE incident_timeline (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        incident TEXT NOT NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        share REAL NOT NULL DEFAULT 0,
        open_share REAL NOT NULL DEFAULT 0,
        calls INTEGER NOT NULL DEFAULT 0,
        shops INTEGER NOT NULL DEFAULT 0,
        note TEXT
      );
      CREATE INDEX incident_timeline_by_incident ON incident_timeline (incident, at);
    `,
    postgres: `
      CREATE TABLE incidents (
        id TEXT PRIMARY KEY,
        app TEXT NOT NULL,
        guard TEXT NOT NULL,
        state TEXT NOT NULL,
        cause TEXT NOT NULL,
        opened_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        resolved_at BIGINT,
        calm_since BIGINT,
        peak_share DOUBLE PRECISION NOT NULL DEFAULT 0,
        peak_shops INTEGER NOT NULL DEFAULT 0,
        last_share DOUBLE PRECISION NOT NULL DEFAULT 0,
        last_calls BIGINT NOT NULL DEFAULT 0,
        last_shops INTEGER NOT NULL DEFAULT 0,
        auto_opened INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX incidents_by_guard ON incidents (app, guard, state);
      CREATE INDEX incidents_by_time ON incidents (app, opened_at);
      CREATE TABLE incident_timeline (
        id BIGSERIAL PRIMARY KEY,
        incident TEXT NOT NULL,
        at BIGINT NOT NULL,
        kind TEXT NOT NULL,
        share DOUBLE PRECISION NOT NULL DEFAULT 0,
        open_share DOUBLE PRECISION NOT NULL DEFAULT 0,
        calls BIGINT NOT NULL DEFAULT 0,
        shops INTEGER NOT NULL DEFAULT 0,
        note TEXT
      );
      CREATE INDEX incident_timeline_by_incident ON incident_timeline (incident, at);
    `,
  },
  {
    id: 'fleet-002-modes-audit',
    sqlite: `
      CREATE TABLE guard_modes (
        app TEXT NOT NULL,
        guard TEXT NOT NULL,
        mode TEXT NOT NULL,
        reason TEXT,
        incident TEXT,
        probe REAL,
        banner TEXT,
        set_by TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        recovery_started INTEGER,
        PRIMARY KEY (app, guard)
      );
      CREATE TABLE audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        app TEXT NOT NULL,
        guard TEXT,
        before_json TEXT,
        after_json TEXT
      );
      CREATE INDEX audit_by_time ON audit (at);
    `,
    postgres: `
      CREATE TABLE guard_modes (
        app TEXT NOT NULL,
        guard TEXT NOT NULL,
        mode TEXT NOT NULL,
        reason TEXT,
        incident TEXT,
        probe DOUBLE PRECISION,
        banner TEXT,
        set_by TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        recovery_started BIGINT,
        PRIMARY KEY (app, guard)
      );
      CREATE TABLE audit (
        id BIGSERIAL PRIMARY KEY,
        at BIGINT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        app TEXT NOT NULL,
        guard TEXT,
        before_json TEXT,
        after_json TEXT
      );
      CREATE INDEX audit_by_time ON audit (at);
    `,
  },
  {
    id: 'fleet-003-alert-outbox',
    sqlite: `
      CREATE TABLE alert_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        created_at INTEGER NOT NULL,
        incident TEXT NOT NULL,
        event TEXT NOT NULL,
        url TEXT NOT NULL,
        format TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at INTEGER NOT NULL,
        last_error TEXT,
        sent_at INTEGER
      );
      CREATE INDEX alert_outbox_due ON alert_outbox (state, next_at);
    `,
    postgres: `
      CREATE TABLE alert_outbox (
        id BIGSERIAL PRIMARY KEY,
        created_at BIGINT NOT NULL,
        incident TEXT NOT NULL,
        event TEXT NOT NULL,
        url TEXT NOT NULL,
        format TEXT NOT NULL,
        payload TEXT NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at BIGINT NOT NULL,
        last_error TEXT,
        sent_at BIGINT
      );
      CREATE INDEX alert_outbox_due ON alert_outbox (state, next_at);
    `,
  },
  {
    // Guards an app did not declare, admitted once enough distinct shops and clients reported them.
    id: 'fleet-004-known-guards',
    sqlite: `
      CREATE TABLE known_guards (app TEXT NOT NULL, guard TEXT NOT NULL, since INTEGER NOT NULL, shops INTEGER NOT NULL, clients INTEGER NOT NULL, PRIMARY KEY (app, guard));
    `,
    postgres: `
      CREATE TABLE known_guards (app TEXT NOT NULL, guard TEXT NOT NULL, since BIGINT NOT NULL, shops INTEGER NOT NULL, clients INTEGER NOT NULL, PRIMARY KEY (app, guard));
    `,
  },
];
