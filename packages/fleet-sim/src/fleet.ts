/**
 * The collector in the loop: beacons' counts reach it after a delay, its real incident decision
 * (`decide`) runs every `evaluateEveryMs` over the last `windowMinutes`, the detector's mode
 * changes are mirrored on `GuardMode` rows, and its real `buildStatusDocument` renders what the
 * origin serves. A vendor's kill switch is one more row change. In front, a CDN per edge location
 * caches the document (`max-age`, `stale-while-revalidate`) and the sim counts what reaches the origin.
 */
import type { StatusDocument } from '@lifeboat/schema';
import { decide, type OpenIncident } from '../../collector/src/fleet/incidents/evaluate.js';
import { blastRadius } from '../../collector/src/fleet/incidents/detector.js';
import { buildStatusDocument, rowRecoveryAt } from '../../collector/src/fleet/status/document.js';
import { rampMove, ramping, recentEvidence, RAMP_DWELL_MS, type RampSample } from '../../collector/src/fleet/status/ramp.js';
import { DETECTOR, type GuardMode } from '../../collector/src/fleet/status/modes.js';
import { INCIDENT_DEFAULTS, type IncidentSettings } from '../../collector/src/fleet/settings.js';
import type { GuardWindow } from '../../collector/src/fleet/health/window.js';

export const APP = 'smartcart';
export const GUARD = 'cart';

/** One minute of one shop's beacons, as the rollups hold them. */
interface Counts {
  success: number;
  bad: number;
  reject: number;
  /** The shop's breaker opened on failures (a transition event). */
  opened: boolean;
  /** Browsers (each its own network address) that reported, and those that saw trouble. */
  clients: Set<number>;
  affected: Set<number>;
}

export interface FleetOptions {
  /** The collector's incident settings (defaults: the collector's, with `autoOpen`). */
  incidents?: Partial<IncidentSettings>;
  /** ms between a browser's event and the collector counting it (beacon flush + ingest). */
  detectionDelayMs: number;
  /** CDN `max-age` (and `stale-while-revalidate`), seconds. */
  cdnMaxAgeSeconds: number;
  /** Edge locations, each with its own cache; browsers are spread over them. */
  cdnEdges: number;
  /** The vendor sets the guard to `open` at this ms since the start (and back to `auto` at `killUntil`). */
  killAt?: number;
  killUntil?: number;
  /** Detection off: nothing but the vendor's switch changes the document. */
  detect: boolean;
}

export class Fleet {
  readonly s: IncidentSettings;
  private minutes = new Map<number, Map<string, Counts>>();
  private row: GuardMode | undefined;
  private incident: (OpenIncident & { n: number }) | undefined;
  private n = 0;
  private doc: StatusDocument;
  private body: string;
  private edges: Array<{ at: number; body: string; busy: boolean }>;
  /** Requests that reached the origin since the last `take()`. */
  origin = 0;
  /** Incidents opened (ids), with when. */
  readonly log: Array<{ at: number; what: string }> = [];

  constructor(
    private readonly o: FleetOptions,
    private readonly start: number,
  ) {
    this.s = { ...INCIDENT_DEFAULTS, autoOpen: true, ...o.incidents };
    this.doc = buildStatusDocument([], start, this.recovery());
    this.body = JSON.stringify(this.doc);
    this.edges = Array.from({ length: o.cdnEdges }, () => ({ at: -Infinity, body: this.body, busy: false }));
    if (o.detect) setInterval(() => this.evaluate(), this.s.evaluateEveryMs);
    if (o.killAt !== undefined) setTimeout(() => this.kill('open'), o.killAt);
    if (o.killUntil !== undefined) setTimeout(() => this.kill('auto'), o.killUntil);
  }

  private recovery() {
    return { steps: this.s.recoverySteps, stepMs: this.s.recoveryStepMs };
  }

  /** A page's calls and transitions, counted `detectionDelayMs` later (as beacons arrive). */
  report(shop: string, client: number, c: Partial<Omit<Counts, 'clients' | 'affected'>>) {
    const at = Date.now();
    setTimeout(() => {
      const minute = Math.floor(at / 60_000) * 60_000;
      let m = this.minutes.get(minute);
      if (!m) this.minutes.set(minute, (m = new Map()));
      let x = m.get(shop);
      if (!x) m.set(shop, (x = { success: 0, bad: 0, reject: 0, opened: false, clients: new Set(), affected: new Set() }));
      x.success += c.success ?? 0;
      x.bad += c.bad ?? 0;
      x.reject += c.reject ?? 0;
      x.opened ||= !!c.opened;
      x.clients.add(client);
      if (c.bad || c.opened) x.affected.add(client);
    }, this.o.detectionDelayMs);
  }

