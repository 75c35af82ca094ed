import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeLifeboat } from '../../test/support/fakeLifeboat.js';
import { captureOriginals, type Injected } from './inject.js';
import { keepTakenOver } from './lateWidget.js';

const injected = (url = 'https://cdn.widget.example/w.js'): Injected => ({ script: document.createElement('script'), url, styles: new Set(), stopTracking() {} });
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('keepTakenOver: a widget that finishes starting after the take-over', () => {
  let stop = () => {};
  afterEach(() => stop());

  // Whether a style hides the drawer is decided by computed styles with the sheet on and off,
  // which happy-dom does not model: test/storefront/late-widget.chromium.test.ts covers it.
  it('loses its patched fetch and its drawer once it re-adds a hiding style; its late readiness is reported', async () => {
    document.head.innerHTML = '';
    document.body.innerHTML = '<cart-drawer class="drawer">theme</cart-drawer>';
    const lifeboat = fakeLifeboat();
    const originals = captureOriginals();
    const destroy = vi.fn();
    (window as unknown as { Late: object }).Late = { destroy };
    stop = keepTakenOver({
      spec: { name: 'late', ready: { event: 'late:ready' }, hide: ['#late-root'], show: ['cart-drawer'], standDown: 'Late.destroy' },
      injected: injected(),
      originals,
      lifeboat,
    });

    // Late start-up: the widget hijacks again.
    const style = document.createElement('style');
    style.textContent = 'cart-drawer{display:none!important}';
    document.head.append(style);
    const patched = vi.fn();
    window.fetch = patched as unknown as typeof fetch;
    const root = document.createElement('div');
    root.id = 'late-root';
    document.body.append(root);
    await tick();
    expect(root.style.display).toBe('none');
    document.dispatchEvent(new Event('late:ready'));
    expect(window.fetch).toBe(originals.fetch);
    expect(destroy).toHaveBeenCalledOnce();
    expect(lifeboat.reports).toContainEqual(expect.objectContaining({ type: 'ready', widget: 'late', ok: true }));
    document.dispatchEvent(new Event('late:ready'));
    expect(lifeboat.reports.filter((r) => r.type === 'ready')).toHaveLength(1);
  });

  it('leaves alone styles that hide nothing the take-over shows', async () => {
    document.body.innerHTML = '<cart-drawer class="drawer">theme</cart-drawer><p class="x">p</p>';
    const lifeboat = fakeLifeboat();
    stop = keepTakenOver({ spec: { name: 'late', ready: {}, show: ['cart-drawer'] }, injected: injected(), lifeboat });
    const style = document.createElement('style');
    style.textContent = '.x{color:red}';
    document.head.append(style);
    await tick();
    expect(style.isConnected).toBe(true);
  });

  it('a readiness selector that appears late counts as ready', async () => {
    document.body.innerHTML = '<cart-drawer>theme</cart-drawer>';
    const lifeboat = fakeLifeboat();
    stop = keepTakenOver({ spec: { name: 'sel', ready: { selector: '#w-ready' }, show: ['cart-drawer'] }, injected: injected(), lifeboat });
    document.body.insertAdjacentHTML('beforeend', '<i id="w-ready"></i>');
    await tick();
    expect(lifeboat.reports).toContainEqual(expect.objectContaining({ type: 'ready', widget: 'sel', ok: true }));
  });
});
