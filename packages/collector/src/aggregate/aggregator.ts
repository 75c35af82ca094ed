import type { FastifyBaseLogger } from 'fastify';
import { LATENCY_OFFSET, LATENCY_SLOTS, OUTCOMES, SUMMARY_KIND, type BeaconBatch } from '@lifeboat/schema';
import type { Db } from '../db/types.js';
import type { IngestMetrics } from '../metrics.js';
import { BrowserTally, upsertBrowserRows } from './browsers.js';
import { COUNTERS, type EventRow, type ReportRow, type RollupRow, type SourceRow } from './rollupRows.js';
import { CELL_CAP, insertEvents, insertReports, markJournal, upsertRollups, upsertSources, writeIsolated, type DeadLetter } from './flushWrites.js';

/*
 * Where each outcome's count goes in a bucket (OUTCOMES order), looked up once at load. The hot
 * loop below reads a summary's fields by name (a fixed property load, not a lookup by a key held
 * in a variable) and adds them at these positions; aggregator.test.ts checks every outcome lands
 * in its own column, so an outcome added to OUTCOMES and not here fails it.
 */
const SUCCESS = OUTCOMES.indexOf('success');
const FAILURE = OUTCOMES.indexOf('failure');
const TIMEOUT = OUTCOMES.indexOf('timeout');
const REJECT = OUTCOMES.indexOf('reject');
const FALLBACK = OUTCOMES.indexOf('fallback');

/** Events are bucketed by 10 s in memory, then summed per minute when written. */
export const BUCKET_MS = 10_000;
export const MINUTE_MS = 60_000;

interface Bucket {
  app: string;
  shop: string;
  guard: string;
  at: number;
  c: number[];
}

/** app\0shop → guard → 10-second bucket start → counts. Nested maps: no key strings built per event. */
type Buckets = Map<string, Map<string, Map<number, Bucket>>>;

/** app\0guard\0minute → client → bad (0/1). */
type Sources = Map<string, Map<string, number>>;

interface State {
  buckets: Buckets;
  rows: EventRow[];
  reports: ReportRow[];
  sources: Sources;
  events: number;
}

const emptyState = (): State => ({ buckets: new Map(), rows: [], reports: [], sources: new Map(), events: 0 });

/**
 * Distinct clients remembered per (app, guard, minute) and flush: enough to pass any sensible
 * `incidents.minClients`, and a bound on what one guard name can make us store.
 */
export const SOURCES_PER_GUARD_MINUTE = 64;

/** Hooks into the write-ahead journal: seal the current segment at swap, mark it after commit. */
export interface FlushJournal {
  id: string;
  seal(): number;
  committed(segment: number): void;
}

export interface AggregatorOptions {
  db: Db;
  log: FastifyBaseLogger;
  metrics: IngestMetrics;
  now: () => number;
  maxEventAgeMs: number;
  eventsPerShopPerMinute: number;
  /**
   * Whether calls of this guard may be stored (declared and known guards always; a bounded number
   * of other names per app and minute). Default: every guard.
   */
  admitGuard?: (app: string, guard: string, minute: number) => boolean;
}

export interface FlushInfo {
  rollups: number;
  events: number;
  reports: number;
  /** Rows the store refused, moved to `dead_letters` (the rest of the flush was stored). */
  deadLetters: number;
  /** Minute starts that received counts. */
  minutes: number[];
}

/**
 * Aggregates accepted beacons in memory; `flush()` writes them in one transaction. The request
 * path only ever calls the synchronous `add*` methods: it never waits for the database.
 */
export class Aggregator {
  private state = emptyState();
  /** Rows stored per (app, shop, minute), to cap raw events per shop per minute. */
  private rowCaps = new Map<string, number>();
  private flushing: Promise<FlushInfo> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private listeners: ((info: FlushInfo) => void)[] = [];
  journal: FlushJournal | null = null;
  /**
   * Set when batches reach the aggregator some time after their journal write (the shared
   * dedupe claim runs in between): a flush that sealed segment N waits for those of segments
   * ≤ N before it takes the state, and holds back later ones until it has (see addJournaled).
   */
  settle: ((segment: number) => Promise<void>) | null = null;
  private sealedAt: number | null = null;
  private deferred: (() => void)[] = [];

