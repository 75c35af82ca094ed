/**
 * The degraded-mode notice. Loaded only when something is degraded.
 *
 * Where it goes is the caller's choice (`place`), because only the caller knows where the shopper
 * looks when the fallback serves them: inside the theme's own cart, above its lines (`inline`,
 * inline.ts), or as a small toast that never covers checkout or add-to-cart (`toast`, toast.ts).
 * Either way it moves nothing (CLS 0).
 *
 * It is announced once, when it is first rendered: `role=status` / `aria-live=polite`, whose
 * visually hidden copy is filled a moment after the region is shown (text already in a region
 * that appears is often not read, and a region in a closed drawer is not read at all). The
 * visible copy is `aria-hidden`, so it is not read twice.
 *
 * Dismissed with its button (a real `<button>`: Tab, Enter, Space) or, for the toast, Escape while
 * focus is in it; the dismissal lasts the browsing session (dismissed.ts).
 */
import { buildNotice, NOTICE_ID } from './element.js';
import { isDismissed, rememberDismissed } from './dismissed.js';
import { keepInline, type Spot } from './inline.js';
import { keepToast } from './toast.js';

export type { Spot } from './inline.js';

/** Where the notice goes. */
export type BannerPlace =
  | {
      inline: () => Spot | undefined;
      /** Margins that line it up with the container's content, e.g. `0 16px 12px` in an unpadded drawer. */
      margin?: string;
    }
  | { toast: { avoid: string } };

export interface BannerOptions {
  /** Shown as text, never as HTML. */
  text: string;
  /** Accessible name of the dismiss button. */
  dismissLabel?: string;
  /** Language of `text` (sets `lang`) when known. */
  lang?: string;
  /** Default: a toast that avoids nothing. */
  place?: BannerPlace;
  /** Called once, when the notice is first rendered on screen. */
  onShown?: () => void;
  /** Called once when the shopper dismisses it. */
  onDismiss?: () => void;
  doc?: Document;
  /** Remember a dismissal for the browsing session under this key. */
  rememberKey?: string;
}

export interface BannerHandle {
  el: HTMLElement;
  remove(): void;
}

/** How long the empty live region waits before its text goes in (screen readers must see it first). */
export const ANNOUNCE_DELAY_MS = 150;

/** The page's notice, also while it waits to be placed (a closed drawer): one per page. */
const active = new WeakMap<Document, BannerHandle>();

/** True when the shopper dismissed the notice earlier in this session. */
export function bannerDismissed(key = NOTICE_ID): boolean {
  return isDismissed(key);
}

/** Removes the page's notice (shown or waiting to be placed), without remembering a dismissal. */
export function hideBanner(doc: Document = document): void {
  active.get(doc)?.remove();
}

/**
 * Shows the notice (once per page). Returns undefined when it is already shown or was dismissed.
 *
 * @example
 * ```ts
 * showBanner({
 *   text: 'Some store features are running in basic mode.',
 *   place: { inline: () => ({ parent: drawerInner, before: drawerItems }) },
 *   onDismiss: () => log(),
 * });
 * ```
 */
export function showBanner(opts: BannerOptions): BannerHandle | undefined {
  const doc = opts.doc ?? document;
  const key = opts.rememberKey ?? NOTICE_ID;
  if (active.has(doc) || doc.getElementById(NOTICE_ID) || isDismissed(key) || !doc.body) return undefined;
  const place = opts.place ?? { toast: { avoid: 'html:not(html)' } };
  const toast = 'toast' in place;
  const { el, spoken, close } = buildNotice(doc, { text: opts.text, dismiss: opts.dismissLabel ?? 'Dismiss notice', lang: opts.lang, look: toast ? 'toast' : 'inline' });
  if (!toast && place.margin) el.style.margin = place.margin;

  let timer: ReturnType<typeof setTimeout> | undefined;
  const onShown = () => {
    timer = setTimeout(() => {
      spoken.textContent = opts.text;
    }, ANNOUNCE_DELAY_MS);
    try {
      opts.onShown?.();
    } catch {}
  };
  const stop = toast ? keepToast(el, { avoid: place.toast.avoid, onShown }) : keepInline(el, { find: place.inline, onShown });

  let gone = false;
  const remove = () => {
    if (gone) return;
    gone = true;
    active.delete(doc);
    clearTimeout(timer);
    stop();
    doc.removeEventListener('keydown', onKey);
  };
  const dismiss = () => {
    if (gone) return;
    // Focus must not fall to <body> from inside a drawer's focus trap: give it to the nearest
    // focusable container (Dawn's `.drawer__inner` has tabindex=-1, Horizon's is a <dialog>).
    const had = el.contains(doc.activeElement);
    const host = el.parentElement?.closest<HTMLElement>('[tabindex], dialog');
    rememberDismissed(key);
    remove();
    if (had) host?.focus();
    try {
      opts.onDismiss?.();
    } catch {}
  };
  // Escape belongs to the page, and inside a drawer to the drawer (it closes it): only the toast,
  // with focus in it, takes it.
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && el.contains(doc.activeElement)) dismiss();
  };
  close.addEventListener('click', dismiss);
  if (toast) doc.addEventListener('keydown', onKey);
  const handle = { el, remove };
  active.set(doc, handle);
  return handle;
}
