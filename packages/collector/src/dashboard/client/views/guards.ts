import { api, q } from '../fetchApi.js';
import { chart, markList, type Line, type Mark } from '../chart.js';
import { appPath, type Charts, type Ctx } from '../viewContext.js';
import { h } from '../dom.js';
import { count, ms, pct, share } from '../format.js';
import type { BrowsersAnswer, BrowserTotals, HealthAnswer, HealthPoint, MarksAnswer } from '../types.js';

/** Marks for one guard's charts: its incidents and its mode changes. */
export function marksFor(m: MarksAnswer, guard: string): Mark[] {
  return [
    ...m.incidents.filter((i) => i.guard === guard).map((i): Mark => ({ at: i.openedAt, end: i.resolvedAt, kind: 'incident', label: `incident ${i.state === 'open' ? '(open)' : '(resolved)'} on ${i.guard}` })),
    ...m.changes
      .filter((c) => c.guard === guard)
      .map((c): Mark => ({ at: c.at, kind: 'mode', label: `${c.guard} set to ${c.mode ?? '?'} (${c.action}) by ${c.actor}` })),
  ].sort((a, b) => a.at - b.at);
}

const series = (points: { t: number }[], f: (p: never) => number | null): Map<number, number | null> => new Map(points.map((p) => [p.t, f(p as never)]));

function summary(t: BrowserTotals): HTMLElement {
  const attempts = t.success + t.failure + t.timeout;
  const items: [string, string, string][] = [
    ['calls', 'Calls', count(t.calls)],
    ['failure', 'Failure rate', pct(share(t.failure, attempts))],
    ['timeout', 'Timeout rate', pct(share(t.timeout, attempts))],
    ['fallback', 'Fallback rate', pct(share(t.fallback, t.calls))],
    ['p50', 'p50 latency', ms(t.p50)],
    ['p95', 'p95 latency', ms(t.p95)],
    ['open', 'Browsers with the breaker open', pct(share(t.open, t.batches))],
    ['shops', 'Shops affected', `${count(t.affectedShops)} of ${count(t.shops)}`],
  ];
  return h('dl', { class: 'stats' }, ...items.map(([k, label, v]) => h('div', { class: 'stat', 'data-stat': k }, h('dt', {}, label), h('dd', {}, v))));
}

/**
 * One card per guard: the range's figures and four charts (calls; failure, timeout and fallback
 * rates; latency; browsers with the breaker open and shops affected), all over exactly the range
 * and with the incidents and mode changes marked. `shop` narrows everything to one shop.
 */
export async function guardCards(ctx: Ctx, charts: Charts, o: { from: number; to: number; guard?: string; shop?: string }): Promise<HTMLElement[]> {
  const params = q({ from: o.from, to: o.to, guard: o.guard, shop: o.shop });
  const [health, browsers, marks] = await Promise.all([
    api<HealthAnswer>(`${appPath(ctx)}/health?${params}`),
    api<BrowsersAnswer>(`${appPath(ctx)}/browsers?${params}`),
    api<MarksAnswer>(`${appPath(ctx)}/marks?${q({ from: o.from, to: o.to })}`),
  ]);
  const guards = [...new Set([...health.series.map((s) => s.guard), ...browsers.series.map((s) => s.guard)])].sort();
  charts.clear();
  return guards.map((guard) => {
    const hp = health.series.find((s) => s.guard === guard)?.points ?? [];
    const b = browsers.series.find((s) => s.guard === guard);
    const bp = b?.points ?? [];
    const m = marksFor(marks, guard);
    const base = { from: health.from, to: health.to, stepMs: health.stepMs, marks: m };
    const rate = (f: (p: HealthPoint) => number | null): Map<number, number | null> => series(hp, f as (p: never) => number | null);
    const attempts = (p: HealthPoint) => p.success + p.failure + p.timeout;
    const lines: [string, Line[], string, ([number, number] | undefined)?, string?][] = [
      [
        'Calls per bucket',
        [
          { label: 'calls', color: '#1f6feb', values: rate((p) => p.calls) },
          { label: 'fallbacks', color: '#9a6700', values: rate((p) => p.fallback), dash: [4, 3] },
        ],
        'calls',
      ],
      [
        'Failure, timeout and fallback rate (%)',
        [
          { label: 'failure %', color: '#b00020', values: rate((p) => (attempts(p) ? (100 * p.failure) / attempts(p) : null)) },
          { label: 'timeout %', color: '#8250df', values: rate((p) => (attempts(p) ? (100 * p.timeout) / attempts(p) : null)) },
          { label: 'fallback %', color: '#9a6700', values: rate((p) => (p.calls ? (100 * p.fallback) / p.calls : null)), dash: [4, 3] },
        ],
        '%',
        [0, 100],
      ],
      [
        'Latency (ms)',
        [
          { label: 'p50', color: '#1a7f37', values: rate((p) => p.p50) },
          { label: 'p95', color: '#cf222e', values: rate((p) => p.p95), dash: [4, 3] },
        ],
        'ms',
      ],
      [
        'Browsers with the breaker open (%) and shops affected',
        [
          { label: 'browsers open %', color: '#b00020', values: series(bp, ((p: { batches: number; open: number }) => (p.batches ? (100 * p.open) / p.batches : null)) as (p: never) => number | null) },
          { label: 'shops affected', color: '#1f6feb', values: series(bp, ((p: { affectedShops: number; shops: number }) => (p.shops ? p.affectedShops : null)) as (p: never) => number | null), axis: 'right', dash: [4, 3] },
        ],
        '% browsers',
        [0, 100],
        'shops',
      ],
    ];
    const figures = lines.map(([title, ls, yLabel, yRange, rightLabel]) => charts.add(chart({ ...base, title, lines: ls, yLabel, yRange, rightLabel, listMarks: false })).el);
    const inRange = m.filter((x) => x.at < health.to && (x.end ?? health.to) >= health.from);
    const totals = b?.total ?? { batches: 0, open: 0, shops: 0, affectedShops: 0, calls: 0, success: 0, failure: 0, timeout: 0, reject: 0, fallback: 0, p50: null, p95: null };
    return h('section', { class: 'card guard', 'data-guard': guard, 'aria-labelledby': `g-${guard}` }, h('h2', { id: `g-${guard}` }, guard), summary(totals), h('div', { class: 'charts' }, ...figures), inRange.length ? h('div', { class: 'marked' }, h('h3', {}, 'Marked on the charts'), markList(inRange)) : null);
  });
}
