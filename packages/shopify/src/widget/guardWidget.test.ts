import { beforeEach, describe, expect, it, vi } from 'vitest';
import { guardWidget, type DegradedPath } from './guardWidget.js';
import { fakeLifeboat } from '../../test/support/fakeLifeboat.js';
import { startWidget } from '../stage0/startWidget.js';

const SCRIPT = 'https://vendor.invalid/smartcart.js';

// happy-dom must not fetch the vendor's script: the tests play the widget themselves.
const hd = (window as unknown as { happyDOM?: { settings: { disableJavaScriptFileLoading: boolean; handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM;
if (hd) {
  hd.settings.disableJavaScriptFileLoading = true;
  hd.settings.handleDisabledFileLoadingAsSuccess = true;
}

const scripts = () => [...document.querySelectorAll('script')].filter((s) => s.src === SCRIPT);

function degradedStub() {
  const d = { takeOver: vi.fn(), serveNative: vi.fn(), showBanner: vi.fn() } satisfies DegradedPath;
  return { d, load: vi.fn(async () => d) };
}

// Every case starts on the same product page: an add-to-cart form and the cart icon.
beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = `<form action="/cart/add" method="post"><input name="id" value="1"></form><a id="cart-icon-bubble" href="/cart">c</a>`;
});

const widget = { name: 'smartcart', script: SCRIPT, ready: { event: 'smartcart:ready' }, budget: 80, hide: ['#sc'], standDown: 'SmartCart.destroy' };

describe('guardWidget', () => {

  it('does not load the script while the guard is open; the fallback is in place at once', async () => {
    const lb = fakeLifeboat();
    lb.setState('smartcart', 'open');
    const { d, load } = degradedStub();
    const h = guardWidget(lb, widget, { degraded: load });
    expect(await h.done).toBe('skipped');
    expect(scripts()).toHaveLength(0);
    expect(d.takeOver).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(d.showBanner).toHaveBeenCalled());
    expect(lb.reports).toContainEqual({ type: 'fallback', guard: 'smartcart', reason: 'open', served: 'native-cart' });
  });

  it('loads the script when the guard is closed and replays held clicks to the ready widget', async () => {
    const lb = fakeLifeboat();
    const { d, load } = degradedStub();
    const h = guardWidget(lb, widget, { degraded: load });
    await vi.waitFor(() => expect(scripts()).toHaveLength(1));
    const widgetSaw: string[] = [];
    const hijack = (e: Event) => { widgetSaw.push(e.type); e.preventDefault(); e.stopImmediatePropagation(); };
    document.addEventListener('click', hijack, true);
    document.getElementById('cart-icon-bubble')!.click();
    expect(widgetSaw).toEqual([]);
    document.dispatchEvent(new Event('smartcart:ready'));
    expect(await h.done).toBe('ready');
    expect(widgetSaw).toEqual(['click']);
    expect(d.takeOver).not.toHaveBeenCalled();
    expect(lb.reports).toContainEqual(expect.objectContaining({ type: 'ready', widget: 'smartcart', ok: true }));
    document.removeEventListener('click', hijack, true);
    h.stop();
  });

  it('not ready within budget: a failure of the guard, take-over, held add served natively', async () => {
    const lb = fakeLifeboat();
    const { d, load } = degradedStub();
    const h = guardWidget(lb, widget, { degraded: load });
    await vi.waitFor(() => expect(scripts()).toHaveLength(1));
    document.querySelector('form')!.requestSubmit();
    expect(await h.done).toBe('failed');
    expect(lb.calls).toEqual([{ guard: 'smartcart', ok: false }]);
    expect(d.takeOver).toHaveBeenCalledWith(expect.objectContaining({ spec: expect.objectContaining({ standDown: 'SmartCart.destroy' }) }));
    expect(d.serveNative).toHaveBeenCalledWith(expect.objectContaining({ kind: 'add' }), expect.anything());
    expect(d.showBanner).toHaveBeenCalled();
    expect(lb.reports).toContainEqual(expect.objectContaining({ type: 'ready', ok: false }));
    // Later add-to-cart clicks go native too.
    document.querySelector('form')!.requestSubmit();
    expect(d.serveNative).toHaveBeenCalledTimes(2);
    h.stop();
  });

  it('an error thrown by the widget script while starting fails it at once', async () => {
    const lb = fakeLifeboat();
    const { d, load } = degradedStub();
    const h = guardWidget(lb, { ...widget, budget: 5000 }, { degraded: load });
    await vi.waitFor(() => expect(scripts()).toHaveLength(1));
    window.dispatchEvent(new ErrorEvent('error', { message: 'v2 is not a function', filename: SCRIPT }));
    expect(await h.done).toBe('failed');
    expect(d.takeOver).toHaveBeenCalled();
    h.stop();
  });

  it('a ready widget is taken over when its guard opens later (kill switch, later errors)', async () => {
    const lb = fakeLifeboat({ openAfter: 2 });
    const { d, load } = degradedStub();
    const h = guardWidget(lb, widget, { degraded: load });
    await vi.waitFor(() => expect(scripts()).toHaveLength(1));
    document.dispatchEvent(new Event('smartcart:ready'));
    expect(await h.done).toBe('ready');
    window.dispatchEvent(new ErrorEvent('error', { message: 'x', filename: SCRIPT }));
    window.dispatchEvent(new ErrorEvent('error', { message: 'y', filename: SCRIPT }));
    await vi.waitFor(() => expect(d.takeOver).toHaveBeenCalled());
    expect(h.state).toBe('failed');
    h.stop();
  });
});

describe('guardWidget, kill switch while starting', () => {
  it('a guard that opens while the widget starts takes it over even if it then becomes ready', async () => {
    document.head.innerHTML = '';
    const lb = fakeLifeboat();
    const { d, load } = degradedStub();
    const h = guardWidget(lb, { ...widget, budget: 2000 }, { degraded: load });
    await vi.waitFor(() => expect(scripts()).toHaveLength(1));
    lb.setState('smartcart', 'open');
    document.dispatchEvent(new Event('smartcart:ready'));
    expect(await h.done).toBe('failed');
    expect(d.takeOver).toHaveBeenCalled();
    h.stop();
  });

  it('when the degraded chunk cannot load, held clicks still reach a working cart (plain form post)', async () => {
    document.head.innerHTML = '';
    document.body.innerHTML = `<form action="/cart/add" method="post"><input name="id" value="1"></form>`;
    const submit = vi.spyOn(HTMLFormElement.prototype, 'submit').mockImplementation(() => {});
    const lb = fakeLifeboat();
    const h = guardWidget(lb, widget, { degraded: () => Promise.reject(new Error('import of https://cdn.example/degraded.js?shop=jo@example.com failed')) });
    await vi.waitFor(() => expect(scripts()).toHaveLength(1));
    document.querySelector('form')!.requestSubmit();
    expect(await h.done).toBe('failed');
    expect(submit).toHaveBeenCalledTimes(1);
    // The error's text, scrubbed (the SDK's `scrub`): no URL, no e-mail leaves the page.
    expect(lb.reports).toContainEqual(expect.objectContaining({ type: 'sdk-error', code: 'takeover-failed', message: 'import of * failed' }));
    submit.mockRestore();
    h.stop();
  });
});

describe('guardWidget, non-cart widgets', () => {
  it("fallback 'hide' takes the widget away without holding any click; a custom fallback runs after the take-over", async () => {
    document.head.innerHTML = '';
    document.body.innerHTML = `<form action="/cart/add" method="post"><input name="id" value="1"></form>`;
    const lb = fakeLifeboat();
    const { d, load } = degradedStub();
    const themeSaw = vi.fn((e: Event) => e.preventDefault());
    document.querySelector('form')!.addEventListener('submit', themeSaw);
    const h = guardWidget(lb, { ...widget, fallback: 'hide' }, { degraded: load });
    await vi.waitFor(() => expect(scripts()).toHaveLength(1));
    document.querySelector('form')!.requestSubmit();
    expect(themeSaw).toHaveBeenCalledTimes(1); // not held: this widget is not the cart
    expect(await h.done).toBe('failed');
    expect(d.takeOver).toHaveBeenCalled();
    expect(d.serveNative).not.toHaveBeenCalled();
    expect(lb.reports).toContainEqual(expect.objectContaining({ type: 'fallback', served: 'hidden' }));

    const custom = vi.fn();
    const h2 = guardWidget(fakeLifeboat(), { ...widget, name: 'upsell', fallback: custom }, { degraded: load });
    expect(await h2.done).toBe('failed');
    expect(custom).toHaveBeenCalledWith('error');
    h.stop();
    h2.stop();
  });
});

describe('guardWidget, taking over what the loader started (stage 0)', () => {

  it('a widget the loader saw ready: counted as a success, not injected again, the ready report carries its real start-up time', async () => {
    const lb = fakeLifeboat();
    const { d, load } = degradedStub();
    const started = startWidget(widget, 1000, 2000);
    document.dispatchEvent(new Event('smartcart:ready'));
    await started.outcome;
    const h = guardWidget(lb, widget, { degraded: load, started: Promise.resolve(started) });
    expect(await h.done).toBe('ready');
    expect(scripts()).toHaveLength(1);
    expect(lb.calls).toEqual([{ guard: 'smartcart', ok: true }]);
    expect(lb.reports).toContainEqual({ type: 'ready', widget: 'smartcart', ms: started.ms, ok: true });
    expect(d.takeOver).not.toHaveBeenCalled();
    h.stop();
  });

  it('a widget that failed before the core came: a failure of the guard, taken over, the held add served natively', async () => {
    const lb = fakeLifeboat();
    const { d, load } = degradedStub();
    const started = startWidget(widget, 50, 2000);
    document.querySelector('form')!.requestSubmit(); // held by the loader's gate
    await started.outcome.catch(() => {});
    const h = guardWidget(lb, widget, { degraded: load, started: Promise.resolve(started) });
    expect(await h.done).toBe('failed');
    expect(scripts()).toHaveLength(1);
    expect(lb.calls).toEqual([{ guard: 'smartcart', ok: false }]);
    expect(d.serveNative).toHaveBeenCalledWith(expect.objectContaining({ kind: 'add' }), expect.anything());
    h.stop();
  });

  it('the fleet said open by the time the core came: the running widget is taken over, not left running', async () => {
    const lb = fakeLifeboat();
    lb.fleet = (g: string) => (g === 'smartcart' ? { mode: 'open' } : undefined);
    const { d, load } = degradedStub();
    const started = startWidget(widget, 1000, 2000);
    document.dispatchEvent(new Event('smartcart:ready'));
    await started.outcome;
    const h = guardWidget(lb, widget, { degraded: load, started: Promise.resolve(started) });
    expect(await h.done).toBe('failed');
    expect(d.takeOver).toHaveBeenCalled();
    expect(lb.reports).toContainEqual(expect.objectContaining({ type: 'fallback', reason: 'status', served: 'native-cart' }));
    h.stop();
  });
});
