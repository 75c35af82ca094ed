// The loader's config decision: the cheap check (no zod) decides on every page; only a config it
// refuses fetches the validate chunk, for zod's explanation. Each "page" re-imports the loader.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Lifeboat } from '@lifeboat/sdk';

const h = vi.hoisted(() => ({
  validator: undefined as unknown as () => Promise<{ validate(raw: unknown): boolean }>,
  widgets: [] as Array<{ name: string }>,
  configs: [] as unknown[],
  reports: [] as Array<{ type: string; code?: string }>,
  instances: [] as Lifeboat[],
}));
vi.mock('./chunks.js', () => ({
  degraded: () => new Promise(() => {}),
  recs: () => new Promise(() => {}),
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

describe('loader config check', () => {
  it('a valid config wires the widgets synchronously on every page, without the validate chunk', async () => {
    setConfig(VALID);
    h.validator = () => Promise.reject(new Error('must not load'));
    vi.resetModules();
    delete (window as { Lifeboat?: unknown }).Lifeboat;
    await import('./loader.js');
    expect(h.widgets.map((w) => w.name)).toEqual(['smartcart']);
    expect(h.configs).toEqual([{ app: 'smartcart', guards: VALID.guards }]);
    // A second copy of the loader (app embed and a leftover script tag) does nothing.
    vi.resetModules();
    await import('./loader.js');
    expect(h.widgets).toHaveLength(1);
    await page();
    expect(h.widgets).toHaveLength(1);
    expect(loads).toBe(0);
  });

  it('invalid config: native mode at once, then the chunk explains (console error names the field)', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...a) => void errors.push(a.join(' ')));
    setConfig(INVALID);
    await page();
    expect(h.widgets).toEqual([]);
    expect(h.configs).toEqual([{}]);
    await vi.waitFor(() => expect(errors.join('\n')).toContain('config.widgets.0.budget'));
    expect(loads).toBe(1);
  });

  it('a widget without a way to know it is ready is refused too', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    setConfig({ ...VALID, widgets: [{ ...VALID.widgets[0], ready: {} }] });
    await page();
    expect(h.widgets).toEqual([]);
    await vi.waitFor(() => expect(loads).toBe(1));
  });

  it('the chunk does not load: still native, and an sdk-error says why', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    setConfig(INVALID);
    h.validator = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
    await page();
    expect(h.widgets).toEqual([]);
    await vi.waitFor(() => expect(h.reports).toEqual([expect.objectContaining({ type: 'sdk-error', code: 'validator-unavailable', message: expect.stringContaining('Failed to fetch') })]));
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
