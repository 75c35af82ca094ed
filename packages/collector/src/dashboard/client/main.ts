import { api, ApiError, serverNow, setServerTime, setSession, whenSignedOut, type Session } from './fetchApi.js';
import type { Ctx, View } from './viewContext.js';
import { fill, h } from './dom.js';
import { clock } from './format.js';
import { signIn } from './signin.js';
import { incident } from './views/incident.js';
import { incidents } from './views/incidents.js';
import { killSwitch } from './views/killswitch.js';
import { overview } from './views/overview.js';
import { shop } from './views/shop.js';
import { shops } from './views/shops.js';

/** How often a live range is re-read. */
const POLL_MS = 10_000;
const RANGES: [string, string, number][] = [
  ['1h', 'Last hour', 3_600_000],
  ['24h', 'Last 24 hours', 86_400_000],
  ['7d', 'Last 7 days', 7 * 86_400_000],
  ['custom', 'Custom range', 0],
];
const NAV: [string, string][] = [
  ['overview', 'Overview'],
  ['incidents', 'Incidents'],
  ['shops', 'Shops'],
  ['switch', 'Kill switch'],
];

const root = document.getElementById('root')!;

function route(): { name: string; arg?: string } {
  const m = /^#\/([a-z]+)(?:\/(.+))?$/.exec(location.hash);
  return m ? { name: m[1], arg: m[2] ? decodeURIComponent(m[2]) : undefined } : { name: 'overview' };
}

