/**
 * Keeps the notice at a spot inside the theme's own cart (a drawer above its lines), through the
 * theme's re-renders, without moving what the shopper sees:
 * - the first time, it goes in only while the spot is not rendered (a closed drawer), so the lines
 *   it sits above were not on screen before — no layout shift; if the spot is on screen then, it
 *   waits until the drawer closes or its contents are rendered anew;
 * - a re-render that drops it (Dawn replaces `#CartDrawer`'s HTML, Horizon morphs its drawer) is
 *   answered in the same task, by a MutationObserver, before the next frame is painted: the frame
 *   after the re-render has it where the frame before had it.
 */
import { isRendered } from './visible.js';

/** Where the notice goes: into `parent`, before `before` (null: last). */
export interface Spot {
  parent: Element;
  before: Element | null;
}

export interface InlineOptions {
  /** Finds the spot in the current DOM (called on every change; keep it to a few queries). */
  find: () => Spot | undefined;
  /** Called once, the first time the notice is rendered (to announce it). */
  onShown: () => void;
}

const MAX_PER_SECOND = 20;

/** Places `el` and keeps it placed; returns the function that stops watching (and removes it). */
export function keepInline(el: HTMLElement, opts: InlineOptions): () => void {
  const doc = el.ownerDocument;
  let placed = false;
  let shown = false;
  // A page whose code removes what it did not render, on every change, would loop with us: past
  // a few re-insertions a second, the notice gives up.
  let since = 0;
  let count = 0;
  const update = () => {
    const s = opts.find();
    // A finder that says "before the first child" names the notice itself once it is there.
    if (s && !(el.parentNode === s.parent && (el.nextElementSibling === s.before || s.before === el))) {
      const now = Date.now();
      if (now - since > 1000) [since, count] = [now, 0];
      if (++count > MAX_PER_SECOND) {
        mo.disconnect();
        return;
      }
      if (placed || !isRendered(s.parent)) {
        s.parent.insertBefore(el, s.before);
        placed = true;
      }
    }
    if (!shown && el.isConnected && isRendered(el)) {
      shown = true;
      opts.onShown();
    }
  };
  // The whole body: themes replace the drawer's section wholesale, not only its inside.
  const mo = new MutationObserver(update);
  mo.observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'open', 'hidden'] });
  // Opening a drawer is often a transition start; `class`/`open` changes above catch it. A
  // transitioned `visibility` (Dawn's drawer) is still `hidden` then: look again when it ends.
  doc.addEventListener('transitionend', update, true);
  update();
  return () => {
    doc.removeEventListener('transitionend', update, true);
    mo.disconnect();
    el.remove();
  };
}
