/** The numbers a run is judged by (the `--json` fields), from its seconds. */
import type { RunResult, SimOptions } from './sim.js';

export interface Summary {
  name: string;
  /** 1 − offered load in the 10 s ending 60 s after onset / healthy offered load. */
  loadCutAt60s: number;
  /** Most probes in flight at once, as a share of the fleet's browsers. */
  maxProbeShare: number;
  /** Seconds from capacity's return until goodput holds ≥ 95 % of the healthy load for 30 s; null: not within the run. */
  recoverySeconds: number | null;
  /** Highest offered load / capacity (10 s averages) from capacity's return to the end. */
  peakOverCapacity: number;
  /** Per shopper, total wait on the widget during the incident and 5 min after, ms. */
  waitPerShopperMs: { p50: number; p99: number };
  /** Status requests reaching the origin (the collector, behind the CDN) per second: the highest 10 s average. */
  statusOriginRps: number;
  /** …and the mean over the run. */
  statusOriginMeanRps: number;
  /** Share of pages on the fallback during the incident. */
  fallbackShare: number;
  /** Kill switch only: new pages / open pages still calling the backend this long after the change, s. */
  killNewPagesS?: number;
  killOpenPagesS?: number;
  killBackS?: number;
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const pct = (xs: number[], p: number) => {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

export function summarise(r: RunResult, o: SimOptions): Summary {
  const sec = r.seconds;
  const on = Math.round(o.incidentAt / 1000);
  const heal = Math.round((o.incidentAt + o.incidentFor) / 1000);
  const healthy = r.healthyOffered;
  const span = (a: number, b: number) => sec.filter((s) => s.t >= a && s.t < b);
  const at60 = avg(span(on + 50, on + 60).map((s) => s.offered));
  let recovery: number | null = null;
  for (let t = heal; t + 30 <= sec.length; t++) {
    if (span(t, t + 30).every((s) => s.goodput >= 0.95 * healthy) || avg(span(t, t + 30).map((s) => s.goodput)) >= 0.95 * healthy) {
      recovery = t - heal;
      break;
    }
  }
  let peak = 0;
  for (let t = heal; t + 10 <= sec.length; t += 1) {
    const w = span(t, t + 10);
    peak = Math.max(peak, avg(w.map((s) => s.offered)) / Math.max(1, avg(w.map((s) => s.capacity))));
  }
  let originPeak = 0;
  for (let t = 0; t + 10 <= sec.length; t += 10) originPeak = Math.max(originPeak, avg(span(t, t + 10).map((s) => s.statusOrigin)));
  const inc = span(on, heal);
  const pages = inc.reduce((a, s) => a + s.pages, 0);
  return {
    name: r.name,
    loadCutAt60s: round(1 - at60 / healthy),
    maxProbeShare: round(Math.max(0, ...sec.map((s) => s.probes)) / o.browsers, 5),
    recoverySeconds: recovery,
    peakOverCapacity: round(peak),
    waitPerShopperMs: { p50: Math.round(pct(r.shopperWait, 0.5)), p99: Math.round(pct(r.shopperWait, 0.99)) },
    statusOriginRps: round(originPeak),
    statusOriginMeanRps: round(avg(sec.map((s) => s.statusOrigin))),
    fallbackShare: round(pages ? inc.reduce((a, s) => a + s.fallback, 0) / pages : 0),
    ...(r.kill && { killNewPagesS: round(r.kill.newPagesMs / 1000, 1), killOpenPagesS: round(r.kill.openPagesMs / 1000, 1), killBackS: round(r.kill.backMs / 1000, 1) }),
  };
}

/** What `--json` prints per strategy: exactly these fields. */
export const toJson = ({ name, loadCutAt60s, maxProbeShare, recoverySeconds, peakOverCapacity, waitPerShopperMs, statusOriginRps }: Summary) => ({
  name,
  loadCutAt60s,
  maxProbeShare,
  recoverySeconds,
  peakOverCapacity,
  waitPerShopperMs,
  statusOriginRps,
});
