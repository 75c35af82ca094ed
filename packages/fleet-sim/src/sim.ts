/**
 * One strategy's run: N browsers browse a fleet of shops (sessions of pages, think time, a second
 * tab now and then); every page calls the cart widget's backend once at load. Lifeboat pages are
 * the SDK's real `createLifeboat` with a virtual clock (the globals, for opossum's sake), memory
 * storage per browser profile, its tabs, and the status document through a simulated CDN.
 */
import CircuitBreaker from 'opossum';
import { createLifeboat, type Lifeboat, type LifeboatParts } from '../../sdk/src/index.js';
import { readConfig } from '../../sdk/src/config/validateConfig.js';
import { Backend, type BackendTick } from './backend.js';
import { VirtualClock } from './clock.js';
import { APP, Fleet, GUARD } from './fleet.js';
import { exp, seeded } from './random.js';
import { memoryBreakers, memoryKeyval, profileTabs } from './storage.js';

export type StrategyName = 'no-sdk' | 'opossum-per-page' | 'lifeboat-local' | 'lifeboat-fleet' | 'lifeboat-kill-switch';
export const STRATEGIES: StrategyName[] = ['no-sdk', 'opossum-per-page', 'lifeboat-local', 'lifeboat-fleet', 'lifeboat-kill-switch'];

export interface SimOptions {
  seed: number;
  browsers: number;
  shops: number;
  minutes: number;
  /** Incident: capacity drops to `incidentCapacity` (share) from `incidentAt` for `incidentFor` (ms). */
  incidentAt: number;
  incidentFor: number;
  incidentCapacity: number;
  /** Backend capacity as a multiple of the fleet's healthy offered load. */
  headroom: number;
  /** Mean think time between pages, ms; pages per session are 1..2×mean-1, uniformly. */
  thinkMs: number;
  pagesPerSession: number;
  /** Mean pause between a browser's sessions, ms. */
  sessionGapMs: number;
  /** Share of sessions with a second tab. */
  twoTabs: number;
  /** The guard's time budget and the browser's own timeout (no SDK), ms. */
  budgetMs: number;
  browserTimeoutMs: number;
  /** Guard options of the Lifeboat strategies (the SDK's defaults otherwise). */
  guard: Record<string, unknown>;
  /** SDK status.maxAge, ms. */
  statusMaxAgeMs: number;
  detectionDelayMs: number;
  cdnMaxAgeSeconds: number;
  cdnEdges: number;
  /** Kill switch at this ms (lifeboat-kill-switch), back to auto at killUntil. */
  killAt: number;
  killUntil: number;
  /** From a page's start (lifeboat.ready) to the widget's first backend call: its script loads, ms. */
  widgetLoadMs: number;
  /** Virtual-time slice after which promise jobs settle, ms. */
  quantumMs: number;
  /** Collector incident settings over the defaults (autoOpen on). */
  incidents: Record<string, unknown>;
  /** Write a line to stderr every simulated minute (long runs). */
  progress?: boolean;
}

export const DEFAULTS: SimOptions = {
  seed: 1,
  browsers: 100_000,
  shops: 400,
  minutes: 30,
  incidentAt: 5 * 60_000,
  incidentFor: 10 * 60_000,
  incidentCapacity: 0.1,
  headroom: 1.5,
  thinkMs: 20_000,
  pagesPerSession: 4,
  sessionGapMs: 20 * 60_000,
  twoTabs: 0.2,
  budgetMs: 3000,
  browserTimeoutMs: 30_000,
  guard: {},
  statusMaxAgeMs: 15_000,
  detectionDelayMs: 15_000,
  cdnMaxAgeSeconds: 5,
  cdnEdges: 20,
  killAt: 6 * 60_000,
  killUntil: 16 * 60_000,
  widgetLoadMs: 300,
  quantumMs: 5,
  incidents: {},
};

