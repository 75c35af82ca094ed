// The staged loader (stage 0): the cheap config check on every page, the widget started before
// the SDK core is here, `window.Lifeboat` keeping calls until the core chunk arrives, and the
// validate chunk only for a config the check refused. Each "page" re-imports the loader module.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lifeboat } from '@lifeboat/sdk/core';
import * as coreChunk from './core.js';

const h = vi.hoisted(() => ({
  validator: undefined as unknown as () => Promise<{ validate(raw: unknown): boolean }>,
  core: undefined as unknown as () => Promise<unknown>,
  coreLoads: 0,
  widgets: [] as Array<{ name: string; started: unknown }>,
  configs: [] as unknown[],
  reports: [] as Array<{ type: string; code?: string; message?: string }>,
  instances: [] as Lifeboat[],
}));
vi.mock('./chunks.js', () => ({
  core: () => (h.coreLoads++, h.core()),
  degraded: () => new Promise(() => {}),
  validator: () => h.validator(),
  breaker: () => import('@lifeboat/sdk/breaker'),
  recs: () => new Promise(() => {}),
}));
vi.mock('./widget/guardWidget.js', () => ({
  guardWidget: (_lb: unknown, w: { name: string }, deps: { started?: Promise<unknown> }) => {
    h.widgets.push({ name: w.name, started: deps.started });
    return { done: new Promise(() => {}), state: 'starting', stop() {} };
  },
}));
vi.mock('@lifeboat/sdk/core', async (orig) => {
  const m = await orig<typeof import('@lifeboat/sdk/core')>();
  return {
    ...m,
    createCore: (c: unknown, env: undefined, parts: Parameters<typeof m.createCore>[2]) => {
      h.configs.push(c);
      const lb = m.createCore(c, env, parts);
      h.instances.push(lb);
      const report = lb.report.bind(lb);
      lb.report = (e) => (h.reports.push(e as never), report(e));
      return lb;
    },
  };
});

const WIDGET = { name: 'smartcart', script: 'https://cdn.example/smartcart.js', ready: { event: 'smartcart:ready' }, budget: 3000 };
const VALID = { app: 'smartcart', guards: { smartcart: { timeout: 3500, volumeThreshold: 1 } }, widgets: [WIDGET] };
const INVALID = { ...VALID, widgets: [{ ...WIDGET, budget: '2s' }] };

let validates = 0;
const realValidator = () => (validates++, import('./validate.js'));
const realCore = () => Promise.resolve(coreChunk);
const win = () => window as unknown as { Lifeboat?: Lifeboat };
const widgetScripts = () => [...document.querySelectorAll('script[src]')].map((s) => (s as HTMLScriptElement).src);

function setConfig(c: unknown) {
  document.getElementById('lifeboat-config')?.remove();
  const el = document.createElement('script');
  el.type = 'application/json';
  el.id = 'lifeboat-config';
  el.textContent = typeof c === 'string' ? c : JSON.stringify(c);
  document.head.append(el);
}

/** One page view: a fresh loader run (the module is evaluated again). */
async function page() {
  // The previous page's idle fetch fires first: it must not land in this page's counts.
  await new Promise((r) => setTimeout(r, 20));
  for (const lb of h.instances.splice(0)) lb.destroy();
  delete win().Lifeboat;
  for (const s of document.querySelectorAll('script[src]')) s.remove();
  Object.assign(h, { widgets: [], configs: [], reports: [], coreLoads: 0 });
  vi.resetModules();
  await import('./loader.js');
}

beforeEach(() => {
  validates = 0;
  h.validator = realValidator;
  h.core = realCore;
});
afterEach(() => {
  vi.restoreAllMocks();
  for (const lb of h.instances.splice(0)) lb.destroy();
  delete win().Lifeboat;
  document.getElementById('lifeboat-config')?.remove();
});

