/**
 * The degraded-mode notice. Loaded only when something is degraded. It is fixed to the bottom of
 * the viewport (a new fixed box shifts nothing: CLS 0), polite (`role=status`), dismissible by
 * mouse and keyboard, styled through CSSOM (no inline handlers, no <style> for a strict CSP).
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

/**
 * Shows the notice (once per page). Returns undefined when it is already shown or was dismissed.
 *
 * @example
 * ```ts
 * showBanner({ text: 'Some store features are running in basic mode.', onDismiss: () => log() });
 * ```
 */
export function showBanner(opts: BannerOptions): BannerHandle | undefined {
  const doc = opts.doc ?? document;
  const key = opts.rememberKey ?? ID;
  if (doc.getElementById(ID) || bannerDismissed(key) || !doc.body) return undefined;
  const el = doc.createElement('div');
  el.id = ID;
  el.setAttribute('role', 'status');
  el.setAttribute('aria-live', 'polite');
  Object.assign(el.style, {
    position: 'fixed',
    left: '12px',
    right: '12px',
    bottom: '12px',
    zIndex: '2147483000',
    display: 'flex',
    gap: '12px',
    alignItems: 'center',
    justifyContent: 'space-between',
    maxWidth: '640px',
    margin: '0 auto',
    padding: '10px 14px',
    borderRadius: '8px',
    background: '#1f2937',
    color: '#fff',
    font: '14px/1.4 system-ui, sans-serif',
    boxShadow: '0 4px 16px rgba(0,0,0,.25)',
  } satisfies Partial<CSSStyleDeclaration>);
  const text = doc.createElement('span');
  text.textContent = opts.text;
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Dismiss notice');
  Object.assign(close.style, {
    font: 'inherit',
    fontSize: '20px',
    lineHeight: '1',
    background: 'transparent',
    color: 'inherit',
    border: '0',
    padding: '4px 8px',
    cursor: 'pointer',
    minWidth: '32px',
    minHeight: '32px',
  } satisfies Partial<CSSStyleDeclaration>);
  el.append(text, close);

  let gone = false;
  const remove = () => {
    if (gone) return;
    gone = true;
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
  doc.body.append(el);
  return { el, remove };
}