/** One second of a strategy's run. */
export interface Second {
  t: number;
  capacity: number;
  offered: number;
  goodput: number;
  queue: number;
  pages: number;
  /** Pages that showed the fallback (native cart) instead of the widget. */
  fallback: number;
  /** Sum of shopper waits of the pages that started this second, ms. */
  wait: number;
  probes: number;
  statusOrigin: number;
}

export interface RunResult {
  name: StrategyName;
  seconds: Second[];
  /** Per browser: total wait during the incident and the recovery after it, ms (browsers with a page then). */
  shopperWait: number[];
  /** Kill switch: how long after the change new pages / open pages still called the backend, ms. */
  kill?: { newPagesMs: number; openPagesMs: number; backMs: number };
  log: Array<{ at: number; what: string }>;
  healthyOffered: number;
}

const START = Date.UTC(2026, 11, 18, 9, 0, 0);
/** The real clock, for progress lines (Date.now is the virtual one during a run). */
const realNow = Date.now;

interface Browser {
  id: number;
  shop: string;
  edge: number;
  parts: LifeboatParts;
  wait: number;
  /** Had a page during the incident or the recovery after it. */
  seen: boolean;
}

export async function runStrategy(name: StrategyName, opt: SimOptions): Promise<RunResult> {
  const clock = new VirtualClock(START);
  const realRandom = Math.random;
  // The status client listens for visibility; every simulated page stays visible while open.
  const g = globalThis as { document?: unknown };
  g.document ??= { visibilityState: 'visible', addEventListener() {}, removeEventListener() {} };
  clock.install();
  Math.random = seeded(opt.seed * 7919 + 17);
  try {
    return await run(name, opt, clock);
  } finally {
    clock.uninstall();
    Math.random = realRandom;
  }
}

