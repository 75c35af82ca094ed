import { api, q, serverNow } from '../fetchApi.js';
import { appPath, type Ctx, type View } from '../viewContext.js';
import { fill, h, link, table } from '../dom.js';
import { count, pct } from '../format.js';
import type { ShopRow } from '../types.js';

export const shopHref = (shop: string) => `#/shop/${encodeURIComponent(shop)}`;
/** "Right now": the last quarter hour. */
const NOW_MS = 15 * 60_000;

const rows = (list: ShopRow[]) => list.map((s) => [link(shopHref(s.shop), s.shop), s.guard, count(s.calls), pct(s.failureShare), count(s.fallback)]);
const HEAD = ['Shop', 'Guard', 'Calls', 'Failure share', 'Fallbacks'];

/** The most affected shops right now and over the chosen range; each links to its own charts. */
export function shops(ctx: Ctx): View {
  const now = h('div');
  const range = h('div');
  const el = h(
    'div',
    {},
    h('h1', { class: 'view-title' }, 'Shops'),
    h('section', { class: 'card', id: 'now' }, h('h2', {}, 'Most affected right now (last 15 minutes)'), now),
    h('section', { class: 'card', id: 'range' }, h('h2', {}, 'Most affected over the chosen range'), range),
  );
  return {
    el,
    async refresh() {
      const { from, to } = ctx.range();
      const t = serverNow();
      const [a, b] = await Promise.all([
        api<{ shops: ShopRow[] }>(`${appPath(ctx)}/shops?${q({ from: t - NOW_MS, to: t, limit: 20 })}`),
        api<{ shops: ShopRow[] }>(`${appPath(ctx)}/shops?${q({ from, to, limit: 50 })}`),
      ]);
      fill(now, table('Most affected shops right now', HEAD, rows(a.shops), 'No shop reported in the last 15 minutes.'));
      fill(range, table('Most affected shops over the range', HEAD, rows(b.shops), 'No shop reported in this range.'));
    },
    destroy() {},
  };
}
