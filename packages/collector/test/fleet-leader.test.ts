import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncidentDetector, LEADER_LOCK } from '../src/fleet/incidents/detector.js';
import { fleetMigrations } from '../src/fleet/store/fleetMigrations.js';
import { fleetSettings } from '../src/fleet/settings.js';
import { ingestMigrations } from '../src/db/index.js';
import { dropSchema, makeCtx, pgSchema, traffic, type TestCtx } from './fleet-support.js';

// Two collector contexts on one PostgreSQL: the advisory lock lets only one detect at a time.
const pgTarget = await pgSchema('lifeboat_fleet_leader');
if ('skip' in pgTarget) console.warn(`[fleet-leader] skipped: ${pgTarget.skip}`);

describe.skipIf('skip' in pgTarget)('incident detection leader on PostgreSQL', () => {
  let a: TestCtx;
  let b: TestCtx;
  beforeAll(async () => {
    const url = (pgTarget as { url: string }).url;
    a = await makeCtx({ url });
    b = await makeCtx({ url }); // runs the migrations again: already applied, nothing to do
    expect(ingestMigrations.length + fleetMigrations.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await a?.closeAll();
    await b?.closeAll();
    await dropSchema('lifeboat_fleet_leader');
  });

  it('while one process holds the lock the other does not detect; the incident is opened once', async () => {
    const detector = (ctx: TestCtx) =>
      new IncidentDetector({ db: ctx.db, now: ctx.now, log: ctx.log, settings: fleetSettings(ctx.config).incidents, apps: ['smartcart'] });
    const da = detector(a);
    const db = detector(b);
    await traffic(a.db, a.clock.t, { shops: 5, perShop: 40, share: 1 });

    // A holds the lock (as if mid-evaluation): B's tick must not run the state machine.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const inLock = new Promise<void>((r) => (entered = r));
    const holder = a.db.withLeaderLock(LEADER_LOCK, async () => {
      entered();
      await held;
    });
    await inLock;
    const tb = await db.tick();
    expect(tb).toEqual({ ran: false, opened: [], resolved: [] });
    release();
    expect((await holder).ran).toBe(true);

    // Both tick at once, many times: exactly one incident, opened once.
    const results = await Promise.all([da.tick(), db.tick(), da.tick(), db.tick()]);
    expect(results.flatMap((r) => r.opened)).toHaveLength(1);
    const rows = await b.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM incidents WHERE app = 'smartcart' AND guard = 'cart'`);
    expect(Number(rows[0].n)).toBe(1);
    const tl = await a.db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM incident_timeline WHERE kind = 'opened'`);
    expect(Number(tl[0].n)).toBe(1);
  });
});