  /** The window as `readAppWindows` sums it: the last `windowMinutes` minutes plus the current one (or from minute `from`). */
  private window(now: number, from = Math.floor(now / 60_000) * 60_000 - this.s.windowMinutes * 60_000): GuardWindow | undefined {
    const shops = new Map<string, Counts>();
    const clients = new Set<number>();
    const affectedClients = new Set<number>();
    for (const [minute, m] of this.minutes) {
      if (minute < from) {
        // Kept while a ramp's baseline may still sum it.
        if (minute < Math.floor(now / 60_000) * 60_000 - Math.max(this.s.windowMinutes, 10) * 60_000) this.minutes.delete(minute);
        continue;
      }
      for (const [shop, c] of m) {
        const y = shops.get(shop) ?? { success: 0, bad: 0, reject: 0, opened: false, clients, affected: affectedClients };
        c.clients.forEach((x) => clients.add(x));
        c.affected.forEach((x) => affectedClients.add(x));
        y.success += c.success;
        y.bad += c.bad;
        y.reject += c.reject;
        y.opened ||= c.opened;
        shops.set(shop, y);
      }
    }
    if (!shops.size) return undefined;
    let [success, bad, reject, affected, opened] = [0, 0, 0, 0, 0];
    for (const c of shops.values()) {
      success += c.success;
      bad += c.bad;
      reject += c.reject;
      if (c.bad > 0 || c.opened) affected++;
      if (c.opened) opened++;
    }
    const attempts = success + bad;
    return {
      app: APP, guard: GUARD, attempts, bad, reject, calls: attempts + reject, shops: shops.size,
      affectedShops: affected, openShops: opened, clients: clients.size, affectedClients: affectedClients.size,
      failureShare: attempts ? bad / attempts : 0, openShare: opened / shops.size,
    };
  }

  private set(next: Omit<GuardMode, 'app' | 'guard' | 'updatedAt'>, at: number, what: string) {
    this.row = { app: APP, guard: GUARD, ...next, updatedAt: at };
    this.log.push({ at: at - this.start, what });
  }

  /** One detector tick, as IncidentDetector.evaluate does it for one guard. */
  private evaluate() {
    const now = Date.now();
    const w = this.window(now);
    const d = decide(w, this.incident, this.s, now);
    const mine = !this.row || this.row.setBy === DETECTOR;
    if (d.kind === 'open' && w) {
      const id = `inc_${++this.n}`;
      this.incident = { id, app: APP, guard: GUARD, openedAt: now, calmSince: null, peakShare: w.failureShare, peakShops: w.affectedShops, n: this.n };
      // The collector's blast-radius cap: an automatic open that would move more than
      // autoOpenMaxShare of the app's shops is held back (the probe limit applies instead).
      const held = this.s.autoOpen ? blastRadius(w, w.shops, 0, this.s) : null;
      if (mine) {
        if (this.s.autoOpen && held === null) this.set({ mode: 'open', reason: `Incident ${id}`, incident: id, probe: null, banner: this.s.banner, setBy: DETECTOR, recoveryStarted: null }, now, `${id} opened: status open`);
        else this.set({ mode: 'auto', reason: `Incident ${id}`, incident: id, probe: this.s.recoverySteps[0], banner: null, setBy: DETECTOR, recoveryStarted: null }, now, `${id} opened: probe limit`);
      }
    } else if ((d.kind === 'hold' || d.kind === 'calming') && this.incident) {
      this.incident.calmSince = d.calmSince;
    } else if (d.kind === 'resolve' && this.incident) {
      const id = this.incident.id;
      this.incident = undefined;
      if (this.row && this.row.setBy === DETECTOR && this.row.incident === id)
        this.set({ mode: 'auto', reason: `Recovering after incident ${id}`, incident: id, probe: this.row.mode === 'auto' ? this.row.probe : null, banner: null, setBy: DETECTOR, recoveryStarted: now }, now, `${id} resolved: recovery ramp`);
    }
    this.ramp(now);
    const m = this.row;
    if (m && m.setBy === DETECTOR && m.recoveryStarted !== null) {
      const at = rowRecoveryAt(m, now, this.recovery());
      if ('done' in at) this.set({ mode: 'auto', reason: null, incident: null, probe: null, banner: null, setBy: DETECTOR, recoveryStarted: null }, at.since, 'recovery finished');
    }
    this.render(now);
  }