  /**
   * Runs `add` (which adds a batch journaled in `segment`) now, or right after the running
   * flush took its state if the batch belongs to a later segment than the one that flush stores.
   */
  addJournaled(segment: number | undefined, add: () => void): void {
    if (segment !== undefined && this.sealedAt !== null && segment > this.sealedAt) this.deferred.push(add);
    else add();
  }

  private releaseDeferred(): void {
    this.sealedAt = null;
    const d = this.deferred;
    this.deferred = [];
    for (const add of d) add();
  }

  /** Browsers reporting per guard and minute, and the status document they obey (dashboard, rollout). */
  readonly browsers = new BrowserTally(() => this.opts.metrics.dropped.inc({ reason: 'status_at_cap' }));
  /** Set while flushes fail: since when (epoch ms) and the last error (for /readyz). */
  failing: { since: number; reason: string } | null = null;

  constructor(private readonly opts: AggregatorOptions) {}

  /** Events accepted but not written yet. */
  pending(): number {
    return this.state.events + (this.inFlight?.events ?? 0);
  }
  private inFlight: State | null = null;

  /** Called after every successful flush (the fleet plugin may evaluate right after). */
  onFlush(fn: (info: FlushInfo) => void): void {
    this.listeners.push(fn);
  }

  /** Notes that `client` reported `guard` in the minute of `at`, and whether it saw it failing. */
  private source(app: string, guard: string, at: number, client: string, bad: boolean): void {
    const key = `${app}\u0000${guard}\u0000${at - (at % MINUTE_MS)}`;
    let clients = this.state.sources.get(key);
    if (!clients) this.state.sources.set(key, (clients = new Map()));
    const was = clients.get(client);
    if (was === undefined) {
      if (clients.size < SOURCES_PER_GUARD_MINUTE) clients.set(client, bad ? 1 : 0);
    } else if (bad && was === 0) clients.set(client, 1);
  }

  /**
   * Adds one validated batch received at `receivedAt` (epoch ms) from `client` (a salted hash of
   * its address; empty when unknown, e.g. a replay of an old journal).
   */
  addBatch(batch: BeaconBatch, receivedAt: number, client = ''): void {
    const s = this.state;
    const { app, shop } = batch;
    const prefix = `${app}\u0000${shop}\u0000`;
    let byGuard = s.buckets.get(prefix);
    if (!byGuard) s.buckets.set(prefix, (byGuard = new Map()));
    const maxAge = this.opts.maxEventAgeMs;
    const admit = this.opts.admitGuard;
    let calls = 0;
    for (const e of batch.events) {
      const at = receivedAt - (e.age > maxAge ? maxAge : e.age < 0 ? 0 : e.age);
      if (e.type === SUMMARY_KIND) {
        calls++;
        if (admit && !admit(app, e.guard, at - (at % MINUTE_MS))) {
          this.opts.metrics.dropped.inc({ reason: 'guard_cap' });
          continue;
        }
        if (client) this.source(app, e.guard, at, client, e.failure > 0 || e.timeout > 0);
        const bucketAt = at - (at % BUCKET_MS);
        let byTime = byGuard.get(e.guard);
        if (!byTime) byGuard.set(e.guard, (byTime = new Map()));
        let b = byTime.get(bucketAt);
        if (!b) {
          b = { app, shop, guard: e.guard, at: bucketAt, c: new Array<number>(COUNTERS).fill(0) };
          byTime.set(bucketAt, b);
        }
        const c = b.c;
        const rate = e.rate;
        if (rate !== undefined && rate < 1) {
          // A sampled summary stands for 1/rate pages: weight it, rounding at random so the
          // integer totals stay unbiased.
          c[SUCCESS] += weigh(e.success, rate);
          c[FAILURE] += weigh(e.failure, rate);
          c[TIMEOUT] += weigh(e.timeout, rate);
          c[REJECT] += weigh(e.reject, rate);
          c[FALLBACK] += weigh(e.fallback, rate);
          const l = e.latency;
          for (let i = 0; i < LATENCY_SLOTS; i++) c[LATENCY_OFFSET + i] += weigh(l[i], rate);
        } else {
          c[SUCCESS] += e.success;
          c[FAILURE] += e.failure;
          c[TIMEOUT] += e.timeout;
          c[REJECT] += e.reject;
          c[FALLBACK] += e.fallback;
          const l = e.latency;
          for (let i = 0; i < LATENCY_SLOTS; i++) c[LATENCY_OFFSET + i] += l[i];
        }
      } else {
        if (client && e.type === 'transition' && e.to === 'open' && (e.reason === 'failures' || e.reason === 'probe-failed')) this.source(app, e.guard, at, client, true);
        this.tally(app, e.type, 1);
        const minute = at - (at % MINUTE_MS);
        const capKey = prefix + minute;
        const n = this.rowCaps.get(capKey) ?? 0;
        if (n >= this.opts.eventsPerShopPerMinute) {
          this.opts.metrics.dropped.inc({ reason: 'shop_minute_cap' });
          continue;
        }
        this.rowCaps.set(capKey, n + 1);
        const { type, age: _age, ...data } = e;
        const guard = 'guard' in e && typeof e.guard === 'string' ? e.guard : null;
        s.rows.push({ app, shop, guard, kind: type, at, data: JSON.stringify({ ...data, page: batch.page, sdk: batch.sdk }) });
      }
    }
    s.events += batch.events.length;
    if (calls) this.tally(app, SUMMARY_KIND, calls);
    this.browsers.add(batch, receivedAt);
  }

