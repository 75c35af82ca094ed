import { api, ApiError, q, serverNow } from '../fetchApi.js';
import { chart } from '../chart.js';
import { appPath, Charts, type Ctx, type View } from '../viewContext.js';
import { fill, h, table } from '../dom.js';
import { clock, count, duration, pct, when } from '../format.js';
import type { AuditEntry, MarksAnswer, ModesAnswer, RolloutAnswer } from '../types.js';

const MODES = [
  ['auto', 'Auto', 'Each browser’s own breaker decides (normal operation).'],
  ['open', 'Open', 'Every browser skips the widget and serves its fallback (the native cart).'],
  ['closed', 'Closed', 'Every browser calls the widget, even with its breaker open.'],
] as const;

const DAY = 86_400_000;

/** The kill switch: current modes, a change with a confirmation step, the rollout of the latest changes, the audit trail. */
export function killSwitch(ctx: Ctx): View {
  const charts = new Charts();
  const admin = ctx.session.role === 'admin';
  const modes = h('div');
  const rollouts = h('div');
  const audit = h('div');
  const confirmBox = h('div', { class: 'confirm', hidden: true });

  const guard = h('input', { id: 'sw-guard', name: 'guard', required: true, pattern: '[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}', list: 'sw-guards', autocomplete: 'off' });
  const reason = h('input', { id: 'sw-reason', name: 'reason', maxlength: 200, autocomplete: 'off' });
  const banner = h('input', { id: 'sw-banner', name: 'banner', maxlength: 200, autocomplete: 'off' });
  const radios = MODES.map(([value, label, help], i) =>
    h('div', { class: 'radio' }, h('input', { type: 'radio', name: 'mode', id: `sw-mode-${value}`, value, checked: i === 1, 'aria-describedby': `sw-help-${value}` }), h('label', { for: `sw-mode-${value}` }, label), h('span', { id: `sw-help-${value}`, class: 'muted' }, ` ${help}`)),
  );
  const fieldset = h(
    'fieldset',
    { disabled: !admin },
    h('legend', {}, 'Change a guard’s mode'),
    h('div', { class: 'field' }, h('label', { for: 'sw-guard' }, 'Guard'), guard, h('datalist', { id: 'sw-guards' }, ...ctx.guards.map((g) => h('option', { value: g })))),
    h('fieldset', { class: 'modes' }, h('legend', {}, 'Mode'), ...radios),
    h('div', { class: 'field' }, h('label', { for: 'sw-reason' }, 'Reason (optional, shown in the status document)'), reason),
    h('div', { class: 'field' }, h('label', { for: 'sw-banner' }, 'Banner text for shoppers (optional)'), banner),
    h('button', { type: 'submit' }, 'Review the change'),
  );
  const form = h('form', { id: 'switch', novalidate: false }, fieldset, admin ? null : h('p', { class: 'muted', id: 'read-only' }, 'Signed in with a read token: changing a mode needs an admin session.'));

  const chosen = () => {
    const mode = (form.querySelector<HTMLInputElement>('input[name=mode]:checked')?.value ?? 'auto') as 'auto' | 'open' | 'closed';
    return { guard: guard.value.trim(), mode, reason: reason.value.trim(), banner: banner.value.trim() };
  };

  let expectedMs = 0;
  const apply = async () => {
    const c = chosen();
    const body: Record<string, unknown> = { mode: c.mode };
    if (c.reason) body.reason = c.reason;
    if (c.banner) body.banner = c.banner;
    try {
      const r = await api<{ guard: string; after: { mode: string; updatedAt: number } }>(
        `/v1/admin/apps/${encodeURIComponent(ctx.app)}/guards/${encodeURIComponent(c.guard)}/mode`,
        { method: 'PUT', body },
      );
      confirmBox.hidden = true;
      ctx.say(
        `${r.guard} set to ${r.after.mode} at ${clock(r.after.updatedAt)}. Browsers follow as they re-read the status document: most within about ${duration(expectedMs)}; the rollout below shows how many already do.`,
        'ok',
      );
      ctx.refresh();
    } catch (e) {
      confirmBox.hidden = true;
      ctx.say(e instanceof ApiError ? e.message : String(e), 'error');
    }
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const c = chosen();
    const what = c.mode === 'open' ? 'every browser will stop calling it and serve the fallback' : c.mode === 'closed' ? 'every browser will call it even when its own breaker is open' : 'each browser’s breaker decides again';
    const confirm = h('button', { type: 'button', class: 'danger', onclick: () => void apply() }, `Set ${c.guard} to ${c.mode}`);
    fill(
      confirmBox,
      h('h2', { id: 'confirm-h' }, 'Confirm the change'),
      h('p', {}, `Set ${c.guard} of ${ctx.app} to ${c.mode} for every shop: ${what}. Expected rollout: most browsers within about ${duration(expectedMs)}.`),
      c.reason ? h('p', {}, `Reason: ${c.reason}`) : null,
      c.banner ? h('p', {}, `Banner: ${c.banner}`) : null,
      h('div', { class: 'buttons' }, confirm, h('button', { type: 'button', onclick: () => ((confirmBox.hidden = true), guard.focus()) }, 'Cancel')),
    );
    confirmBox.hidden = false;
    confirm.focus();
  });

  const el = h(
    'div',
    {},
    h('h1', { class: 'view-title' }, 'Kill switch'),
    h('section', { class: 'card', id: 'modes' }, h('h2', {}, 'Modes in the status document'), modes),
    h('section', { class: 'card', id: 'change' }, h('h2', {}, 'Change'), form, confirmBox),
    h('section', { class: 'card', id: 'rollout' }, h('h2', {}, 'Rollout of the latest changes'), rollouts),
    h('section', { class: 'card', id: 'audit' }, h('h2', {}, admin ? 'Audit trail' : 'Changes (last 24 hours)'), audit),
  );

  return {
    el,
    async refresh() {
      const now = serverNow();
      const [m, marks] = await Promise.all([api<ModesAnswer>(`${appPath(ctx)}/modes`), api<MarksAnswer>(`${appPath(ctx)}/marks?${q({ from: now - DAY, to: now + 1 })}`)]);
      fill(
        modes,
        table(
          'Modes in the status document',
          ['Guard', 'Mode', 'Probe', 'Reason', 'Banner', 'Set by', 'Updated'],
          m.modes.map((r) => {
            const g = m.status.guards[r.guard];
            return [r.guard, h('span', { class: `mode-${g?.mode ?? 'auto'}` }, g?.mode ?? 'auto'), g?.probe === undefined ? '' : pct(g.probe, 0), r.reason ?? '', r.banner ?? '', r.setBy, when(r.updatedAt)];
          }),
          'Every guard is on auto.',
        ),
      );

      // The latest change of each guard in the last day, newest first: its rollout since then.
      const latest = new Map<string, MarksAnswer['changes'][number]>();
      for (const c of marks.changes) if (c.guard) latest.set(c.guard, c);
      const recent = [...latest.values()].sort((a, b) => b.at - a.at).slice(0, 3);
      charts.clear();
      const parts = await Promise.all(
        recent.map(async (c) => {
          const r = await api<RolloutAnswer>(`${appPath(ctx)}/rollout?${q({ since: c.at, to: now + 1 })}`);
          expectedMs = r.expected.ms;
          const last = r.points[r.points.length - 1];
          const total = r.points.reduce((a, p) => a + p.batches, 0);
          const obeying = r.points.reduce((a, p) => a + p.obeying, 0);
          const lastShare = last && last.batches ? last.obeying / last.batches : null;
          const fig = charts.add(
            chart({
              title: `Browsers obeying the change (%), per minute`,
              from: c.at - (c.at % 60_000),
              to: Math.max(now, c.at + 10 * 60_000),
              stepMs: 60_000,
              yLabel: '% obeying',
              yRange: [0, 100],
              lines: [{ label: 'obeying %', color: '#6639ba', values: new Map(r.points.map((p) => [p.t, p.batches ? (100 * p.obeying) / p.batches : null])) }],
              marks: [
                { at: c.at, kind: 'mode', label: `${c.guard} set to ${c.mode ?? '?'} by ${c.actor}` },
                { at: c.at + r.expected.ms, kind: 'expected', label: `most browsers expected to obey by then` },
              ],
            }),
          );
          return h(
            'article',
            { class: 'rollout', 'data-guard': c.guard ?? '' },
            h('h3', {}, `${c.guard} → ${c.mode ?? '?'} at ${when(c.at)} (${c.action}, ${c.actor})`),
            h(
              'p',
              { class: 'rollout-figure' },
              last
                ? `${pct(lastShare, 0)} of the browsers that reported in the latest minute obey it (${count(last.obeying)} of ${count(last.batches)} batches); ${count(obeying)} of ${count(total)} since the change.`
                : 'No browser has reported since the change yet.',
            ),
            h('p', { class: 'muted' }, `Expected: most browsers within about ${duration(r.expected.ms)} (${r.expected.parts.map((p) => `${p.name} ${duration(p.ms)}`).join(' + ')}); browsers not on a page follow on their next page.`),
            fig.el,
          );
        }),
      );
      fill(rollouts, ...(parts.length ? parts : [h('p', { class: 'muted' }, 'No mode change in the last 24 hours.')]));
      if (!expectedMs) expectedMs = (await api<RolloutAnswer>(`${appPath(ctx)}/rollout?${q({ since: now - 60_000, to: now + 1 })}`)).expected.ms;

      if (admin) {
        const a = await api<{ entries: AuditEntry[] }>(`/v1/admin/audit?${q({ app: ctx.app, limit: 50 })}`);
        const state = (s: AuditEntry['before']) => (s ? `${s.mode ?? '?'}${s.reason ? ` (${s.reason})` : ''}` : '—');
        fill(audit, table('Audit trail', ['When', 'Who', 'Action', 'Guard', 'Before', 'After'], a.entries.map((e) => [when(e.at), e.actor, e.action, e.guard ?? '', state(e.before), state(e.after)]), 'No change recorded.'));
      } else {
        fill(audit, table('Changes in the last 24 hours', ['When', 'Who', 'Action', 'Guard', 'Mode'], [...marks.changes].reverse().map((c) => [when(c.at), c.actor, c.action, c.guard ?? '', c.mode ?? '']), 'No change in the last 24 hours.'));
      }
    },
    destroy: () => charts.clear(),
  };
}
