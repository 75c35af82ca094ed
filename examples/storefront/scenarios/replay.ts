/**
 * Runs an incident replay against a running demo (its vendors and collector) with the synthetic
 * shoppers calling the vendors' real APIs, and measures what happened when: the first shopper
 * served by the native fallback, the first failure reported to the collector, the incident, the
 * status document, the open tabs obeying it, the widget back, the recovery.
 *
 * @example
 * ```ts
 * const r = await replayIncident({ scenario: 'cart-down', storeUrl, cartVendorUrl, recsVendorUrl, collectorUrl, timeScale: 0.2 });
 * r.times.incidentOpened; // ms after the failure began
 * ```
 */
import { startShoppers, type Outcome, type ShopperOptions } from '../../shoppers/shoppers.js';
import { SCENARIOS, type Scenario, type ScenarioState } from '../src/vendors/scenarios.js';

export interface ReplayOptions {
  scenario: string;
  storeUrl: string;
  cartVendorUrl: string;
  recsVendorUrl: string;
  collectorUrl: string;
  /** Multiplies the scenario's phase lengths (1 = the real replay). */
  timeScale?: number;
  readToken?: string;
  publicKey?: string;
  app?: string;
  shops?: number;
  rate?: number;
  /** Share of shoppers' calls made as without Lifeboat (default 0.2), for "what would have happened". */
  withoutLifeboat?: number;
  /** Passed to the shoppers (flushInterval, statusMaxAge, guardOptions for a compressed run). */
  shopperOptions?: Partial<ShopperOptions>;
  /** After the scenario ends, wait up to this long for the incident to resolve and the guard to leave the status document (default 0). */
  settleMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

/** Milliseconds after the failure began (the first non-healthy phase), or null if it never happened. */
export interface ReplayTimes {
  firstNativeFallback: number | null;
  firstFailureAtCollector: number | null;
  incidentOpened: number | null;
  statusChanged: number | null;
  /** 90 % of the shoppers' browsers obey the changed status document. */
  tabsObeying: number | null;
  healed: number;
  /** The first call served by the vendor's widget again. */
  widgetBack: number | null;
  incidentResolved: number | null;
  /** The guard left the status document (end of the recovery ramp). */
  statusCleared: number | null;
}

export interface ReplayResult {
  scenario: string;
  title: string;
  guard: string;
  timeScale: number;
  shops: number;
  rate: number;
  /** Epoch ms the failure began. */
  failureStartedAt: number;
  times: ReplayTimes;
  /** Calls of the scenario's guard while the vendor was failing (failure start → heal). */
  duringFailure: Outcome;
  /** The same after healing, to the end of the replay. */
  afterHeal: Outcome;
  incident: { id: string; openedAt: number; resolvedAt: number | null } | null;
  /** The status document entry of the guard as first changed. */
  statusEntry: Record<string, unknown> | null;
  phases: ScenarioState['log'];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const epoch = (v: unknown) => (v == null ? null : typeof v === 'number' ? v : Date.parse(String(v)));
const diff = (a: Outcome, b: Outcome | undefined): Outcome => {
  const out = { ...a };
  for (const k of Object.keys(a) as (keyof Outcome)[]) if (!k.endsWith('MaxMs') && k !== 'maxMs') out[k] = a[k] - (b?.[k] ?? 0);
  return out;
};
const emptyOutcome = (): Outcome => ({ vendor: 0, native: 0, lost: 0, maxMs: 0, bareOk: 0, bareFailed: 0, bareHung: 0, bareMaxMs: 0 });

/** Starts the scenario on its vendor and the shoppers, measures, heals the vendor and stops the shoppers. */
export async function replayIncident(o: ReplayOptions): Promise<ReplayResult> {
  const found = SCENARIOS.find((s) => s.id === o.scenario);
  if (!found) throw new TypeError(`scenario must be one of ${SCENARIOS.map((s) => s.id).join(', ')}; got ${JSON.stringify(o.scenario)}`);
  const sc: Scenario = found;
  const log = o.log ?? (() => {});
  const timeScale = o.timeScale ?? 1;
  const vendorUrl = sc.vendor === 'cart' ? o.cartVendorUrl : o.recsVendorUrl;
  const app = o.app ?? 'smartcart';
  const publicKey = o.publicKey ?? 'pk_demo_smartcart';
  const auth = { authorization: `Bearer ${o.readToken ?? 'rt_demo_read_token'}` };
  const shops = o.shops ?? 50;
  const rate = o.rate ?? 20;
  const getJson = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${vendorUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<ScenarioState>;
  };

  const statusUrl = `${o.collectorUrl}/v1/status/${publicKey}.json`;
  const statusBefore = await getJson(statusUrl);
  const fleet = await startShoppers({
    collector: o.collectorUrl,
    publicKey,
    app,
    shops,
    rate,
    origin: o.storeUrl,
    guards: { smartcart: 0.6, recs: 0.4 },
    backends: {
      smartcart: `${o.cartVendorUrl}/api/v2/settings?shop=demo-store.myshopify.com`,
      recs: `${o.recsVendorUrl}/api/recommendations?product_id=7001&limit=4`,
    },
    withoutLifeboat: o.withoutLifeboat ?? 0.2,
    // Each replay's browsers start fresh, as the first page load of a shopper does.
    storagePrefix: `replay-${sc.id}-${Date.now()}`,
    ...o.shopperOptions,
  });

  let failStart = 0;
  let healAt = 0;
  const firsts: { native?: number; vendorAfterHeal?: number } = {};
  const off = fleet.onEvent((e) => {
    if (e.guard !== sc.guard) return;
    if (e.kind === 'native' && failStart && !healAt && firsts.native === undefined) firsts.native = e.at;
    if (e.kind === 'vendor' && healAt && firsts.vendorAfterHeal === undefined) firsts.vendorAfterHeal = e.at;
  });

  const started = await post('/__chaos/scenario', { scenario: sc.id, timeScale });
  const replayStart = started.startedAt!;
  log(`${sc.title}: started (time ×${timeScale}), ${fleet.browsers} shoppers' browsers at ${rate} calls/s`);

  let atFailure: Outcome | undefined;
  let atHeal: Outcome | undefined;
  let firstFailureAtCollector: number | null = null;
  let incident: ReplayResult['incident'] = null;
  let statusChangedAt: number | null = null;
  let statusEntry: Record<string, unknown> | null = null;
  let statusGen = 0;
  let tabsObeyingAt: number | null = null;
  let statusClearedAt: number | null = null;
  let state: ScenarioState = started;
  let lastPhase = '';
  let settleUntil = Infinity;

  const already = await getJson(`${o.collectorUrl}/v1/apps/${app}/incidents?guard=${sc.guard}&state=open&limit=1`, auth);
  if (already.incidents?.length) log(`  note: incident ${already.incidents[0].id} on ${sc.guard} is still open from before, so no new one opens; use a fresh collector database for clean times`);

  let errors = 0;
  try {
    for (;;) {
      try {
        await poll();
        errors = 0;
      } catch (err) {
        // One failed read (a busy machine) is not the end of the replay; ten in a row are.
        if (++errors >= 10) throw err;
        log(`  (poll failed: ${(err as Error).message}; retrying)`);
      }
      if (!state.running && settleUntil === Infinity) settleUntil = Date.now() + (o.settleMs ?? 0);
      const settled = statusClearedAt !== null || incident === null;
      if (!state.running && (settled || Date.now() >= settleUntil)) break;
      await sleep(500);
    }
  } finally {
    off();
    await fetch(`${vendorUrl}/__chaos/scenario/stop`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"heal":true}' }).catch(() => {});
    await fleet.stop();
  }

  async function poll() {
    {
      state = await getJson(`${vendorUrl}/__chaos/scenario.json`);
      const now = Date.now();
      if (state.phase !== lastPhase) {
        lastPhase = state.phase ?? '';
        log(`  phase ${state.phase}: ${state.label}`);
      }
      const failing = state.log.find((l) => l.chaos.mode !== 'healthy');
      if (failing && !failStart) {
        failStart = failing.at;
        atFailure = fleet.outcomes()[sc.guard];
      }
      const healed = failStart ? state.log.find((l) => l.at > failStart && l.chaos.mode === 'healthy') : undefined;
      if (healed && !healAt) {
        healAt = healed.at;
        atHeal = fleet.outcomes()[sc.guard];
      }

      if (failStart) {
        if (firstFailureAtCollector === null) {
          const h = await getJson(`${o.collectorUrl}/v1/apps/${app}/health?guard=${sc.guard}&step=1&from=${Math.floor(failStart / 60_000) * 60_000}`, auth);
          const pts = (h.series?.[0]?.points ?? []) as { failure: number; timeout: number; reject: number }[];
          if (pts.some((p) => p.failure + p.timeout + p.reject > 0)) firstFailureAtCollector = now;
        }
        const list = await getJson(`${o.collectorUrl}/v1/apps/${app}/incidents?guard=${sc.guard}&limit=5`, auth);
        const inc = (list.incidents as any[]).find((i) => (epoch(i.openedAt) ?? 0) >= replayStart);
        if (inc) {
          if (!incident) log(`  incident ${inc.id} opened`);
          if (incident && !incident.resolvedAt && inc.resolvedAt) log(`  incident ${inc.id} resolved`);
          incident = { id: inc.id, openedAt: epoch(inc.openedAt)!, resolvedAt: epoch(inc.resolvedAt) };
        }
        const doc = await getJson(statusUrl);
        const entry = doc.guards?.[sc.guard] as Record<string, unknown> | undefined;
        if (entry && statusChangedAt === null && doc.generatedAt > (statusBefore.generatedAt ?? 0)) {
          statusChangedAt = doc.generatedAt;
          statusGen = doc.generatedAt;
          statusEntry = entry;
          log(`  status document: ${sc.guard} ${JSON.stringify(entry)}`);
        }
        if (statusGen && tabsObeyingAt === null && fleet.obeying(statusGen) >= 0.9 * fleet.browsers) tabsObeyingAt = now;
        if (statusChangedAt !== null && !entry && statusClearedAt === null && incident?.resolvedAt) {
          statusClearedAt = doc.generatedAt || now;
          log('  status document: guard back to normal');
        }
      }
    }
  }

  const end = fleet.outcomes()[sc.guard] ?? emptyOutcome();
  // Assigned inside poll(): TypeScript cannot see that, so read it through its declared type.
  const inc = incident as ReplayResult['incident'];
  const rel = (t: number | null | undefined) => (t == null ? null : t - failStart);
  return {
    scenario: sc.id,
    title: sc.title,
    guard: sc.guard,
    timeScale,
    shops,
    rate,
    failureStartedAt: failStart,
    times: {
      firstNativeFallback: rel(firsts.native),
      firstFailureAtCollector: rel(firstFailureAtCollector),
      incidentOpened: rel(inc?.openedAt),
      statusChanged: rel(statusChangedAt),
      tabsObeying: rel(tabsObeyingAt),
      healed: healAt - failStart,
      widgetBack: rel(firsts.vendorAfterHeal),
      incidentResolved: rel(inc?.resolvedAt),
      statusCleared: rel(statusClearedAt),
    },
    duringFailure: diff(atHeal ?? end, atFailure),
    afterHeal: diff(end, atHeal),
    incident: inc,
    statusEntry,
    phases: state.log,
  };
}
