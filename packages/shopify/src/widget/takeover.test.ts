import { describe, expect, it, vi } from 'vitest';
import { callPath, takeOver } from './takeover.js';
import { captureOriginals } from './inject.js';

describe('takeOver', () => {
  it('hides and removes widget DOM, drops its styles, shows native elements, calls stand-down, restores fetch', () => {
    document.body.innerHTML = `<div id="sc-drawer">w</div><div id="sc-badge">b</div>
      <cart-drawer id="CartDrawer" hidden style="display:none"></cart-drawer>`;
    const style = document.createElement('style');
    style.textContent = 'cart-drawer{display:none!important}';
    document.head.append(style);
    const originals = captureOriginals();
    const patched = vi.fn();
    window.fetch = patched as unknown as typeof fetch;
    const destroy = vi.fn();
    (window as unknown as { SmartCart: object }).SmartCart = { destroy };
    const failed = takeOver({
      spec: { hide: ['#sc-drawer'], remove: ['#sc-badge'], show: ['cart-drawer'], standDown: 'SmartCart.destroy' },
      styles: [style],
      originals,
    });
    expect(failed).toEqual([]);
    expect(destroy).toHaveBeenCalledOnce();
    expect(window.fetch).toBe(originals.fetch);
    expect(style.isConnected).toBe(false);
    expect((document.getElementById('sc-drawer') as HTMLElement).style.display).toBe('none');
    expect(document.getElementById('sc-badge')).toBeNull();
    const drawer = document.querySelector('cart-drawer') as HTMLElement;
    expect(drawer.hidden).toBe(false);
    expect(drawer.style.display).toBe('');
  });

  it('goes on when the stand-down hook throws or a selector is invalid', () => {
    document.body.innerHTML = `<div id="w"></div>`;
    (window as unknown as { Bad: object }).Bad = { destroy: () => { throw new Error('x'); } };
    const failed = takeOver({ spec: { standDown: 'Bad.destroy', hide: ['###', '#w'] }, styles: [] });
    expect(failed).toEqual(['stand-down']);
    expect((document.getElementById('w') as HTMLElement).style.display).toBe('none');
  });
});

describe('callPath', () => {
  it('walks properties without eval and calls with the owner as this', () => {
    const owner = { inner: { n: 0, bump(this: { n: number }) { this.n++; } } };
    expect(callPath(owner, 'inner.bump')).toBe(true);
    expect(owner.inner.n).toBe(1);
    expect(callPath(owner, 'inner.missing')).toBe(false);
    expect(callPath(owner, 'nope.deeper.fn')).toBe(false);
  });
});

describe('injectScript style tracking', async () => {
  const { injectScript } = await import('./inject.js');
  it('records styles added after injection, including ones still pending when tracking stops', () => {
    const hd = (window as unknown as { happyDOM?: { settings: { disableJavaScriptFileLoading: boolean; handleDisabledFileLoadingAsSuccess: boolean } } }).happyDOM;
    if (hd) {
      hd.settings.disableJavaScriptFileLoading = true;
      hd.settings.handleDisabledFileLoadingAsSuccess = true;
    }
    const before = document.createElement('style');
    document.head.append(before);
    const inj = injectScript('https://vendor.invalid/w.js');
    const s = document.createElement('style');
    document.head.append(s);
    const themeLink = document.createElement('link');
    themeLink.rel = 'stylesheet';
    themeLink.href = 'https://theme.invalid/a.css';
    document.head.append(themeLink);
    inj.stopTracking();
    expect([...inj.styles]).toEqual([s]);
    const later = document.createElement('style');
    document.head.append(later);
    expect(inj.styles.has(later)).toBe(false);
  });
});