  /** As IncidentDetector.ramp: the probe limit moves by what arrived in the last RAMP_DWELL_MS. */
  private track: { at: number; fromMinute: number; list: RampSample[] } | undefined;
  private ramp(now: number) {
    const m = this.row;
    if (!m || !ramping(m)) return (this.track = undefined);
    // What readAppWindows' attempts and bad are, without the distinct-client sets the ramp does not read.
    const sum = (fromMinute: number) => {
      let attempts = 0;
      let bad = 0;
      for (const [minute, m] of this.minutes)
        if (minute >= fromMinute)
          for (const c of m.values()) {
            attempts += c.success + c.bad;
            bad += c.bad;
          }
      return { attempts, bad };
    };
    let t = this.track;
    if (!t || t.at !== m.updatedAt) t = this.track = { at: m.updatedAt, fromMinute: Math.floor(m.updatedAt / 60_000) * 60_000, list: [] };
    t.list.push({ at: now, ...sum(t.fromMinute) });
    while (t.list.length > 2 && t.list[1].at <= now - RAMP_DWELL_MS) t.list.shift();
    if (t.list.length < 2) return;
    const ev = recentEvidence(t.list, now);
    const move = rampMove(m, ev, this.s, now, m.updatedAt);
    if (move.kind === 'wait') return;
    if (move.kind === 'done') return this.set({ mode: 'auto', reason: null, incident: null, probe: null, banner: null, setBy: DETECTOR, recoveryStarted: null }, now, 'recovery finished (probes held)');
    const { app: _a, guard: _g, updatedAt: _u, ...rest } = m;
    this.set({ ...rest, probe: move.probe }, now, `probe ${move.kind} to ${move.probe}`);
    const fromMinute = Math.floor(now / 60_000) * 60_000;
    this.track = { at: now, fromMinute, list: [{ at: now, ...sum(fromMinute) }] };
  }

  /** The vendor's kill switch (a person's row: the detector never overrides it). */
  private kill(mode: 'open' | 'auto') {
    const now = Date.now();
    this.set({ mode, reason: mode === 'open' ? 'Vendor kill switch' : null, incident: null, probe: null, banner: null, setBy: 'vendor', recoveryStarted: null }, now, `kill switch ${mode}`);
    this.render(now);
  }

  private render(now: number) {
    this.doc = buildStatusDocument(this.row ? [this.row] : [], now, this.recovery());
    this.body = JSON.stringify(this.doc);
  }

  /** The document now at the origin. */
  get current(): StatusDocument {
    return this.doc;
  }

  /**
   * A browser's status request through its CDN edge: fresh for max-age, then served stale for
   * one more while one background revalidation reaches the origin; older: the request waits
   * for the origin. The origin answers after `originMs`.
   */
  fetchVia(edge: number, etag: string | undefined, originMs = 50, edgeMs = 20): Promise<Response> {
    const e = this.edges[edge % this.edges.length];
    const now = Date.now();
    const age = now - e.at;
    const maxAge = this.o.cdnMaxAgeSeconds * 1000;
    const answer = (body: string) => reply(etag === tag(body) ? 304 : 200, body);
    const refill = () => {
      this.origin++;
      e.busy = true;
      return new Promise<void>((r) =>
        setTimeout(() => {
          e.at = Date.now();
          e.body = this.body;
          e.busy = false;
          r();
        }, originMs),
      );
    };
    const soon = (body: string) => new Promise<Response>((r) => setTimeout(() => r(answer(body)), edgeMs));
    if (age < maxAge) return soon(e.body);
    if (age < 2 * maxAge) {
      if (!e.busy) void refill();
      return soon(e.body);
    }
    return (e.busy ? new Promise<void>((r) => setTimeout(r, originMs)) : refill()).then(() => answer(e.body));
  }

  /** When the document an edge holds was generated (its content's last change). */
  edgeAt(edge: number): number {
    return JSON.parse(this.edges[edge % this.edges.length].body).generatedAt;
  }

  take() {
    const r = this.origin;
    this.origin = 0;
    return r;
  }
}

/** What the status client reads of a Response (undici's streams would cost more than the page). */
function reply(status: number, body: string): Response {
  const etag = tag(body);
  return { status, ok: status < 300, headers: { get: (h: string) => (h === 'etag' ? etag : null) }, json: async () => JSON.parse(body) } as unknown as Response;
}

/** The ETag of a body: its generatedAt is enough to tell documents apart here. */
const tag = (body: string) => `"${body.length}-${hash(body)}"`;
function hash(s: string) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
}
