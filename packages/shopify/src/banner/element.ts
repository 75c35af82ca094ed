/**
 * The notice's DOM: a polite status region with the text and a real dismiss `<button>`. Text goes
 * in with `textContent` only (whatever the status document says is never parsed as HTML).
 * Styled through CSSOM (no `<style>`, fine under a strict CSP), no inline handlers.
 */
export const NOTICE_ID = 'lifeboat-banner';

type Style = Partial<CSSStyleDeclaration>;

export const make = <K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, style: Style): HTMLElementTagNameMap[K] => {
  const el = doc.createElement(tag);
  Object.assign(el.style, style);
  return el;
};

export interface NoticeParts {
  el: HTMLDivElement;
  /** The visually hidden copy screen readers announce; filled by `announce`. */
  spoken: HTMLSpanElement;
  close: HTMLButtonElement;
}

/**
 * `look`: `inline` sits in the theme's own cart (light, takes the container's width); `toast`
 * floats over the page (dark, so it reads on any background).
 */
export function buildNotice(doc: Document, o: { text: string; dismiss: string; lang?: string; look: 'inline' | 'toast' }): NoticeParts {
  const dark = o.look === 'toast';
  const el = make(doc, 'div', {
    boxSizing: 'border-box',
    display: 'flex',
    gap: '8px',
    alignItems: 'center',
    justifyContent: 'space-between',
    flex: 'none',
    width: dark ? 'min(420px, calc(100vw - 24px))' : 'auto',
    margin: dark ? '0' : '0 0 12px',
    padding: '6px 6px 6px 14px',
    borderRadius: '8px',
    border: dark ? '0' : '1px solid #9ca3af',
    background: dark ? '#1f2937' : '#f3f4f6',
    color: dark ? '#fff' : '#111827',
    font: '14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif',
    letterSpacing: 'normal',
    textAlign: 'start',
    textTransform: 'none',
    boxShadow: dark ? '0 4px 16px rgba(0,0,0,.25)' : 'none',
  });
  el.id = NOTICE_ID;
  el.setAttribute('role', 'status');
  el.setAttribute('aria-live', 'polite');
  if (o.lang) el.lang = o.lang;
  // Seen, not read: the spoken copy below is what screen readers announce (once, when shown).
  const shown = make(doc, 'span', {});
  shown.textContent = o.text;
  shown.setAttribute('aria-hidden', 'true');
  const spoken = make(doc, 'span', {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
  });
  const close = make(doc, 'button', {
    flex: 'none',
    font: 'inherit',
    fontSize: '22px',
    lineHeight: '1',
    background: 'transparent',
    color: 'inherit',
    border: '0',
    borderRadius: '6px',
    padding: '0',
    margin: '0',
    cursor: 'pointer',
    width: '44px',
    height: '44px',
    minWidth: '44px',
    boxShadow: 'none',
  });
  close.type = 'button';
  // The glyph is decoration; the button's name is its aria-label, in the notice's language.
  const cross = make(doc, 'span', {});
  cross.textContent = '×';
  cross.setAttribute('aria-hidden', 'true');
  close.append(cross);
  close.setAttribute('aria-label', o.dismiss);
  el.append(shown, spoken, close);
  return { el, spoken, close };
}
