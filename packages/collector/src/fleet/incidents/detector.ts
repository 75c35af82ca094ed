import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/types.js';
import type { AlertOutbox } from '../alerts/outbox.js';
import { rowRecoveryAt } from '../status/document.js';
import { rampMove, ramping, recentEvidence, RAMP_DWELL_MS, type RampEvidence, type RampSample } from '../status/ramp.js';
import { decide } from './evaluate.js';
import { createIncident, openIncidents, resolveIncident, touchIncident, type Incident } from './incidentStore.js';
import type { FleetGauges } from '../health/gauges.js';
import { allModes, detectorMayChange, DETECTOR, modeOf, setMode, type GuardMode } from '../status/modes.js';
import type { IncidentSettings } from '../settings.js';
import { appShops, readAppWindows, readWindows, type GuardWindow } from '../health/window.js';
import { minuteOf } from '../store/columnValues.js';
import type { KnownGuards } from '../guards/known.js';

export const LEADER_LOCK = 'lifeboat-incidents';

export interface DetectorOptions {
  db: Db;
  now(): number;
  log: Pick<FastifyBaseLogger, 'warn' | 'error' | 'info'>;
  settings: IncidentSettings;
  /** The configured app names (each app's window is read with its own indexed queries). */
  apps: string[];
  outbox?: AlertOutbox;
  gauges?: FleetGauges;
  /** Without it every guard counts as known (unit tests of the state machine). */
  guards?: KnownGuards;
}

export interface TickResult {
  /** False when another process holds the leader lock (or detection is disabled). */
  ran: boolean;
  opened: Incident[];
  resolved: Incident[];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const key = (app: string, guard: string) => `${app}\u0000${guard}`;

/**
 * Fleet-wide incident detection. Every process reads the window (for its gauges); only the
 * holder of the leader lock runs the state machine and writes incidents, modes and alerts.
 */
export class IncidentDetector {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  /**
   * Per ramping guard: the counts summed from `fromMinute` (the minute its limit last changed,
   * `at`), sampled each tick; the difference between two samples is what reached the collector
   * in between. Kept in memory: a new leader starts sampling afresh and decides a tick later.
   */
  private samples = new Map<string, { at: number; fromMinute: number; list: RampSample[] }>();
  /** Called after a tick that wrote modes (the status route drops its rendered documents). */
  onChange: (() => void) | undefined;

  constructor(private readonly o: DetectorOptions) {}

