import { afterEach, describe, expect, it, vi } from 'vitest';
import { initShopify } from './init.js';

const hd = (window as unknown as { happyDOM?: { settings: { disableJavaScriptFileLoading: boolean; handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM;
if (hd) {
  hd.settings.disableJavaScriptFileLoading = true;
  hd.settings.handleDisabledFileLoadingAsSuccess = true;
}

describe('initShopify', () => {
  afterEach(() => {
    document.head.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('an invalid config is printed with its field and leaves the store native (no widget script)', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const s = initShopify({ widgets: [{ name: 'smartcart', script: 'https://cdn.example/s.js', ready: { event: 'r' }, budget: '2s' }] });
    expect(s.problems.map((p) => p.path)).toEqual(['config.widgets.0.budget']);
    expect(String(error.mock.calls[0][0])).toContain('config.widgets.0.budget');
    expect(s.widgets).toEqual([]);
    expect(document.querySelectorAll('script[src]')).toHaveLength(0);
    expect(typeof s.lifeboat.run).toBe('function');
    s.stop();
    s.lifeboat.destroy();
  });

  it('a valid config guards its widgets', async () => {
    const s = initShopify({ storageName: 'init-test', widgets: [{ name: 'smartcart', script: 'https://cdn.example/s.js', ready: { event: 'sc:ready' }, budget: 1000 }] });
    expect(s.problems).toEqual([]);
    await vi.waitFor(() => expect(document.querySelector('script[src="https://cdn.example/s.js"]')).not.toBeNull());
    document.dispatchEvent(new Event('sc:ready'));
    expect(await s.widgets[0].done).toBe('ready');
    s.stop();
    s.lifeboat.destroy();
  });
});
