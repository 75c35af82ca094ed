import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANNOUNCE_DELAY_MS, bannerDismissed, hideBanner, showBanner, type BannerPlace } from './banner.js';
import { forgetDismissals } from './dismissed.js';
import { freeCorner } from './toast.js';

const tick = () => new Promise((r) => setTimeout(r, 0));
const notice = () => document.getElementById('lifeboat-banner');

/** A Dawn-like drawer: hidden until `.active`, its inside replaced on every render. */
const DRAWER = `<style>.drawer{visibility:hidden}.drawer.active{visibility:visible}</style>
<cart-drawer class="drawer"><div id="CartDrawer"><div class="drawer__inner" tabindex="-1"><div class="drawer__header"><h2>Your cart</h2></div><div class="items"><p class="line">Tote</p></div><div class="footer"><button name="checkout">Check out</button></div></div></div></cart-drawer>`;
const inDrawer: BannerPlace = {
  inline: () => {
    const inner = document.querySelector('.drawer__inner');
    return inner ? { parent: inner, before: inner.querySelector(':scope > .items') } : undefined;
  },
};

beforeEach(() => {
  document.head.innerHTML = '';
  document.body.innerHTML = '<header>h</header><main>m</main><footer>f</footer>';
  sessionStorage.clear();
  forgetDismissals();
});
afterEach(() => {
  hideBanner();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('showBanner: what it is', () => {
  it('a polite status region, once per page (also while the first one waits for a closed drawer)', () => {
    document.body.innerHTML = DRAWER;
    document.querySelector('cart-drawer')!.classList.add('active');
    expect(showBanner({ text: 'x', place: inDrawer })!.el.isConnected).toBe(false);
    expect(showBanner({ text: 'y' })).toBeUndefined();
    hideBanner();
    document.body.innerHTML = '';
    const h = showBanner({ text: 'Basic mode' })!;
    expect(h.el.getAttribute('role')).toBe('status');
    expect(h.el.getAttribute('aria-live')).toBe('polite');
    expect(h.el.textContent).toContain('Basic mode');
    expect(showBanner({ text: 'again' })).toBeUndefined();
    expect(document.querySelectorAll('#lifeboat-banner')).toHaveLength(1);
  });

  it('shows the status document’s text as text, never as HTML', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><b>bold</b> &amp; <script>window.__pwned=2</script>';
    const h = showBanner({ text: evil, dismissLabel: '<i>x</i>' })!;
    expect(h.el.querySelector('img, b, script, i')).toBeNull();
    expect(h.el.querySelector('span')!.textContent).toBe(evil);
    expect(h.el.querySelector('button')!.getAttribute('aria-label')).toBe('<i>x</i>');
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('has no inline handlers, and its lang when the text’s language is known', () => {
    const h = showBanner({ text: 'Mode simplifié', lang: 'fr' })!;
    const attrs = [h.el, ...h.el.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.name));
    expect(attrs.filter((a) => a.startsWith('on'))).toEqual([]);
    expect(h.el.lang).toBe('fr');
  });

  it('announces once it is shown: the live region is filled a moment later; the visible copy is not read twice', async () => {
    vi.useFakeTimers();
    const onShown = vi.fn();
    const h = showBanner({ text: 'Basic mode', onShown })!;
    const [shown, spoken] = h.el.querySelectorAll('span');
    expect(shown.getAttribute('aria-hidden')).toBe('true');
    expect(shown.textContent).toBe('Basic mode');
    expect(onShown).toHaveBeenCalledOnce();
    expect(spoken.textContent).toBe('');
    vi.advanceTimersByTime(ANNOUNCE_DELAY_MS);
    expect(spoken.textContent).toBe('Basic mode');
  });
});

describe('showBanner: dismissal', () => {
  it('its button (a real <button>, so Tab/Enter/Space) dismisses it; remembered for the session', () => {
    const onDismiss = vi.fn();
    const h = showBanner({ text: 'x', dismissLabel: 'Fermer le message', onDismiss })!;
    const btn = h.el.querySelector('button')!;
    expect(btn.type).toBe('button');
    expect(btn.getAttribute('aria-label')).toBe('Fermer le message');
    btn.click();
    expect(onDismiss).toHaveBeenCalledOnce();
    expect(notice()).toBeNull();
    expect(sessionStorage.getItem('lifeboat-banner')).toBe('1');
    expect(bannerDismissed()).toBe(true);
    expect(showBanner({ text: 'x' })).toBeUndefined();
    // Another page of the session (memory gone, sessionStorage kept).
    forgetDismissals();
    expect(showBanner({ text: 'x' })).toBeUndefined();
  });

  it('with sessionStorage blocked, the dismissal is remembered in memory for the page', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    showBanner({ text: 'x' })!.el.querySelector('button')!.click();
    expect(notice()).toBeNull();
    expect(bannerDismissed()).toBe(true);
    expect(showBanner({ text: 'x' })).toBeUndefined();
  });

  it('toast: Escape dismisses it while focus is inside, not when focus is elsewhere', () => {
    const h = showBanner({ text: 'x' })!;
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(notice()).not.toBeNull();
    h.el.querySelector('button')!.focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(notice()).toBeNull();
  });
});

describe('showBanner: inline, in a drawer', () => {
  it('goes in above the lines while the drawer is closed, and is announced when it opens', async () => {
    document.body.innerHTML = DRAWER;
    const onShown = vi.fn();
    const h = showBanner({ text: 'x', place: inDrawer, onShown })!;
    expect(h.el.parentElement!.className).toBe('drawer__inner');
    expect(h.el.nextElementSibling!.className).toBe('items');
    expect(onShown).not.toHaveBeenCalled();
    document.querySelector('cart-drawer')!.classList.add('active');
    await tick();
    expect(onShown).toHaveBeenCalledOnce();
  });

  it('is put back in the same task when the theme re-renders the drawer (before any frame is painted)', async () => {
    document.body.innerHTML = DRAWER;
    const h = showBanner({ text: 'x', place: inDrawer })!;
    const drawer = document.getElementById('CartDrawer')!;
    drawer.innerHTML = drawer.innerHTML.replace('Tote', 'Tote, Mug'); // Dawn's renderContents
    expect(h.el.isConnected).toBe(false);
    await Promise.resolve(); // a microtask: MutationObserver callbacks run before rendering
    await tick();
    expect(h.el.isConnected).toBe(true);
    expect(h.el.nextElementSibling!.textContent).toBe('Tote, Mug');
    // The whole section replaced (drawer element and all) works the same way.
    document.body.innerHTML = DRAWER;
    await tick();
    expect(notice()!.parentElement).toBe(document.querySelector('.drawer__inner'));
  });

  it('does not go into a drawer that is open on screen (it would push the lines down); it waits until it is closed', async () => {
    document.body.innerHTML = DRAWER;
    const drawer = document.querySelector('cart-drawer')!;
    drawer.classList.add('active');
    const h = showBanner({ text: 'x', place: inDrawer })!;
    expect(h.el.isConnected).toBe(false);
    drawer.classList.remove('active');
    await tick();
    expect(h.el.parentElement!.className).toBe('drawer__inner');
  });

  it('dismissed from inside the drawer: removed, not put back by the next render, focus stays in the drawer', async () => {
    document.body.innerHTML = DRAWER;
    const h = showBanner({ text: 'x', place: inDrawer })!;
    document.querySelector('cart-drawer')!.classList.add('active');
    await tick();
    const btn = h.el.querySelector('button')!;
    btn.focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    expect(h.el.isConnected).toBe(true); // Escape closes the drawer in Dawn; it is not ours
    btn.click();
    expect(h.el.isConnected).toBe(false);
    expect(document.activeElement).toBe(document.querySelector('.drawer__inner'));
    const d = document.getElementById('CartDrawer')!;
    d.innerHTML = d.innerHTML + '';
    await tick();
    expect(notice()).toBeNull();
  });
});

describe('showBanner: toast', () => {
  it('is fixed, placed in a corner before its first frame, and hidden while every corner would cover what it avoids', async () => {
    document.body.innerHTML = '<button name="checkout">Check out</button>';
    const checkout = document.querySelector('button')!;
    const rect = (left: number, top: number, w: number, h: number) => ({ left, top, width: w, height: h, right: left + w, bottom: top + h, x: left, y: top, toJSON: () => ({}) }) as DOMRect;
    checkout.getBoundingClientRect = () => rect(0, 0, 4000, 4000); // covers the whole viewport
    const h = showBanner({ text: 'x', place: { toast: { avoid: '[name="checkout"]' } } })!;
    expect(h.el.style.position).toBe('fixed');
    expect(h.el.style.visibility).toBe('hidden');
    checkout.getBoundingClientRect = () => rect(10, 10, 100, 40); // top start only
    window.dispatchEvent(new Event('resize'));
    await new Promise((r) => requestAnimationFrame(r));
    await tick();
    expect(h.el.style.visibility).toBe('visible');
    expect(h.el.style.transform).toMatch(/^translate\(/);
  });
});

describe('freeCorner', () => {
  const view = { width: 390, height: 844 };
  const size = { width: 366, height: 60 };
  it('bottom first; top when something it must not cover is at the bottom; none when both are taken', () => {
    expect(freeCorner(size, view, [])).toEqual([12, 772]);
    const stickyCheckout = { left: 0, top: 780, right: 390, bottom: 844 };
    expect(freeCorner(size, view, [stickyCheckout])).toEqual([12, 12]);
    const cartIcon = { left: 340, top: 10, right: 384, bottom: 54 };
    expect(freeCorner(size, view, [stickyCheckout, cartIcon])).toBeUndefined();
  });
  it('on a wide screen, the end corner first (start in RTL), then the other one', () => {
    const wide = { width: 1280, height: 800 };
    const s = { width: 420, height: 56 };
    expect(freeCorner(s, wide, [])).toEqual([848, 732]);
    expect(freeCorner(s, wide, [], true)).toEqual([12, 732]);
    expect(freeCorner(s, wide, [{ left: 1000, top: 700, right: 1270, bottom: 790 }])).toEqual([12, 732]);
  });
});

describe('showBanner: a page that removes it on every change', () => {
  it('gives up after a few re-insertions instead of looping with the page', async () => {
    document.body.innerHTML = DRAWER;
    const inner = document.querySelector('.drawer__inner')!;
    let removals = 0;
    const mo = new MutationObserver(() => {
      const n = notice();
      if (n && removals < 1000) {
        removals++;
        n.remove();
      }
    });
    mo.observe(document.body, { childList: true, subtree: true });
    showBanner({ text: 'x', place: inDrawer });
    for (let i = 0; i < 50; i++) await tick();
    mo.disconnect();
    expect(removals).toBeLessThan(30);
    expect(inner.isConnected).toBe(true);
  });
});
