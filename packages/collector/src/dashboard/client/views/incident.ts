import { api, q, serverNow } from '../fetchApi.js';
import { appPath, Charts, type Ctx, type View } from '../viewContext.js';
import { fill, h, link, table } from '../dom.js';
import { count, duration, pct, when } from '../format.js';
import type { AlertDelivery, Incident, MarksAnswer, ShopRow } from '../types.js';
import { guardCards } from './guards.js';
import { shopHref } from './shops.js';

/** Minutes of context shown before and after an incident's window. */
const AROUND_MS = 15 * 60_000;

const KIND: Record<string, string> = { opened: 'Opened', updated: 'Escalated', calming: 'Calming', resolved: 'Resolved' };

interface Step {
  at: number;
  what: string;
  detail: string;
}

/** One incident: its timeline (detector steps, modes set, alerts and their delivery), its charts around the window, the shops it hit most. */
export function incident(ctx: Ctx, id: string): View {
  const charts = new Charts();
  const head = h('div');
  const steps = h('div');
  const shops = h('div');
  const cards = h('div', { class: 'cards' });
  const el = h(
    'div',
    {},
    h('p', {}, link('#/incidents', '← All incidents')),
    head,
    h('section', { class: 'card', id: 'tl' }, h('h2', {}, 'Timeline'), steps),
    h('section', { class: 'card', id: 'ms' }, h('h2', {}, 'Most affected shops during the incident'), shops),
    cards,
  );
  return {
    el,
    async refresh() {
      const inc = await api<Incident>(`${appPath(ctx)}/incidents/${encodeURIComponent(id)}`);
      const end = inc.resolvedAt ?? serverNow();
      const from = inc.openedAt - AROUND_MS;
      const to = Math.min(serverNow(), end + AROUND_MS);
      const [alerts, marks, top] = await Promise.all([
        api<{ alerts: AlertDelivery[] }>(`${appPath(ctx)}/incidents/${encodeURIComponent(id)}/alerts`),
        api<MarksAnswer>(`${appPath(ctx)}/marks?${q({ from, to: Math.max(to, from + 1) })}`),
        api<{ shops: ShopRow[] }>(`${appPath(ctx)}/shops?${q({ from: inc.openedAt, to: Math.max(end, inc.openedAt + 60_000), guard: inc.guard, limit: 10 })}`),
      ]);
      fill(
        head,
        h('h1', { class: 'view-title' }, `Incident on ${inc.guard}`),
        h(
          'dl',
          { class: 'stats' },
          ...([
            ['State', inc.state],
            ['Opened', when(inc.openedAt)],
            ['Resolved', inc.resolvedAt ? when(inc.resolvedAt) : 'still open'],
            ['Duration', duration(end - inc.openedAt)],
            ['Cause', inc.cause],
            ['Peak failure share', pct(inc.peakShare)],
            ['Peak shops affected', count(inc.peakShops)],
          ] as const).map(([k, v]) => h('div', { class: 'stat' }, h('dt', {}, k), h('dd', {}, v))),
        ),
      );
      const list: Step[] = [
        ...inc.timeline.map((t) => ({
          at: t.at,
          what: KIND[t.kind] ?? t.kind,
          detail: `${t.note ? `${t.note} · ` : ''}failure share ${pct(t.share)}, breakers open in ${pct(t.openShare)} of shops, ${count(t.calls)} calls, ${count(t.shops)} shops affected`,
        })),
        ...marks.changes
          .filter((c) => c.guard === inc.guard && (c.incident === inc.id || (c.at >= inc.openedAt && c.at <= end)))
          .map((c) => ({ at: c.at, what: 'Mode set', detail: `${c.mode ?? '?'} (${c.action}) by ${c.actor}` })),
        ...alerts.alerts.map((a) => ({
          at: a.sentAt ?? a.createdAt,
          what: 'Alert',
          detail: `${a.event} to ${a.target} (${a.format}): ${a.state}${a.sentAt ? ` at ${when(a.sentAt)}` : ''}, ${a.attempts} attempt${a.attempts === 1 ? '' : 's'}${a.lastError ? ` — last error: ${a.lastError}` : ''}`,
        })),
      ].sort((a, b) => a.at - b.at);
      fill(steps, h('ol', { class: 'timeline' }, ...list.map((s) => h('li', { 'data-step': s.what }, h('time', { datetime: new Date(s.at).toISOString() }, when(s.at)), ' ', h('strong', {}, s.what), ': ', s.detail))));
      fill(
        shops,
        table('Most affected shops during the incident', ['Shop', 'Calls', 'Failure share', 'Fallbacks'], top.shops.map((s) => [link(shopHref(s.shop), s.shop), count(s.calls), pct(s.failureShare), count(s.fallback)]), 'No shop reported.'),
      );
      fill(cards, ...(await guardCards(ctx, charts, { from, to: Math.max(to, from + 60_000), guard: inc.guard })));
    },
    destroy: () => charts.clear(),
  };
}
