import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AlertOutbox } from '../src/fleet/alerts/outbox.js';
import { IncidentDetector } from '../src/fleet/incidents/detector.js';
import { fleetSettings } from '../src/fleet/settings.js';
import { ingestMigrations, migrate, openDb } from '../src/db/index.js';
import { fleetMigrations } from '../src/fleet/store/fleetMigrations.js';
import { baseConfig, dialects, makeCtx, traffic, type TestCtx } from './fleet-support.js';

const DIALECTS = await dialects('fleet_alerts');

interface Receiver {
  url: string;
  got: { path: string; body: unknown; type: string | undefined }[];
  server: Server;
}

/** A webhook receiver answering `codes` in turn (the last one forever). */
async function receiver(codes: number[]): Promise<Receiver> {
  const got: Receiver['got'] = [];
  let n = 0;
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const code = codes[Math.min(n++, codes.length - 1)];
      if (code === 200) got.push({ path: req.url ?? '', body: JSON.parse(raw), type: req.headers['content-type'] });
      res.writeHead(code).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got, server };
}

let ctx: TestCtx | undefined;
let rx: Receiver | undefined;
const files: string[] = [];
afterEach(async () => {
  await ctx?.closeAll();
  for (const f of files.splice(0)) for (const x of ['', '-wal', '-shm']) rmSync(f + x, { force: true });
  rx?.server.closeAllConnections();
  await new Promise((r) => rx?.server.close(r) ?? r(undefined));
  ctx = rx = undefined;
});

const until = async (cond: () => boolean | Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('webhook alerts', () => {
  it.each(DIALECTS)('delivers JSON and Slack payloads on open and resolve, retrying 500s with backoff ($name)', async ({ url }) => {
    rx = await receiver([500, 500, 200]);
    ctx = await makeCtx({
      url: await url(),
      config: baseConfig({ alerts: { webhooks: [{ url: `${rx.url}/json`, format: 'json' }, { url: `${rx.url}/slack`, format: 'slack' }] } }),
    });
    const s = fleetSettings(ctx.config);
    // Real time for the outbox (its backoff), movable time for the detector.
    const outbox = new AlertOutbox({ db: ctx.db, now: () => Date.now(), log: ctx.log, settings: { ...s.alerts, retryBaseMs: 30, maxAttempts: 5 }, pollMs: 20 });
    const detector = new IncidentDetector({ db: ctx.db, now: ctx.now, log: ctx.log, settings: s.incidents, apps: ['smartcart'], outbox });
    outbox.start();
    ctx.onClose(() => outbox.stop());

    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
    const [inc] = (await detector.tick()).opened;
    await until(() => rx!.got.length === 2);
    const json = rx.got.find((g) => g.path === '/json')!;
    expect(json.type).toBe('application/json');
    expect(json.body).toMatchObject({
      type: 'lifeboat.incident.opened',
      incident: { id: inc.id, app: 'smartcart', guard: 'cart', state: 'open', failureShare: 1, shops: 5, calls: 200 },
      statusMode: 'auto',
    });
    const slack = rx.got.find((g) => g.path === '/slack')!.body as { text: string; blocks: { type: string }[] };
    expect(slack.text).toContain(`incident ${inc.id} OPENED on smartcart/cart`);
    expect(slack.blocks[0].type).toBe('section');

    const sent = async () => ctx!.db.query<{ state: string; attempts: number }>(`SELECT state, attempts FROM alert_outbox WHERE state = 'sent'`);
    await until(async () => (await sent()).length === 2);
    const rows = await sent();
    expect(rows.reduce((a, r) => a + r.attempts, 0)).toBe(4); // two 500s, then both delivered

    ctx.clock.t += 3 * 60_000;
    await detector.tick();
    ctx.clock.t += 2 * 60_000;
    expect((await detector.tick()).resolved).toHaveLength(1);
    await until(() => rx!.got.length === 4);
    expect(rx.got.slice(2).map((g) => (g.body as { type?: string; text: string }).type ?? 'slack')).toEqual(
      expect.arrayContaining(['lifeboat.incident.resolved', 'slack']),
    );
  });

  it('gives up after the last attempt, without blocking detection', async () => {
    rx = await receiver([503]);
    ctx = await makeCtx({ config: baseConfig({ alerts: { webhooks: [{ url: rx.url, format: 'json' }] } }) });
    const s = fleetSettings(ctx.config);
    const outbox = new AlertOutbox({ db: ctx.db, now: () => Date.now(), log: ctx.log, settings: { ...s.alerts, retryBaseMs: 10, maxAttempts: 3 }, pollMs: 10 });
    const detector = new IncidentDetector({ db: ctx.db, now: ctx.now, log: ctx.log, settings: s.incidents, apps: ['smartcart'], outbox });
    outbox.start();
    ctx.onClose(() => outbox.stop());
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
    expect((await detector.tick()).opened).toHaveLength(1);
    await until(async () => (await ctx!.db.query(`SELECT state FROM alert_outbox WHERE state = 'failed'`)).length === 1);
    const [row] = await ctx.db.query<{ attempts: number; last_error: string }>(`SELECT attempts, last_error FROM alert_outbox`);
    expect(row).toEqual({ attempts: 3, last_error: 'HTTP 503' });
  });

  it('an alert queued before a restart is delivered by the next process', async () => {
    rx = await receiver([200]);
    const file = join(tmpdir(), `lifeboat-fleet-outbox-${process.pid}-${Date.now()}.db`);
    files.push(file);
    const config = baseConfig({ alerts: { webhooks: [{ url: rx.url, format: 'json' }] } });
    // First process: detects, queues, and dies before delivering (its outbox never starts).
    const db1 = openDb(file);
    ctx = await makeCtx({ config, db: db1 });
    const s = fleetSettings(ctx.config);
    const dead = new AlertOutbox({ db: ctx.db, now: () => Date.now(), log: ctx.log, settings: s.alerts });
    dead.kick = () => undefined;
    const detector = new IncidentDetector({ db: ctx.db, now: ctx.now, log: ctx.log, settings: s.incidents, apps: ['smartcart'], outbox: dead });
    await traffic(ctx.db, ctx.clock.t, { shops: 5, perShop: 40, share: 1 });
    await detector.tick();
    await ctx.closeAll();
    expect(rx.got).toHaveLength(0);
    // Second process on the same file delivers it.
    const db2 = openDb(file);
    await migrate(db2, [...ingestMigrations, ...fleetMigrations]);
    ctx = await makeCtx({ config, db: db2, migrateDb: false });
    const outbox = new AlertOutbox({ db: ctx.db, now: () => Date.now(), log: ctx.log, settings: s.alerts, pollMs: 20 });
    outbox.start();
    ctx.onClose(() => outbox.stop());
    await until(() => rx!.got.length === 1);
    expect(rx.got[0].body).toMatchObject({ type: 'lifeboat.incident.opened' });
  });
});
