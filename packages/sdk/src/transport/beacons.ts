import {
  LATENCY_BUCKETS,
  LATENCY_OFFSET,
  LATENCY_SLOTS,
  MAX_BATCH_BYTES,
  MAX_EVENT_AGE_MS,
  MAX_EVENTS_PER_BATCH,
  NAME_PATTERN,
  OUTCOMES,
} from '@lifeboat/schema/lite';
import { onHidden } from '../lib/onHidden.js';
import type { Lifeboat, ReportableEvent } from '../types.js';
import { VERSION } from '../version.js';
import { clean, sdkError } from './clean.js';
import { backoff, DROP, post, SENT } from './post.js';
import { openQueue, type Entry, type Stamped } from './queue.js';

/** A new batch is left alone this long before a drain may re-send it (it is in flight or beaconed). */
export const GRACE = 5000;
/**
 * A beaconed batch is re-sent only this long after its beacon: within the collector's
 * de-duplication window (1 h by default), so that a re-send of a beacon that did arrive is never
 * counted twice. Older ones are taken as delivered.
 */
export const BEACON_TRUST = 50 * 60_000;
/** Events held in memory between flushes; a flapping guard must not grow the page's memory. */
const MAX_PENDING = 4 * MAX_EVENTS_PER_BATCH;

/** A batch id: 128 random bits as 32 hex characters (KEY_PATTERN); randomUUID needs a secure context. */
const newId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => (b + 256).toString(16).slice(1)).join('');

/** The batch as sent now: ages from the stored absolute times, events too old to matter left out. */
export function toBatch(e: Entry, now: number) {
  const events = e.e
    .filter((x) => now - x.at <= MAX_EVENT_AGE_MS)
    .map(({ at, ...x }) => ({ ...x, age: Math.max(0, Math.round(now - at)) }));
  return { v: 1, id: e.id, sentAt: now, ...e.h, events };
}

/**
 * Sends the instance's events to `{collector}/v1/beacons?key={publicKey}` (see docs/beacons.md).
 *
 * Calls are summarised per guard and flush (counts and a latency histogram); transitions,
 * fallbacks and reported events are kept one by one with their time. Flushes happen on page
 * hide (sendBeacon) and every `beacons.flushInterval` while visible (fetch, so the answer is
 * known). Every batch is written to a bounded IndexedDB queue before it is sent and removed only
 * when its own send got a 2xx (or a final 4xx); the rest are re-sent with the same id on `online`,
 * on later page loads and after their backoff. Failures of the collector itself back the whole
 * transport off (a breaker kept across page loads), never reach the page and never become beacons.
 *
 * @example
 * ```ts
 * const detach = attachTransport(lifeboat); // createLifeboat does this when a collector is set
 * detach(); // on destroy(): flushes what is pending and stops
 * ```
 */
