import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_DELAY_MS, bannerDismissed, showBanner } from './banner.js';

const rect = (top: number, height: number) => ({ top, left: 0, width: 100, height, right: 100, bottom: top + height, x: 0, y: top, toJSON: () => ({}) }) as DOMRect;

describe('showBanner', () => {
  beforeEach(() => {
    document.body.innerHTML = '<header>h</header><main>m</main><footer>f</footer>';
    sessionStorage.clear();
  });
  afterEach(() => vi.useRealTimers());

  it('is a polite status region in the normal flow after all content (no overlay, no shift), once per page', () => {
    const h = showBanner({ text: 'Basic mode' })!;
    expect(h.el.getAttribute('role')).toBe('status');
    expect(h.el.getAttribute('aria-live')).toBe('polite');
    expect(h.el.style.position).toBe('');
    expect(document.body.lastElementChild).toBe(h.el);
    expect(h.el.textContent).toContain('Basic mode');
    expect(showBanner({ text: 'again' })).toBeUndefined();
    expect(document.querySelectorAll('#lifeboat-banner')).toHaveLength(1);
  });

  it('fills the live region after it is in the page (so it is announced); the visible copy is not read twice', () => {
    vi.useFakeTimers();
    const h = showBanner({ text: 'Basic mode' })!;
    const [shown, spoken] = h.el.querySelectorAll('span');
    expect(shown.getAttribute('aria-hidden')).toBe('true');
    expect(shown.textContent).toBe('Basic mode');
    expect(spoken.textContent).toBe('');
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
    expect(spoken.textContent).toBe('Basic mode');
  });

  it('has no inline handlers', () => {
    const h = showBanner({ text: 'x' })!;
    const attrs = [h.el, ...h.el.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name));
    expect(attrs.filter((a) => a.startsWith('on'))).toEqual([]);
  });

  it('takes no room when the body would make room for it by moving content (Dawn-like grid body)', () => {
    const footer = document.querySelector('footer')!;
    // The footer moves up while the notice takes room, and is back when its outer height is zero.
    footer.getBoundingClientRect = () => {
      const b = document.getElementById('lifeboat-banner');
      return rect(b && !b.style.marginBottom.startsWith('-') ? 560 : 600, 40);
    };
    const h = showBanner({ text: 'x' })!;
    expect(h).toBeDefined();
    expect(h.el.style.marginBottom).toMatch(/^-\d/);
  });

  it('is not shown when it cannot be placed without moving the page', () => {
    const footer = document.querySelector('footer')!;
    footer.getBoundingClientRect = () => rect(document.getElementById('lifeboat-banner') ? 560 : 600, 40);
    expect(showBanner({ text: 'x' })).toBeUndefined();
    expect(document.getElementById('lifeboat-banner')).toBeNull();
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

  it('Escape dismisses it while focus is inside, not when focus is elsewhere', () => {
    const h = showBanner({ text: 'x' })!;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(document.getElementById('lifeboat-banner')).not.toBeNull();
    h.el.querySelector('button')!.focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(document.getElementById('lifeboat-banner')).toBeNull();
  });
});
