import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bannerDismissed, showBanner } from './banner.js';

describe('showBanner', () => {
  beforeEach(() => {
    document.body.innerHTML = '';
    sessionStorage.clear();
  });

  it('is a polite status region fixed to the viewport (no layout shift), once per page', () => {
    const h = showBanner({ text: 'Basic mode' })!;
    expect(h.el.getAttribute('role')).toBe('status');
    expect(h.el.getAttribute('aria-live')).toBe('polite');
    expect(h.el.style.position).toBe('fixed');
    expect(h.el.textContent).toContain('Basic mode');
    expect(showBanner({ text: 'again' })).toBeUndefined();
    expect(document.querySelectorAll('#lifeboat-banner')).toHaveLength(1);
  });

  it('has no inline handlers', () => {
    const h = showBanner({ text: 'x' })!;
    const attrs = [h.el, ...h.el.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name));
    expect(attrs.filter((a) => a.startsWith('on'))).toEqual([]);
  });

  it('is dismissed with its button (keyboard: a real <button>) and remembered for the session', () => {
    const onDismiss = vi.fn();
    const h = showBanner({ text: 'x', onDismiss })!;
    const btn = h.el.querySelector('button')!;
    expect(btn.type).toBe('button');
    expect(btn.getAttribute('aria-label')).toBe('Dismiss notice');
    btn.click();
    expect(onDismiss).toHaveBeenCalledOnce();
    expect(document.getElementById('lifeboat-banner')).toBeNull();
    expect(bannerDismissed()).toBe(true);
    expect(showBanner({ text: 'x' })).toBeUndefined();
  });

  it('Escape dismisses it while focus is inside', () => {
    const h = showBanner({ text: 'x' })!;
    h.el.querySelector('button')!.focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(document.getElementById('lifeboat-banner')).toBeNull();
  });
});