describe('stage 0: a valid config', () => {
  it('window.Lifeboat at once; the widget is injected before the core is here; no validate chunk', async () => {
    h.core = () => new Promise(() => {}); // the core never arrives on this page
    setConfig(VALID);
    await page();
    expect(win().Lifeboat).toBeDefined();
    await vi.waitFor(() => expect(widgetScripts()).toEqual([WIDGET.script]));
    expect(validates).toBe(0);
    expect(win().Lifeboat!.state('smartcart')).toBe('closed');
  });

  it('the core takes the started widget over once it arrives (at idle on a healthy page)', async () => {
    setConfig(VALID);
    await page();
    await vi.waitFor(() => expect(h.widgets.map((w) => w.name)).toEqual(['smartcart']), { timeout: 5000 });
    expect(h.configs).toEqual([{ app: 'smartcart', guards: VALID.guards }]);
    const started = (await h.widgets[0].started) as { injected: { url: string } };
    expect(started.injected.url).toBe(WIDGET.script);
    expect(widgetScripts()).toHaveLength(1); // injected once, by the loader
    expect(h.coreLoads).toBe(1);
  });

  it('calls made before the core are kept and made on it: run resolves, listeners hear, reports arrive', async () => {
    let arrive!: () => void;
    const gate = new Promise<void>((r) => (arrive = r));
    h.core = () => gate.then(realCore);
    setConfig({ ...VALID, widgets: [] });
    await page();
    const lb = win().Lifeboat!;
    const heard: string[] = [];
    lb.on('fallback', (e) => heard.push(e.guard));
    lb.report({ type: 'banner', action: 'shown', guard: 'smartcart' });
    const r = lb.run('recs', () => Promise.reject(new Error('down')), { fallback: 'none' });
    expect(h.coreLoads).toBe(1); // the first run asks for the core at once
    arrive();
    await expect(r).resolves.toMatchObject({ value: 'none', fromFallback: true });
    expect(heard).toEqual(['recs']);
    expect(h.reports).toContainEqual(expect.objectContaining({ type: 'banner', action: 'shown' }));
    await expect(lb.ready).resolves.toBeUndefined();
    expect(lb.config.app).toBe('smartcart');
  });

  it('a second copy of the loader (app embed and a leftover script tag) does nothing', async () => {
    setConfig(VALID);
    await page();
    const first = win().Lifeboat;
    vi.resetModules();
    await import('./loader.js');
    expect(win().Lifeboat).toBe(first);
    await vi.waitFor(() => expect(widgetScripts()).toHaveLength(1));
  });

});

describe('stage 0: a config the check refuses', () => {
  it('native mode: no widget; only then the validate chunk explains (console error names the field)', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    setConfig(INVALID);
    await page();
    await vi.waitFor(() => expect(errors.join('\n')).toContain('config.widgets.0.budget'));
    expect(widgetScripts()).toEqual([]);
    await vi.waitFor(() => expect(h.configs).toEqual([{}]));
    expect(h.widgets).toEqual([]);
    expect(validates).toBe(1);
  });

  it('a widget without a way to know it is ready is refused too', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    setConfig({ ...VALID, widgets: [{ ...WIDGET, ready: {} }] });
    await page();
    await vi.waitFor(() => expect(validates).toBe(1));
    expect(widgetScripts()).toEqual([]);
  });

  it('the validate chunk does not load: still native, and an sdk-error says why', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    setConfig(INVALID);
    h.validator = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    await page();
    await vi.waitFor(() => expect(h.reports).toContainEqual(expect.objectContaining({ type: 'sdk-error', code: 'validator-unavailable', message: expect.stringContaining('Failed to fetch') })));
    expect(widgetScripts()).toEqual([]);
  });

  it('no config element or bad JSON: native mode, no validate chunk', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await page();
    await vi.waitFor(() => expect(h.configs).toEqual([{}]));
    setConfig('{oops');
    await page();
    await vi.waitFor(() => expect(h.configs).toEqual([{}]));
    expect(validates).toBe(0);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('native mode'), expect.stringContaining('not valid JSON'));
  });

  it('a bad recommendations selector: nothing is thrown on the page, no widget is loaded, the loader reports it', async () => {
    const thrown: unknown[] = [];
    const onError = (e: ErrorEvent) => thrown.push(e.error);
    window.addEventListener('error', onError);
    const printed = vi.spyOn(console, 'error').mockImplementation(() => {});
    setConfig({ ...VALID, recommendations: { selector: '###' } });
    await page();
    await vi.waitFor(() => expect(h.reports).toContainEqual(expect.objectContaining({ type: 'sdk-error', code: 'loader-failed' })), { timeout: 3000 });
    window.removeEventListener('error', onError);
    expect(thrown).toEqual([]);
    expect(widgetScripts()).toEqual([]);
    expect(printed).toHaveBeenCalled();
  });
});
