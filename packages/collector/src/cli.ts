#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startCollector } from './app.js';
import { ConfigError, configFromEnv, readConfigFile } from './collectorConfig.js';

const HELP = `lifeboat-collector — Lifeboat's beacon collector, rollups, incidents and status document

Usage: lifeboat-collector [options]

Options (each also as an environment variable):
  --host <addr>        listen address            LIFEBOAT_HOST     (default 127.0.0.1)
  --port <n>           listen port, 0 = any free  LIFEBOAT_PORT     (default 8787)
  --db <path|url>      SQLite file (created), :memory:, or postgres://user@host/db
                                                  LIFEBOAT_DB       (default ./lifeboat.db)
  --config <file>      JSON config file (apps, keys, tokens, limits; see docs/collector.md)
                                                  LIFEBOAT_CONFIG
  --log-level <level>  fatal|error|warn|info|debug|trace|silent
                                                  LIFEBOAT_LOG_LEVEL (default info)
  -h, --help           this text
  -v, --version        the version

Keys and tokens from the environment (override the config file):
  LIFEBOAT_APPS='[{"app":"smartcart","publicKey":"pk_…","origins":["https://shop.example"]}]'
  LIFEBOAT_READ_TOKENS=rt_…,rt_…   LIFEBOAT_ADMIN_TOKENS=at_…   LIFEBOAT_FLUSH_INTERVAL_MS=10000
  LIFEBOAT_JOURNAL_DIR=<dir>|off   write-ahead journal (default: <db>.journal for a SQLite file)

SIGTERM / SIGINT: stop accepting, write every accepted beacon, close the database.
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      config: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    process.stdout.write(`${pkg.version}\n`);
    return;
  }
  const env = process.env;
  const portText = values.port ?? env.LIFEBOAT_PORT ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError([{ path: '--port', message: `must be a port number 0–65535 (got ${JSON.stringify(portText)})` }], 'command line');
  const configPath = values.config ?? env.LIFEBOAT_CONFIG;
  const fromFile = configPath ? (readConfigFile(configPath) as Record<string, unknown>) : { apps: [] };
  const config = configFromEnv(env, fromFile);
  const c = await startCollector({
    host: values.host ?? env.LIFEBOAT_HOST ?? '127.0.0.1',
    port,
    db: values.db ?? env.LIFEBOAT_DB ?? './lifeboat.db',
    config: config as never,
    logLevel: values['log-level'] ?? env.LIFEBOAT_LOG_LEVEL ?? 'info',
  });
  if (c.ctx.config.apps.length === 0) {
    c.ctx.log.warn('no apps configured: every beacon will be refused with 401. Pass --config or LIFEBOAT_APPS (see --help).');
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      c.ctx.log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(1);
    }
    stopping = true;
    c.ctx.log.info({ signal }, 'draining: flushing accepted beacons');
    c.close().then(
      () => process.exit(0),
      (err: unknown) => {
        c.ctx.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  process.stderr.write(`lifeboat-collector: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(e instanceof ConfigError ? 2 : 1);
});