export function attachTransport(lifeboat: Lifeboat): () => void {
  const { collector, publicKey, beacons: cfg, storageName, app, shop, page } = lifeboat.config;
  if (!collector || !publicKey || !cfg.enabled) return () => {};
  const url = `${collector}/v1/beacons?key=${publicKey}`;
  // The schema takes a host name only: whatever else a default shop holds (`[::1]`) becomes '-'.
  const head: Entry['h'] = { app, shop: shop.replace(/[^A-Za-z0-9.-]/g, '-').slice(0, 255) || 'unknown', page, sdk: VERSION };
  const q = openQueue(`${storageName}-beacons`, cfg.maxQueue);
  const gateKey = `${storageName}-beacons!gate`;
  /** Per guard: the counts per outcome (OUTCOMES order), then the latency histogram. */
  const calls = new Map<string, number[]>();
  /** Sampling decisions by guard (no prototype: a guard may be called `constructor`). */
  const keep: Record<string, boolean> = Object.create(null);
  let pending: Stamped[] = [];
  /**
   * The transport's own breaker: after a failed send nothing is sent before `until`, and each
   * failure in a row doubles the wait (5 s → 1 h). Kept in localStorage, so the next page (or
   * another tab) does not hammer a collector that is down either.
   */
  let [until, fails] = [0, 0];
  try {
    [until, fails] = JSON.parse(localStorage.getItem(gateKey)!) ?? [0, 0];
  } catch {
    /* none kept, or no localStorage */
  }
  const gate = (u: number, f: number) => {
    [until, fails] = [u, f];
    try {
      localStorage.setItem(gateKey, `[${u},${f}]`);
    } catch {
      /* memory only */
    }
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let draining = false;
  let stopped = false;

  /** Fallback events already kept this flush: one per guard, reason and fallback is enough (calls count them). */
  let seen = new Set<string>();
  const add = (e: ReportableEvent | undefined) => {
    if (!e || pending.length >= MAX_PENDING) return;
    if (e.type === 'fallback') {
      const k = `${e.guard} ${e.reason} ${e.served}`;
      if (seen.has(k)) return;
      seen.add(k);
    }
    pending.push({ ...e, at: Date.now() } as Stamped);
  };
  const tally = (guard: string, i: number, ms?: number) => {
    if (!NAME_PATTERN.test(guard)) return;
    let c = calls.get(guard);
    if (!c) calls.set(guard, (c = Array(LATENCY_OFFSET + LATENCY_SLOTS).fill(0)));
    c[i]++;
    if (ms !== undefined) {
      let b = 0;
      while (b < LATENCY_BUCKETS.length && ms > LATENCY_BUCKETS[b]) b++;
      c[LATENCY_OFFSET + b]++;
    }
  };

  /**
   * Batches this page is sending or has queued with an asynchronous IndexedDB write: at page hide
   * they are written again, synchronously (an IndexedDB write or a fetch may not outlive the page).
   */
  const held = new Map<string, Entry>();

  const send = async (e: Entry) => {
    held.set(e.id, e);
    const r = await post(url, JSON.stringify(toBatch(e, Date.now())));
    if (r === SENT || r === DROP) {
      if (r === SENT && fails) gate(0, 0);
      held.delete(e.id);
      await q.del(e.id);
      return true;
    }
    e.k++;
    e.n = 0;
    // No answer now, so its beacon (if any) most likely got none either: re-send it however late.
    delete e.b;
    gate(Date.now() + Math.max(r, backoff(fails + 1)), fails + 1);
    await q.put(e);
    return false;
  };

  /** Re-sends what the queue holds and is due, one at a time, stopping at the first failure. */
  const drain = async () => {
    if (draining || stopped) return;
    draining = true;
    clearTimeout(timer);
    try {
      let next = Infinity;
      for (const e of await q.all()) {
        const now = Date.now();
        if ((e.b ?? now) < now - BEACON_TRUST) await q.del(e.id);
        else if (e.n > now || until > now) next = Math.min(next, Math.max(e.n, until));
        else if (!(await send(e))) next = until;
      }
      if (next < Infinity) timer = setTimeout(drain, Math.min(next - Date.now(), 3_600_000) + 100);
    } catch {
      /* storage or network trouble: the next trigger retries */
    } finally {
      draining = false;
    }
  };

  /** Turns what happened since the last flush into batches; `hiding`: the page may be going away. */
  const flush = (hiding?: boolean) => {
    const now = Date.now();
    const out = pending;
    pending = [];
    seen = new Set();
    if (hiding) held.forEach(q.stash);
    for (const [guard, c] of calls) {
      // Healthy: no outcome but success, which OUTCOMES puts first (HealthyOutcome).
      const healthy = c.slice(1, LATENCY_OFFSET).every((n) => !n);
      // Sampling is decided once per page and guard: a page's healthy summaries are all in or all out.
      if (healthy && !(keep[guard] ??= Math.random() < cfg.sampleRate)) continue;
      out.push({
        type: 'calls', guard, at: now,
        ...Object.fromEntries(OUTCOMES.map((o, i) => [o, c[i]])),
        latency: c.slice(LATENCY_OFFSET),
        ...(healthy && cfg.sampleRate < 1 && { rate: cfg.sampleRate }),
      } as Stamped);
    }
    calls.clear();
    // The status document the page obeys (a kill switch's roll-out is measured with it); undefined,
    // which JSON leaves out, before any. A batch still held takes the newer word too: it is what the page obeys.
    head.statusAt = lifeboat.statusAt;
    while (out.length) {
      // Split by count and by encoded size (the header and brackets take well under 1 kB). Every
      // string in an event is ASCII (names, codes, scrubbed messages), so length is bytes.
      let n = 0;
      for (let bytes = 1000; n < out.length && n < MAX_EVENTS_PER_BATCH; n++) {
        bytes += JSON.stringify(out[n]).length + 10;
        if (bytes > MAX_BATCH_BYTES && n) break;
      }
      // Persist first: whatever happens to the send or the page, the queue holds the batch. It is
      // due again only after a grace period, so a drain does not re-send it while it is in flight.
      const e: Entry = { id: newId(), h: head, e: out.splice(0, n), c: now, n: Math.max(until, now + GRACE), k: 0 };
      // sendBeacon gives no answer: the batch stays queued, marked as beaconed, and a later page
      // re-sends it with the same id; the collector counts it once (at-least-once delivery,
      // de-duplicated by id). Known offline: not beaconed, just kept.
      const beacon = hiding && until <= now && navigator.onLine !== false;
      if (beacon) e.b = now;
      if (hiding) q.stash(e);
      else {
        held.set(e.id, e);
        void q.put(e);
      }
      if (until > now) continue;
      try {
        if (beacon && navigator.sendBeacon?.(url, JSON.stringify(toBatch(e, now)))) continue;
      } catch {
        /* too large or blocked: fetch instead */
      }
      if (beacon) {
        delete e.b; // not beaconed after all: an ordinary batch, re-sent however late
        q.stash(e);
      }
      void send(e);
    }
  };

  const interval = setInterval(() => document.visibilityState === 'visible' && (flush(), drain()), cfg.flushInterval);
  // Back online: whatever the breaker learnt while offline says nothing about the collector.
  const online = () => (gate(0, fails), void drain());
  addEventListener('online', online);
  const offs = [
    onHidden(() => flush(true)),
    // Each outcome's event counts at its position in OUTCOMES.
    ...OUTCOMES.map((t, i) => lifeboat.on(t, (e) => tally(e.guard, i, (e as { ms?: number }).ms))),
    lifeboat.on('fallback', ({ guard, reason, served }) => add(clean({ type: 'fallback', guard, reason, served }))),
    lifeboat.on('transition', ({ guard, from, to, reason }) => add(clean({ type: 'transition', guard, from, to, reason }))),
    lifeboat.on('sdk-error', (e) => add(sdkError(e))),
    lifeboat.on('report', (e) => add(clean(e.event))),
    lifeboat.on('flush', () => (flush(), void drain())),
  ];
  // Re-send what earlier pages left behind, once this page's own requests have had their turn.
  timer = setTimeout(drain, 1000);

  return () => {
    flush();
    stopped = true;
    clearInterval(interval);
    clearTimeout(timer);
    removeEventListener('online', online);
    offs.forEach((off) => off());
  };
}