  private tally(app: string, kind: string, n: number): void {
    const key = `${app}\u0000${kind}`;
    const p = this.opts.metrics.ingestedPending;
    p.set(key, (p.get(key) ?? 0) + n);
  }

  /** Adds Reporting API / NEL reports (already sanitised). */
  addReports(rows: ReportRow[]): void {
    for (const r of rows) this.state.reports.push(r);
    this.state.events += rows.length;
    if (rows.length) this.tally(rows[0].app, 'report', rows.length);
  }

  /** Writes everything pending in one transaction; concurrent calls share one flush. */
  flush(): Promise<FlushInfo> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    this.flushing = this.doFlush().finally(() => (this.flushing = null));
    return this.flushing;
  }

  private async doFlush(): Promise<FlushInfo> {
    let segment: number | undefined;
    if (this.settle && this.journal) {
      segment = this.journal.seal();
      this.sealedAt = segment;
      try {
        await this.settle(segment);
      } catch (e) {
        this.releaseDeferred();
        this.failing = { since: this.failing?.since ?? this.opts.now(), reason: e instanceof Error ? e.message : String(e) };
        throw e;
      }
    }
    const s = this.state;
    this.state = emptyState();
    this.inFlight = s;
    // The browser tally swaps with the state: batches released below belong to the next flush.
    const browsers = this.browsers.take();
    if (this.settle && this.journal) this.releaseDeferred();
    else segment = this.journal?.seal();
    const rollups = toMinutes(s.buckets);
    const sources = toSources(s.sources);
    const info: FlushInfo = { rollups: rollups.length, events: s.rows.length, reports: s.reports.length, deadLetters: 0, minutes: [...new Set(rollups.map((r) => r.minute))] };
    const end = this.opts.metrics.flushDuration.startTimer();
    const mark = async (tx: Db) => {
      if (this.journal && segment !== undefined) await markJournal(tx, this.journal.id, segment, this.opts.now());
    };
    try {
      if (rollups.length || s.rows.length || s.reports.length || browsers.status.length || segment !== undefined) {
        try {
          await this.opts.db.transaction(async (tx) => {
            await upsertRollups(tx, rollups);
            await upsertSources(tx, sources);
            await upsertBrowserRows(tx, browsers);
            await insertEvents(tx, s.rows);
            await insertReports(tx, s.reports);
            await mark(tx);
          });
        } catch (first) {
          // Maybe one row the store refuses: write again with every row isolated, setting refused
          // ones aside. If the store itself is failing this throws too, and nothing was written.
          const dead = await this.opts.db.transaction(async (tx) => {
            const d = await writeIsolated(tx, { rollups, sources, events: s.rows, reports: s.reports }, this.opts.now());
            // Plain counts of validated batches: nothing in them for the store to refuse.
            await upsertBrowserRows(tx, browsers);
            await mark(tx);
            return d;
          });
          if (!dead.length) this.opts.log.warn({ err: first }, 'flush failed once, then succeeded');
          this.deadLettered(dead);
          info.deadLetters = dead.length;
        }
      }
      end({ result: 'ok' });
      this.failing = null;
      this.opts.metrics.lastFlush.set(this.opts.now() / 1000);
    } catch (e) {
      end({ result: 'error' });
      // Nothing is lost: the counts go back into the live state and are retried next time.
      this.merge(s);
      this.browsers.restore(browsers);
      const message = e instanceof Error ? e.message : String(e);
      this.failing = { since: this.failing?.since ?? this.opts.now(), reason: message };
      this.opts.log.error({ err: e }, 'flush failed; will retry');
      throw e;
    } finally {
      this.inFlight = null;
    }
    if (this.journal && segment !== undefined) this.journal.committed(segment);
    this.pruneCaps();
    for (const fn of this.listeners) {
      try {
        fn(info);
      } catch (e) {
        this.opts.log.error({ err: e }, 'flush listener failed');
      }
    }
    return info;
  }

  private deadLettered(dead: DeadLetter[]): void {
    for (const d of dead) {
      this.opts.metrics.deadLetters.inc({ kind: d.kind });
      this.opts.log.error({ kind: d.kind, app: d.app, reason: d.reason }, 'the store refused a row; it was moved to dead_letters');
    }
  }

  private merge(old: State): void {
    const s = this.state;
    for (const b of eachBucket(old.buckets)) {
      const prefix = `${b.app}\u0000${b.shop}\u0000`;
      let byGuard = s.buckets.get(prefix);
      if (!byGuard) s.buckets.set(prefix, (byGuard = new Map()));
      let byTime = byGuard.get(b.guard);
      if (!byTime) byGuard.set(b.guard, (byTime = new Map()));
      const cur = byTime.get(b.at);
      if (!cur) byTime.set(b.at, b);
      else for (let i = 0; i < COUNTERS; i++) cur.c[i] += b.c[i];
    }
    for (const [key, clients] of old.sources) {
      const cur = s.sources.get(key);
      if (!cur) s.sources.set(key, clients);
      else for (const [client, bad] of clients) if ((cur.get(client) ?? 0) < bad || (!cur.has(client) && cur.size < SOURCES_PER_GUARD_MINUTE)) cur.set(client, bad);
    }
    s.rows.unshift(...old.rows);
    s.reports.unshift(...old.reports);
    s.events += old.events;
  }

  private pruneCaps(): void {
    // Caps only matter for the current and recent minutes; late events may reopen an old one.
    if (this.rowCaps.size < 10_000) return;
    const horizon = this.opts.now() - 5 * MINUTE_MS;
    for (const key of this.rowCaps.keys()) {
      const minute = Number(key.slice(key.lastIndexOf('\u0000') + 1));
      if (minute < horizon) this.rowCaps.delete(key);
    }
  }

  /** Flushes every `intervalMs`; errors are logged and retried on the next tick. */
  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), intervalMs);
    this.timer.unref();
  }

  /**
   * Stops the timer and writes what is pending (shutdown). A failed write is retried a few times
   * (a lock timeout or a dropped connection is usually gone a moment later); only then does it
   * reject, with the counts still in memory.
   */
  async stop(attempts = 5): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (let i = 1; ; i++) {
      try {
        await this.flush();
        return;
      } catch (e) {
        if (i >= attempts) throw e;
        await new Promise((r) => setTimeout(r, 100 * i));
      }
    }
  }
}