async function run(name: StrategyName, opt: SimOptions, clock: VirtualClock): Promise<RunResult> {
  // The fleet's own draws (who browses when) come from a stream of their own: the same seed gives
  // every strategy the same shoppers, whatever the SDK draws.
  const rnd = seeded(opt.seed);
  const end = START + opt.minutes * 60_000;
  const sessionMs = opt.pagesPerSession * opt.thinkMs;
  const pagesPerMs = ((1 + opt.twoTabs) * opt.pagesPerSession) / (sessionMs + opt.sessionGapMs);
  const healthyOffered = opt.browsers * pagesPerMs * 1000;
  const capacityAt = (t: number) => (t >= opt.incidentAt && t < opt.incidentAt + opt.incidentFor ? opt.incidentCapacity : 1);
  const backend = new Backend({ capacity: Math.max(1, healthyOffered * opt.headroom), capacityAt, baseLatencyMs: 80, dropAfterMs: 10_000, tickMs: 10 }, START);
  const lifeboat = name.startsWith('lifeboat');
  const withFleet = name === 'lifeboat-fleet' || name === 'lifeboat-kill-switch';
  const kill = name === 'lifeboat-kill-switch';
  const fleet = new Fleet(
    {
      detect: name === 'lifeboat-fleet',
      detectionDelayMs: opt.detectionDelayMs,
      cdnMaxAgeSeconds: opt.cdnMaxAgeSeconds,
      cdnEdges: opt.cdnEdges,
      incidents: opt.incidents,
      ...(kill && { killAt: opt.killAt, killUntil: opt.killUntil }),
    },
    START,
  );
  const seconds: Second[] = [];
  let cur = blank(0);
  let probes = 0;
  let maxProbes = 0;
  setInterval(() => {
    const b: BackendTick = backend.take();
    const t = Math.round((Date.now() - START) / 1000);
    // Capacity of the second that just ended.
    Object.assign(cur, { t: t - 1, capacity: backend.capacityAt(Date.now() - 1), offered: b.offered, goodput: b.goodput, queue: b.queue, probes: maxProbes, statusOrigin: fleet.take() });
    seconds.push(cur);
    if (opt.progress && t % 60 === 0) process.stderr.write(`${name}: minute ${t / 60} of ${opt.minutes} (${new Date(realNow()).toISOString().slice(11, 19)} UTC)\n`);
    cur = blank(t);
    maxProbes = probes;
  }, 1000);

  const config = (shop: string) => ({
    app: APP,
    shop,
    page: 'product' as const,
    guards: { [GUARD]: { timeout: opt.budgetMs, ...opt.guard } },
    ...(withFleet && { collector: 'https://collector.sim', publicKey: 'pk_sim_smartcart', beacons: { enabled: false }, status: { maxAge: opt.statusMaxAgeMs } }),
  });

  // Every page of a shop has the same config: read (validated) once per shop, not per page.
  const resolved = new Map<string, ReturnType<typeof readConfig>>();
  const configOf = (shop: string) => {
    let c = resolved.get(shop);
    if (!c) resolved.set(shop, (c = readConfig(config(shop))));
    return c;
  };

  // The incident and the recovery after it: the span whose waits are the shoppers' cost.
  const costFrom = START + opt.incidentAt;
  const costTo = START + opt.incidentAt + opt.incidentFor + 5 * 60_000;
  const browsers: Browser[] = [];
  const killInfo = { newPagesMs: 0, openPagesMs: 0, backMs: 0 };
  const killAt = START + opt.killAt;
  const killUntil = START + opt.killUntil;

  /** One page: load, the widget's call, think, leave. Resolves when the page is left. */
  async function page(b: Browser, stay: number) {
    const started = Date.now();
    let waited = 0;
    let fellBack = false;
    if (!lifeboat) {
      const ctrl = new AbortController();
      const t0 = Date.now();
      const work = backend.request(ctrl.signal);
      if (name === 'no-sdk') {
        const ok = await Promise.race([work, new Promise<false>((r) => setTimeout(r, opt.browserTimeoutMs, false))]);
        if (!ok) ctrl.abort();
        fellBack = !ok;
      } else {
        // A fresh in-memory breaker per page: it never saw the previous page's timeout.
        const br = new CircuitBreaker(() => work.then((ok) => (ok ? ok : Promise.reject(new Error('dropped')))), { timeout: opt.budgetMs, volumeThreshold: 1, rollingPercentilesEnabled: false, enableSnapshots: false });
        br.fallback(() => false);
        const ok = await br.fire();
        if (!ok) ctrl.abort();
        fellBack = !ok;
        br.shutdown();
      }
      waited = Date.now() - t0;
    } else {
      let obeyedAt = 0;
      // The status document this page got: when it first held the vendor's switch.
      const parts: LifeboatParts = kill
        ? {
            ...b.parts,
            status: {
              ...b.parts.status,
              fetch: (url, init) =>
                b.parts.status!.fetch!(url, init).then((r) => {
                  if (!obeyedAt && fleet.edgeAt(b.edge) >= killAt && Date.now() < killUntil) obeyedAt = Date.now();
                  return r;
                }),
            },
          }
        : b.parts;
      const lb: Lifeboat = createLifeboat(undefined, { ...parts, config: configOf(b.shop) });
      // What the beacons carry, as the transport sends them: at the next flush (every 30 s) or when the page is left.
      const flushAt = started + 30_000 - ((started - START) % 30_000);
      const c = { success: 0, bad: 0, reject: 0, opened: false };
      let reported = false;
      const send = () => {
        if (reported || !withFleet) return;
        reported = true;
        fleet.report(b.shop, b.id, { ...c });
      };
      const flush = setTimeout(send, flushAt - Date.now());
      const offs = [
        lb.on('success', () => c.success++),
        lb.on('failure', () => c.bad++),
        lb.on('timeout', () => c.bad++),
        lb.on('reject', () => c.reject++),
        lb.on('transition', (e) => {
          if (e.to === 'open' && (e.reason === 'failures' || e.reason === 'probe-failed')) c.opened = true;
        }),
      ];
      await lb.ready;
      await new Promise((r) => setTimeout(r, opt.widgetLoadMs));
      const t0 = Date.now();
      let called = false;
      const r = await lb.run(
        GUARD,
        (signal) => {
          called = true;
          const probe = lb.state(GUARD) === 'half-open';
          if (probe) maxProbes = Math.max(maxProbes, ++probes);
          const w = backend.request(signal, probe);
          if (probe) {
            const done = () => probes--;
            let once = false;
            const end = () => (once ? 0 : ((once = true), done()));
            w.then(end);
            signal.addEventListener('abort', end, { once: true });
          }
          return w.then((ok) => (ok ? ok : Promise.reject(Object.assign(new Error('dropped'), { status: 503 }))));
        },
        { fallback: false },
      );
      waited = Date.now() - t0;
      fellBack = r.fromFallback;
      if (kill) {
        // A new page after the switch that still called the backend: it had not obeyed yet.
        if (called && started >= killAt && started < killUntil) killInfo.newPagesMs = Math.max(killInfo.newPagesMs, started - killAt);
        if (!called && started >= killUntil) killInfo.backMs = Math.max(killInfo.backMs, started - killUntil);
      }
      await new Promise((r) => setTimeout(r, stay));
      if (kill && started < killAt && Date.now() > killAt) {
        // Open when the switch was set: how long it took to obey (or the whole stay if never).
        killInfo.openPagesMs = Math.max(killInfo.openPagesMs, (obeyedAt || Date.now()) - killAt);
      }
      offs.forEach((off) => off());
      lb.destroy();
      clearTimeout(flush);
      send();
    }
    cur.pages++;
    cur.wait += waited;
    if (fellBack) cur.fallback++;
    if (started >= costFrom && started < costTo) {
      b.wait += waited;
      b.seen = true;
    }
    if (!lifeboat) await new Promise((r) => setTimeout(r, stay));
  }

  async function tab(b: Browser, pages: number) {
    for (let i = 0; i < pages && Date.now() < end; i++) await page(b, exp(rnd, opt.thinkMs));
  }

  async function browse(b: Browser) {
    // Steady state from the first minute: in a session already (its share of the cycle), or in a
    // pause whose rest is, like the pause, exponential.
    const inSession = rnd() < sessionMs / (sessionMs + opt.sessionGapMs);
    await new Promise((r) => setTimeout(r, inSession ? rnd() * opt.thinkMs : exp(rnd, opt.sessionGapMs)));
    while (Date.now() < end) {
      const pages = 1 + Math.floor(rnd() * (2 * opt.pagesPerSession - 1));
      const tabs = [tab(b, pages)];
      if (rnd() < opt.twoTabs) tabs.push(new Promise((r) => setTimeout(r, exp(rnd, opt.thinkMs) / 2)).then(() => tab(b, pages)));
      await Promise.all(tabs);
      await new Promise((r) => setTimeout(r, exp(rnd, opt.sessionGapMs)));
    }
  }

  for (let i = 0; i < opt.browsers; i++) {
    const b: Browser = {
      id: i,
      shop: `shop-${Math.floor(rnd() * opt.shops)}.myshopify.com`,
      edge: Math.floor(rnd() * opt.cdnEdges),
      parts: {},
      wait: 0,
      seen: false,
    };
    b.parts = {
      breakers: memoryBreakers(),
      tabs: profileTabs(),
      status: { store: memoryKeyval(), fetch: (_url, init) => fleet.fetchVia(b.edge, (init.headers as Record<string, string>)['if-none-match']) },
    };
    browsers.push(b);
    void browse(b);
  }
  await clock.runUntil(end, opt.quantumMs);
  const shopperWait = browsers.filter((b) => b.seen).map((b) => b.wait);
  return { name, seconds, shopperWait, kill: kill ? killInfo : undefined, log: fleet.log, healthyOffered };
}

const blank = (t: number): Second => ({ t, capacity: 0, offered: 0, goodput: 0, queue: 0, pages: 0, fallback: 0, wait: 0, probes: 0, statusOrigin: 0 });
