import { api, q } from '../fetchApi.js';
import { appPath, Charts, type Ctx, type View } from '../viewContext.js';
import { fill, h, link, table } from '../dom.js';
import { when } from '../format.js';
import type { FleetEvent } from '../types.js';
import { guardCards } from './guards.js';

/** What a beacon event says, as plain text (it is untrusted: it only ever becomes a text node). */
function describe(e: FleetEvent): string {
  const d = e.data ?? {};
  const s = (k: string) => (typeof d[k] === 'string' || typeof d[k] === 'number' ? String(d[k]) : '');
  if (e.kind === 'transition') return `${s('from')} → ${s('to')} (${s('reason')})`;
  if (e.kind === 'fallback') return `fallback: ${s('reason')}${s('served') ? `, served ${s('served')}` : ''}`;
  if (e.kind === 'sdk-error') return `${s('code')}${s('message') ? `: ${s('message')}` : ''}`;
  return JSON.stringify(d).slice(0, 300);
}

/** One shop: the overview's charts for it alone, and its latest breaker transitions, fallbacks and SDK errors. */
export function shop(ctx: Ctx, domain: string): View {
  const charts = new Charts();
  const events = h('div');
  const cards = h('div', { class: 'cards' });
  const el = h(
    'div',
    {},
    h('p', {}, link('#/shops', '← All shops')),
    h('h1', { class: 'view-title' }, `Shop ${domain}`),
    cards,
    h('section', { class: 'card', id: 'ev' }, h('h2', {}, 'Latest events from its browsers'), events),
  );
  return {
    el,
    async refresh() {
      const { from, to } = ctx.range();
      const base = { from, to, shop: domain, limit: 50 };
      const [moves, errors, list] = await Promise.all([
        api<{ events: FleetEvent[] }>(`${appPath(ctx)}/events?${q(base)}`),
        api<{ events: FleetEvent[] }>(`${appPath(ctx)}/events?${q({ ...base, kind: 'sdk-error' })}`),
        guardCards(ctx, charts, { from, to, shop: domain }),
      ]);
      fill(cards, ...(list.length ? list : [h('p', { class: 'muted' }, 'This shop reported nothing in this range.')]));
      const all = [...moves.events, ...errors.events].sort((a, b) => b.at - a.at).slice(0, 50);
      fill(events, table('Latest events of the shop', ['When', 'Kind', 'Guard', 'What'], all.map((e) => [when(e.at), e.kind, e.guard ?? '', describe(e)]), 'No event in this range.'));
    },
    destroy: () => charts.clear(),
  };
}
