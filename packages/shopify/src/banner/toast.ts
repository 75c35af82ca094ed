/**
 * The notice as a small non-modal toast in a corner of the viewport, for pages where there is no
 * cart of the theme's to put it in. It never covers what the shopper came to press: each time the
 * page scrolls, resizes or changes, it takes the first corner (bottom end, bottom start, top end,
 * top start) where it overlaps none of the `avoid` elements on screen, and hides while every
 * corner would. It is moved with `transform` and hidden with `visibility`, neither of which is a
 * layout shift; being `position: fixed`, it moves nothing else.
 */
import { isRendered } from './visible.js';

export interface ToastOptions {
  /** Selector of what it must never cover (checkout, add-to-cart, cart icon…). */
  avoid: string;
  /** Called once, the first time the toast is shown (to announce it). */
  onShown: () => void;
}

const GAP = 12;
/** Room kept around what it avoids (a finger is wider than a pixel). */
const MARGIN = 8;

type Box = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right + MARGIN && b.left - MARGIN < a.right && a.top < b.bottom + MARGIN && b.top - MARGIN < a.bottom;

/** Which corner (as a translate) is free, or undefined when none is. Exported for tests. */
export function freeCorner(size: { width: number; height: number }, view: { width: number; height: number }, avoid: Box[], rtl = false): [number, number] | undefined {
  const start = GAP;
  const end = Math.max(GAP, view.width - size.width - GAP);
  const [first, second] = rtl ? [start, end] : [end, start];
  const bottom = Math.max(GAP, view.height - size.height - GAP);
  const corners: Array<[number, number]> = [
    [first, bottom],
    [second, bottom],
    [first, GAP],
    [second, GAP],
  ];
  return corners.find(([x, y]) => !avoid.some((b) => overlaps({ left: x, top: y, right: x + size.width, bottom: y + size.height }, b)));
}

/** Shows `el` as a toast and keeps it clear of `avoid`; returns the function that removes it. */
export function keepToast(el: HTMLElement, opts: ToastOptions): () => void {
  const doc = el.ownerDocument;
  const win = doc.defaultView ?? window;
  Object.assign(el.style, { position: 'fixed', left: '0', top: '0', zIndex: '900', visibility: 'hidden' });
  doc.body.append(el);
  let shown = false;
  let frame = 0;
  const update = () => {
    frame = 0;
    if (!el.isConnected) return;
    const view = { width: doc.documentElement.clientWidth || win.innerWidth, height: win.innerHeight };
    const avoid: Box[] = [];
    for (const a of doc.querySelectorAll(opts.avoid)) {
      if (el.contains(a) || !isRendered(a)) continue;
      const r = a.getBoundingClientRect();
      if (r.width && r.height && r.bottom > 0 && r.top < view.height && r.right > 0 && r.left < view.width) avoid.push(r);
    }
    const rtl = win.getComputedStyle(doc.documentElement).direction === 'rtl';
    const at = freeCorner({ width: el.offsetWidth, height: el.offsetHeight }, view, avoid, rtl);
    if (at) el.style.transform = `translate(${at[0]}px, ${at[1]}px)`;
    el.style.visibility = at ? 'visible' : 'hidden';
    if (at && !shown) {
      shown = true;
      opts.onShown();
    }
  };
  const schedule = () => {
    frame ||= win.requestAnimationFrame(update);
  };
  const mo = new MutationObserver((records) => {
    if (records.some((r) => !el.contains(r.target))) schedule();
  });
  mo.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'open', 'hidden'] });
  const listen = { capture: true, passive: true } as const;
  win.addEventListener('scroll', schedule, listen);
  win.addEventListener('resize', schedule, listen);
  // Placed before the first frame it is part of: it never shows in a wrong corner.
  update();
  return () => {
    if (frame) win.cancelAnimationFrame(frame);
    mo.disconnect();
    win.removeEventListener('scroll', schedule, listen);
    win.removeEventListener('resize', schedule, listen);
    el.remove();
  };
}
