import { api, q, serverNow } from '../fetchApi.js';
import { appPath, type Ctx, type View } from '../viewContext.js';
import { fill, h, link, table } from '../dom.js';
import { duration, pct, when } from '../format.js';
import type { Incident } from '../types.js';

export const incidentHref = (id: string) => `#/incident/${encodeURIComponent(id)}`;

/** Open incidents, then past ones, newest first; each links to its timeline. */
export function incidents(ctx: Ctx): View {
  const open = h('section', { class: 'card', id: 'open' }, h('h2', {}, 'Open incidents'), h('div'));
  const past = h('section', { class: 'card', id: 'past' }, h('h2', {}, 'Past incidents'), h('div'));
  const el = h('div', {}, h('h1', { class: 'view-title' }, 'Incidents'), open, past);
  const row = (i: Incident) => [
    link(incidentHref(i.id), i.guard),
    when(i.openedAt),
    i.resolvedAt ? when(i.resolvedAt) : 'open',
    duration((i.resolvedAt ?? serverNow()) - i.openedAt),
    i.cause,
    pct(i.peakShare),
    String(i.peakShops),
  ];
  const head = ['Guard', 'Opened', 'Resolved', 'Duration', 'Cause', 'Peak failure share', 'Peak shops'];
  return {
    el,
    async refresh() {
      const r = await api<{ incidents: Incident[] }>(`${appPath(ctx)}/incidents?${q({ limit: 200 })}`);
      fill(open.lastElementChild!, table('Open incidents', head, r.incidents.filter((i) => i.state === 'open').map(row), 'No open incident.'));
      fill(past.lastElementChild!, table('Past incidents', head, r.incidents.filter((i) => i.state !== 'open').map(row), 'No past incident.'));
    },
    destroy() {},
  };
}