/** `n / rate` as an integer whose expectation is exactly `n / rate`. */
export function weigh(n: number, rate: number): number {
  if (n === 0) return 0;
  // The schema bounds rate below (MIN_SAMPLE_RATE); the cap keeps any weight finite regardless.
  const x = Math.min(n / rate, CELL_CAP);
  const whole = Math.floor(x);
  return whole + (Math.random() < x - whole ? 1 : 0);
}

function* eachBucket(buckets: Buckets): Generator<Bucket> {
  for (const byGuard of buckets.values()) for (const byTime of byGuard.values()) yield* byTime.values();
}

function toMinutes(buckets: Buckets): RollupRow[] {
  const out = new Map<string, RollupRow>();
  for (const b of eachBucket(buckets)) {
    const minute = b.at - (b.at % MINUTE_MS);
    const key = `${b.app}\u0000${b.shop}\u0000${b.guard}\u0000${minute}`;
    const r = out.get(key);
    if (!r) out.set(key, { app: b.app, shop: b.shop, guard: b.guard, minute, c: b.c.slice() });
    else for (let i = 0; i < COUNTERS; i++) r.c[i] += b.c[i];
  }
  return [...out.values()];
}

function toSources(sources: Sources): SourceRow[] {
  const out: SourceRow[] = [];
  for (const [key, clients] of sources) {
    const [app, guard, minute] = key.split('\u0000');
    for (const [client, bad] of clients) out.push({ app, guard, minute: Number(minute), client, bad });
  }
  return out;
}
