// The loader's config decision (config/verdict.ts): the validate chunk is the only judge and its
// pass is cached per exact config text. Each "page" re-imports the loader module.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lifeboat } from '@lifeboat/sdk';
import { VERDICT_KEY } from './config/verdict.js';

const h = vi.hoisted(() => ({
  validator: undefined as unknown as () => Promise<{ validate(raw: unknown): boolean }>,
  widgets: [] as Array<{ name: string }>,
  configs: [] as unknown[],
  reports: [] as Array<{ type: string; code?: string }>,
  instances: [] as Lifeboat[],
}));
vi.mock('./chunks.js', () => ({
  degraded: () => new Promise(() => {}),
  validator: () => h.validator(),
  breaker: () => new Promise(() => {}),
}));
vi.mock('./widget/guardWidget.js', () => ({
  guardWidget: (_lb: unknown, w: { name: string }) => {
    h.widgets.push(w);
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

const VALID = { app: 'smartcart', guards: { smartcart: { timeout: 3500, volumeThreshold: 1 } }, widgets: [{ name: 'smartcart', script: 'https://cdn.example/smartcart.js', ready: { event: 'smartcart:ready' }, budget: 3000 }] };
const INVALID = { ...VALID, widgets: [{ ...VALID.widgets[0], budget: '2s' }] };

let loads = 0;
const realChunk = () => (loads++, import('./validate.js'));

function setConfig(c: unknown) {
  document.getElementById('lifeboat-config')?.remove();
  const el = document.createElement('script');
  el.type = 'application/json';
  el.id = 'lifeboat-config';
  el.textContent = JSON.stringify(c);
  document.head.append(el);
}

/** One page view: a fresh loader run; resolves once the verdict (if any) is acted on. */
async function page() {
  for (const lb of h.instances.splice(0)) lb.destroy();
  delete (window as { Lifeboat?: unknown }).Lifeboat;
  h.widgets.length = 0;
  h.configs.length = 0;
  h.reports.length = 0;
  vi.resetModules();
  await import('./loader.js');
  await vi.waitFor(() => expect((window as { Lifeboat?: unknown }).Lifeboat).toBeDefined());
  await new Promise((r) => setTimeout(r, 0));
}

beforeEach(() => {
  localStorage.clear();
  loads = 0;
  h.validator = realChunk;
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  for (const lb of h.instances.splice(0)) lb.destroy();
  delete (window as { Lifeboat?: unknown }).Lifeboat;
  document.getElementById('lifeboat-config')?.remove();
});

describe('loader config verdict', () => {
  it('first page: loads the validate chunk, wires nothing before the pass, then stores it; second page: no chunk', async () => {
    setConfig(VALID);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    h.validator = () => gate.then(realChunk);
    vi.resetModules();
    delete (window as { Lifeboat?: unknown }).Lifeboat;
    await import('./loader.js');
    // Awaiting the verdict: no instance, no widget, and a second copy of the loader does nothing.
    expect((window as { Lifeboat?: unknown }).Lifeboat).toBeUndefined();
    expect(h.widgets).toEqual([]);
    vi.resetModules();
    await import('./loader.js');
    release();
    await vi.waitFor(() => expect(h.widgets.map((w) => w.name)).toEqual(['smartcart']));
    expect(loads).toBe(1);
    expect(h.configs).toHaveLength(1);
    expect(localStorage.getItem(VERDICT_KEY)).toBeTruthy();
    expect(document.getElementById('lifeboat-config')!.hasAttribute('data-lifeboat-validating')).toBe(false);

    await page();
    expect(loads).toBe(1);
    expect(h.widgets.map((w) => w.name)).toEqual(['smartcart']);
    expect(h.configs).toEqual([{ app: 'smartcart', guards: VALID.guards }]);
  });

  it('a hit wires the widgets synchronously, without the chunk', async () => {
    setConfig(VALID);
    await page();
    expect(loads).toBe(1);
    h.validator = () => Promise.reject(new Error('must not load'));
    for (const lb of h.instances.splice(0)) lb.destroy();
    delete (window as { Lifeboat?: unknown }).Lifeboat;
    h.widgets.length = 0;
    vi.resetModules();
    await import('./loader.js');
    expect(h.widgets.map((w) => w.name)).toEqual(['smartcart']);
    expect((window as { Lifeboat?: unknown }).Lifeboat).toBeDefined();
  });

  it('invalid config: console error names the field, native mode, nothing stored', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    setConfig(INVALID);
    await page();
    expect(errors.join('\n')).toContain('config.widgets.0.budget');
    expect(h.widgets).toEqual([]);
    expect(h.configs).toEqual([{}]);
    expect(localStorage.getItem(VERDICT_KEY)).toBeNull();
    await page();
    expect(loads).toBe(2);
  });

  it('a changed config is validated again; a change back to the stored text is a hit', async () => {
    setConfig(VALID);
    await page();
    const stored = localStorage.getItem(VERDICT_KEY);
    setConfig({ ...VALID, debug: false });
    await page();
    expect(loads).toBe(2);
    expect(localStorage.getItem(VERDICT_KEY)).not.toBe(stored);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    setConfig(INVALID);
    await page();
    expect(loads).toBe(3);
    expect(h.widgets).toEqual([]);
    setConfig({ ...VALID, debug: false });
    await page();
    expect(loads).toBe(3);
    expect(h.widgets).toHaveLength(1);
  });

  it('the same config with other whitespace is other text: validated again', async () => {
    setConfig(VALID);
    await page();
    document.getElementById('lifeboat-config')!.textContent = JSON.stringify(VALID, null, 2);
    await page();
    expect(loads).toBe(2);
  });

  it('storage that throws: validates on every page, still wires a valid config', async () => {
    const blocked = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    vi.stubGlobal('localStorage', { getItem: blocked, setItem: blocked, removeItem: blocked, clear: blocked });
    setConfig(VALID);
    await page();
    await vi.waitFor(() => expect(h.widgets).toHaveLength(1));
    await page();
    await vi.waitFor(() => expect(h.widgets).toHaveLength(1));
    expect(loads).toBe(2);
  });

  it('the chunk does not load: native mode for this page, sdk-error, nothing stored; the next page tries again', async () => {
    setConfig(VALID);
    h.validator = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    await page();
    expect(h.widgets).toEqual([]);
    expect(h.configs).toEqual([{}]);
    expect(h.reports).toEqual([expect.objectContaining({ type: 'sdk-error', code: 'validator-unavailable', message: expect.stringContaining('Failed to fetch') })]);
    expect(localStorage.getItem(VERDICT_KEY)).toBeNull();
    h.validator = realChunk;
    await page();
    expect(h.widgets).toHaveLength(1);
    expect(localStorage.getItem(VERDICT_KEY)).toBeTruthy();
  });

  it('no config element or bad JSON: native mode at once, no chunk', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await page();
    expect(h.configs).toEqual([{}]);
    document.head.insertAdjacentHTML('beforeend', '<script type="application/json" id="lifeboat-config">{oops</script>');
    await page();
    expect(h.configs).toEqual([{}]);
    expect(loads).toBe(0);
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('native mode'), expect.stringContaining('not valid JSON'));
  });
});

describe('loader recommendations start', () => {
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
    expect(h.widgets).toEqual([]);
    expect(printed).toHaveBeenCalled();
  });
});