  start(): void {
    this.timer = setInterval(() => {
      if (this.running) return; // a slow tick is never stacked
      this.running = this.tick()
        .catch((err) => this.o.log.error({ err }, 'incident evaluation failed'))
        .finally(() => (this.running = undefined));
    }, this.o.settings.evaluateEveryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<TickResult> {
    const s = this.o.settings;
    const now = this.o.now();
    let windows = await readWindows(this.o.db, this.o.apps, now, s.windowMinutes);
    const guards = this.o.guards;
    if (guards) {
      await guards.load();
      for (const w of await guards.discover(windows)) this.o.log.info({ app: w.app, guard: w.guard, shops: w.shops, clients: w.clients }, 'new guard admitted: reported by enough distinct shops and clients');
      // Unknown names get no incident, no mode and no metric series.
      windows = windows.filter((w) => guards.isKnown(w.app, w.guard));
    }
    if (!s.enabled) {
      this.o.gauges?.update(windows, await openIncidents(this.o.db));
      return { ran: false, opened: [], resolved: [] };
    }
    const locked = await this.o.db.withLeaderLock(LEADER_LOCK, () => this.evaluate(windows, now));
    if (locked.ran) this.onChange?.();
    this.o.gauges?.update(windows, await openIncidents(this.o.db));
    return locked.ran && locked.value ? { ran: true, ...locked.value } : { ran: false, opened: [], resolved: [] };
  }

  private async evaluate(windows: GuardWindow[], now: number): Promise<Omit<TickResult, 'ran'>> {
    const s = this.o.settings;
    const db = this.o.db;
    const byKey = new Map(windows.map((w) => [key(w.app, w.guard), w]));
    const shopsOf = new Map<string, number>();
    const moved = new Map<string, number>();
    for (const m of await allModes(db)) {
      if (m.setBy !== DETECTOR || m.mode !== 'open') continue;
      moved.set(m.app, (moved.get(m.app) ?? 0) + (byKey.get(key(m.app, m.guard))?.shops ?? 0));
    }
    const open = new Map((await openIncidents(db)).map((i) => [key(i.app, i.guard), i]));
    const opened: Incident[] = [];
    const resolved: Incident[] = [];
    for (const k of new Set([...byKey.keys(), ...open.keys()])) {
      const w = byKey.get(k);
      const inc = open.get(k);
      const d = decide(w, inc, s, now);
      if (d.kind === 'open' && w) {
        const current = await modeOf(db, w.app, w.guard);
        let held: string | null = null;
        if (s.autoOpen && detectorMayChange(current)) {
          if (!shopsOf.has(w.app)) shopsOf.set(w.app, await appShops(db, w.app, now, s.windowMinutes));
          held = blastRadius(w, shopsOf.get(w.app)!, moved.get(w.app) ?? 0, s);
        }
        const auto = s.autoOpen && detectorMayChange(current) && held === null;
        const created = await createIncident(db, w, d.cause, now, auto);
        if (auto) moved.set(w.app, (moved.get(w.app) ?? 0) + w.shops);
        if (held) this.o.log.warn({ incident: created.id, app: w.app, guard: w.guard, held }, 'automatic open held back by the blast-radius cap; an admin may open the guard');
        const mode = await this.onOpened(created, current, w, now, held);
        opened.push(created);
        await this.o.outbox?.enqueue('opened', created, mode);
        this.o.log.warn({ incident: created.id, app: w.app, guard: w.guard, cause: d.cause, share: w.failureShare, shops: w.affectedShops }, 'incident opened');
      } else if ((d.kind === 'hold' || d.kind === 'calming') && inc) {
        await touchIncident(db, inc, w, now, d.kind === 'hold' && d.peak, d.calmSince);
      } else if (d.kind === 'resolve' && inc) {
        const done = await resolveIncident(db, inc, w, now);
        await this.onResolved(done, now);
        resolved.push(done);
        await this.o.outbox?.enqueue('resolved', done, 'auto');
        this.o.log.info({ incident: done.id, app: done.app, guard: done.guard }, 'incident resolved');
      }
    }
    await this.ramp(await allModes(db), now);
    await this.finishRecoveries(await allModes(db), now);
    await this.o.outbox?.prune();
    return { opened, resolved };
  }

  /**
   * With autoOpen the guard fails fast everywhere; without, the document still names the
   * incident and limits probing to the first recovery step so the failing backend gets room.
   * A person's own `open`/`closed` is never overridden. Returns the resulting mode.
   */
  private async onOpened(inc: Incident, current: GuardMode | undefined, w: GuardWindow, now: number, held: string | null = null): Promise<string> {
    const s = this.o.settings;
    if (!detectorMayChange(current)) return current!.mode;
    const why = inc.cause === 'breakers' ? `breakers opened in ${pct(w.openShare)} of shops` : `${pct(w.failureShare)} of calls failing`;
    if (inc.autoOpened) {
      await setMode(
        this.o.db,
        { app: inc.app, guard: inc.guard, mode: 'open', reason: `Incident ${inc.id}: ${why}`, incident: inc.id, probe: null, banner: s.banner, setBy: DETECTOR, recoveryStarted: null },
        now,
        DETECTOR,
        'auto-open',
      );
      return 'open';
    }
    await setMode(
      this.o.db,
      { app: inc.app, guard: inc.guard, mode: 'auto', reason: `Incident ${inc.id}: ${why}${held ? `; automatic open held back (${held})` : ''}`, incident: inc.id, probe: s.recoverySteps[0], banner: null, setBy: DETECTOR, recoveryStarted: null },
      now,
      DETECTOR,
      held ? 'auto-open-held' : 'incident-probe-limit',
    );
    return 'auto';
  }

  /** Starts the probe ramp on the guard, if the mode is still the detector's own. */
  private async onResolved(inc: Incident, now: number): Promise<void> {
    const current = await modeOf(this.o.db, inc.app, inc.guard);
    if (!current || current.setBy !== DETECTOR || current.incident !== inc.id) return;
    await setMode(
      this.o.db,
      // A limit the probes already ramped up stays where it is: the recovery goes on from there.
      { app: inc.app, guard: inc.guard, mode: 'auto', reason: `Recovering after incident ${inc.id}`, incident: inc.id, probe: current.mode === 'auto' ? current.probe : null, banner: null, setBy: DETECTOR, recoveryStarted: now },
      now,
      DETECTOR,
      'recovery-started',
    );
  }

  /** Moves each ramping guard's probe limit by what its probes reported since it last changed. */
  private async ramp(modes: GuardMode[], now: number): Promise<void> {
    const s = this.o.settings;
    const live = new Set<string>();
    // One read of an app's windows per starting minute and tick, shared by its ramping guards
    // (the read covers every guard of the app; setMode below changes modes, not windows).
    const reads = new Map<string, Promise<GuardWindow[]>>();
    const windowsFrom = (app: string, fromMinute: number) => {
      const rk = `${app} ${fromMinute}`;
      let r = reads.get(rk);
      if (!r) reads.set(rk, (r = readAppWindows(this.o.db, app, now, Math.max(0, (minuteOf(now) - fromMinute) / 60_000))));
      return r;
    };
    for (const m of modes) {
      if (!ramping(m)) continue;
      const k = key(m.app, m.guard);
      live.add(k);
      const since = m.updatedAt;
      const sum = async (fromMinute: number): Promise<RampEvidence> => {
        const w = (await windowsFrom(m.app, fromMinute)).find((x) => x.guard === m.guard);
        return { attempts: w?.attempts ?? 0, bad: w?.bad ?? 0 };
      };
      let track = this.samples.get(k);
      if (!track || track.at !== since) this.samples.set(k, (track = { at: since, fromMinute: minuteOf(since), list: [] }));
      track.list.push({ at: now, ...(await sum(track.fromMinute)) });
      // Samples older than the evidence span are not needed but the one the span starts from.
      while (track.list.length > 2 && track.list[1].at <= now - RAMP_DWELL_MS) track.list.shift();
      if (track.list.length < 2) continue;
      const move = rampMove(m, recentEvidence(track.list, now), s, now, since);
      if (move.kind === 'wait') continue;
      const plain = move.kind === 'done';
      await setMode(
        this.o.db,
        plain
          ? { app: m.app, guard: m.guard, mode: 'auto', reason: null, incident: null, probe: null, banner: null, setBy: DETECTOR, recoveryStarted: null }
          : { ...m, probe: move.probe },
        now,
        DETECTOR,
        plain ? 'recovery-finished' : move.kind === 'up' ? 'probe-ramp-up' : 'probe-ramp-down',
      );
      if (!plain) this.samples.set(k, { at: now, fromMinute: minuteOf(now), list: [{ at: now, ...(await sum(minuteOf(now))) }] });
    }
    for (const k of this.samples.keys()) if (!live.has(k)) this.samples.delete(k);
  }

  /** A finished ramp leaves a plain row (kept, so the document's generatedAt never goes back). */
  private async finishRecoveries(modes: GuardMode[], now: number): Promise<void> {
    const r = { steps: this.o.settings.recoverySteps, stepMs: this.o.settings.recoveryStepMs };
    for (const m of modes) {
      if (m.setBy !== DETECTOR || m.recoveryStarted === null) continue;
      const at = rowRecoveryAt(m, now, r);
      if (!('done' in at)) continue;
      await setMode(
        this.o.db,
        { app: m.app, guard: m.guard, mode: 'auto', reason: null, incident: null, probe: null, banner: null, setBy: DETECTOR, recoveryStarted: null },
        at.since,
        DETECTOR,
        'recovery-finished',
      );
    }
  }
}

/**
 * The blast-radius cap of automatic opening (like Envoy's max_ejection_percent): null when the
 * guard may be opened for every store, else why not. `moved` is the shops of guards already
 * opened automatically.
 */
export function blastRadius(w: GuardWindow, appShopCount: number, moved: number, s: IncidentSettings): string | null {
  const minShops = Math.max(s.minShops, s.guardMinShops);
  if (w.shops < minShops) return `the guard was seen from ${w.shops} shops, fewer than ${minShops}`;
  const share = appShopCount > 0 ? (moved + w.shops) / appShopCount : 1;
  if (share > s.autoOpenMaxShare) return `it would move ${pct(Math.min(1, share))} of the app's shops, more than incidents.autoOpenMaxShare = ${pct(s.autoOpenMaxShare)}`;
  return null;
}
