import { Charts, type Ctx, type View } from '../viewContext.js';
import { fill, h } from '../dom.js';
import { guardCards } from './guards.js';

/** Every guard of the app over the chosen range. */
export function overview(ctx: Ctx): View {
  const charts = new Charts();
  const body = h('div', { class: 'cards' });
  const el = h('div', {}, h('h1', { class: 'view-title' }, 'Overview'), body);
  return {
    el,
    async refresh() {
      const { from, to } = ctx.range();
      const cards = await guardCards(ctx, charts, { from, to });
      fill(body, ...(cards.length ? cards : [h('p', { class: 'muted' }, 'No guard reported in this range.')]));
    },
    destroy: () => charts.clear(),
  };
}