/** `datetime-local` value of an epoch ms, in the viewer's time zone. */
const localInput = (t: number) => {
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

async function start(session: Session) {
  setSession(session);
  setServerTime(session.now);
  const { apps } = await api<{ apps: { app: string; guards: string[]; openIncidents: number }[] }>('/v1/apps');
  let timer: number | undefined;
  let view: View | undefined;
  let busy = false;
  let ticks = 0;

  const appSelect = h('select', { id: 'app', name: 'app' }, ...apps.map((a) => h('option', { value: a.app }, a.openIncidents ? `${a.app} (${a.openIncidents} open)` : a.app)));
  const rangeSelect = h('select', { id: 'range', name: 'range' }, ...RANGES.map(([v, label]) => h('option', { value: v }, label)));
  const fromInput = h('input', { id: 'from', type: 'datetime-local', value: localInput(serverNow() - 3_600_000) });
  const toInput = h('input', { id: 'to', type: 'datetime-local', value: localInput(serverNow()) });
  const custom = h('div', { class: 'custom', hidden: true }, h('label', { for: 'from' }, 'From'), fromInput, h('label', { for: 'to' }, 'To'), toInput, h('button', { type: 'button', id: 'apply-range', onclick: () => load() }, 'Show'));
  const live = h('p', { id: 'live', class: 'live' });
  const message = h('p', { id: 'message', role: 'status' });
  const main = h('main', { id: 'main' });
  const nav = h('nav', { 'aria-label': 'Views' }, h('ul', {}, ...NAV.map(([r, label]) => h('li', {}, h('a', { href: `#/${r}`, 'data-route': r }, label)))));
  const signOut = h('button', { type: 'button', id: 'signout' }, 'Sign out');
  const header = h(
    'header',
    { class: 'top' },
    h('p', { class: 'brand' }, 'Lifeboat fleet'),
    nav,
    h('div', { class: 'controls' }, h('label', { for: 'app' }, 'App'), appSelect, h('label', { for: 'range' }, 'Range'), rangeSelect, custom),
    h('p', { class: 'who' }, h('span', { id: 'role', class: `role role-${session.role}` }, `Signed in: ${session.role}`), ' ', signOut),
  );
  const viewBox = h('div', { id: 'view' });
  fill(main, h('div', { class: 'bar' }, live, message), viewBox);
  fill(root, header, main);

  const range = () => {
    const r = RANGES.find(([v]) => v === rangeSelect.value)!;
    if (r[0] !== 'custom') {
      const to = serverNow();
      return { from: to - r[2], to, live: true };
    }
    const from = new Date(fromInput.value).getTime();
    const to = new Date(toInput.value).getTime();
    return { from, to, live: false };
  };
  const say = (text: string, kind?: 'ok' | 'error') => {
    message.textContent = text;
    message.className = kind ?? '';
  };
  const ctx: Ctx = {
    session,
    app: appSelect.value,
    guards: apps.find((a) => a.app === appSelect.value)?.guards ?? [],
    range,
    say,
    refresh: () => void tick(),
  };

  const tick = async () => {
    if (!view || busy) return;
    busy = true;
    try {
      // The session first: it may have ended (then back to sign-in), and it carries the collector's clock.
      const s = await api<Session | { role: null; now?: number }>('/dashboard/session');
      setServerTime(s.now);
      if (!s.role) throw new ApiError(401, 'signed out');
      await view.refresh();
      live.textContent = `${range().live ? 'Live, updated every 10 s' : 'Fixed range'} · last update ${clock(serverNow())}`;
      live.classList.remove('stale');
      // For tests and scripts: how many refreshes have completed on this page.
      root.dataset.ticks = String(++ticks);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        if (view) signedOut();
        return;
      }
      live.textContent = `Update failed at ${clock(serverNow())}: ${e instanceof Error ? e.message : String(e)} (showing the last data)`;
      live.classList.add('stale');
    } finally {
      busy = false;
    }
  };

  const load = () => {
    const r = range();
    if (!(r.from < r.to)) return say('Custom range: "From" must be before "To".', 'error');
    view?.destroy();
    const { name, arg } = route();
    view =
      name === 'incidents'
        ? incidents(ctx)
        : name === 'incident' && arg
          ? incident(ctx, arg)
          : name === 'shops'
            ? shops(ctx)
            : name === 'shop' && arg
              ? shop(ctx, arg)
              : name === 'switch'
                ? killSwitch(ctx)
                : overview(ctx);
    nav.querySelectorAll('a').forEach((a) => (a.dataset.route === (name === 'incident' ? 'incidents' : name === 'shop' ? 'shops' : name) ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current')));
    fill(viewBox, view.el);
    ticks = 0;
    delete root.dataset.ticks;
    clearInterval(timer);
    void tick();
    if (r.live) timer = window.setInterval(() => document.visibilityState === 'visible' && void tick(), POLL_MS);
  };

  appSelect.addEventListener('change', () => {
    ctx.app = appSelect.value;
    ctx.guards = apps.find((a) => a.app === ctx.app)?.guards ?? [];
    say('');
    load();
  });
  rangeSelect.addEventListener('change', () => {
    custom.hidden = rangeSelect.value !== 'custom';
    if (rangeSelect.value !== 'custom') load();
  });
  window.addEventListener('hashchange', () => {
    say('');
    load();
  });
  signOut.addEventListener('click', async () => {
    clearInterval(timer);
    view?.destroy();
    await api('/dashboard/session', { method: 'DELETE' }).catch(() => undefined);
    setSession(null);
    showSignIn('Signed out.');
  });
  const signedOut = () => {
    clearInterval(timer);
    view?.destroy();
    view = undefined;
    showSignIn('Your session ended: sign in again.');
  };
  whenSignedOut(signedOut);
  load();
}

function showSignIn(note?: string) {
  fill(root, signIn((s) => void start(s).catch(fatal), note));
}

function fatal(e: unknown) {
  fill(root, h('main', { id: 'main' }, h('h1', {}, 'Lifeboat fleet'), h('p', { class: 'error', role: 'alert' }, `The dashboard could not start: ${e instanceof Error ? e.message : String(e)}`)));
}

api<Session | { role: null }>('/dashboard/session').then(
  (s) => (s.role ? start(s as Session).catch(fatal) : showSignIn()),
  () => showSignIn(),
);
