/**
 * The degraded-mode notice. Loaded only when something is degraded.
 *
 * Where it goes, and why: in the normal flow, as the last thing in `<body>` — never an overlay.
 * - It cannot cover anything the shopper needs. A fixed bar sits at the viewport's bottom edge,
 *   which on a phone is exactly where the drawer's Check out button, sticky add-to-cart bars,
 *   chat and cookie buttons are (it covered checkout at 390×700). Hiding an overlay whenever
 *   something is under it would need hit tests on every scroll and drawer animation, and would
 *   flicker over product grids. In-flow content is painted under every positioned layer, so the
 *   theme's drawers and dialogs stay on top of it, and nothing comes after it to overlap.
 * - It moves nothing (CLS 0): content before it keeps its place in a block body. A grid or flex
 *   body with a min-height (Dawn: `grid-template-rows: auto auto 1fr auto; min-height: 100%`)
 *   would give it room by shrinking a row on a short page, so the placement is measured before
 *   the next frame and, if anything moved, the notice's own box is given a zero outer height
 *   (it then hangs below the page); if even that moves something, it is not shown at all.
 * - It is announced wherever it is: `role=status` / `aria-live=polite`. The region goes in with an
 *   empty, visually hidden text that is filled a moment later — a region inserted with its text
 *   already in it is often not read. The visible copy is `aria-hidden` so it is not read twice.
 * The cost: a sighted shopper sees it on reaching the end of a long page. A notice saying "you
 * can keep shopping" is worth less than a tap on checkout.
 *
 * Styled through CSSOM (no `<style>`, fine under a strict CSP), no inline handlers.
 */

export interface BannerOptions {
  text: string;
  /** Called once when the shopper dismisses it. */
  onDismiss?: () => void;
  doc?: Document;
  /** Remember a dismissal for the browsing session (sessionStorage key). */
  rememberKey?: string;
}

export interface BannerHandle {
  el: HTMLElement;
  remove(): void;
}

const ID = 'lifeboat-banner';
/** How long the empty live region waits before its text goes in (screen readers must see it first). */
export const ANNOUNCE_DELAY_MS = 150;

type Style = Partial<CSSStyleDeclaration>;

const store = (): Storage | undefined => {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
};

/** True when the shopper dismissed the notice earlier in this session. */
export function bannerDismissed(key = ID): boolean {
  try {
    return store()?.getItem(key) === '1';
  } catch {
    return false;
  }
}

/** Where the body's children are: what a shift would change. */
const layout = (body: HTMLElement, skip?: Element): string =>
  [...body.children]
    .filter((c) => c !== skip)
    .map((c) => {
      const r = c.getBoundingClientRect();
      return `${r.top},${r.left},${r.width},${r.height}`;
    })
    .join(';');

const make = <K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, style: Style): HTMLElementTagNameMap[K] => {
  const el = doc.createElement(tag);
  Object.assign(el.style, style);
  return el;
};

/**
 * Shows the notice (once per page) at the end of the page. Returns undefined when it is already
 * shown, was dismissed, or could not be placed without moving the page.
 *
 * @example
 * ```ts
 * showBanner({ text: 'Some store features are running in basic mode.', onDismiss: () => log() });
 * ```
 */
export function showBanner(opts: BannerOptions): BannerHandle | undefined {
  const doc = opts.doc ?? document;
  const body = doc.body;
  const key = opts.rememberKey ?? ID;
  if (doc.getElementById(ID) || bannerDismissed(key) || !body) return undefined;

  // Static on purpose: no position, transform or opacity, so it makes no layer above the page.
  const el = make(doc, 'div', {
    boxSizing: 'border-box',
    display: 'flex',
    gap: '12px',
    alignItems: 'center',
    justifyContent: 'space-between',
    maxWidth: 'min(640px, calc(100% - 24px))',
    margin: '16px auto',
    padding: '8px 8px 8px 14px',
    borderRadius: '8px',
    background: '#1f2937',
    color: '#fff',
    font: '14px/1.4 system-ui, sans-serif',
    textAlign: 'start',
  });
  el.id = ID;
  el.setAttribute('role', 'status');
  el.setAttribute('aria-live', 'polite');
  const shown = make(doc, 'span', {});
  shown.textContent = opts.text;
  shown.setAttribute('aria-hidden', 'true');
  const spoken = make(doc, 'span', {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  });
  const close = make(doc, 'button', {
    flex: 'none',
    font: 'inherit',
    fontSize: '20px',
    lineHeight: '1',
    background: 'transparent',
    color: 'inherit',
    border: '0',
    borderRadius: '6px',
    padding: '0',
    cursor: 'pointer',
    minWidth: '44px',
    minHeight: '44px',
  });
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Dismiss notice');
  el.append(shown, spoken, close);

  // Reading layout twice here is the price of knowing, before the frame is painted, that nothing
  // moved: a layout shift is only recorded at paint.
  const before = layout(body);
  body.append(el);
  if (layout(body, el) !== before) {
    const h = el.getBoundingClientRect().height;
    el.style.marginBottom = `${-(h + 16)}px`;
    if (layout(body, el) !== before) {
      el.remove();
      return undefined;
    }
  }

  let gone = false;
  const timer = setTimeout(() => {
    spoken.textContent = opts.text;
  }, ANNOUNCE_DELAY_MS);
  const remove = () => {
    if (gone) return;
    gone = true;
    clearTimeout(timer);
    el.remove();
    doc.removeEventListener('keydown', onKey);
  };
  const dismiss = () => {
    if (gone) return;
    try {
      store()?.setItem(key, '1');
    } catch {}
    remove();
    opts.onDismiss?.();
  };
  // Escape dismisses only while focus is inside the notice: Escape elsewhere belongs to the page.
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && el.contains(doc.activeElement)) dismiss();
  };
  close.addEventListener('click', dismiss);
  doc.addEventListener('keydown', onKey);
  return { el, remove };
}
