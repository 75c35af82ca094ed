/**
 * Clean take-over of a failed widget: what a cart app did at script load is undone as far as a
 * page can undo it. Its listeners on `document` cannot be removed from outside; the gate's
 * capture listeners on `window` keep bypassing them instead.
 */
import { restoreOriginals, type Originals } from './inject.js';

export interface TakeOverSpec {
  hide?: string[];
  remove?: string[];
  show?: string[];
  /** Dotted path on `window` of the widget's stand-down method, e.g. `SmartCart.destroy`. */
  standDown?: string;
}

export interface TakeOverContext {
  spec: TakeOverSpec;
  /** Stylesheets the widget added. */
  styles: Iterable<Element>;
  originals?: Originals;
  win?: Window & typeof globalThis;
  doc?: Document;
}

const each = (doc: Document, selectors: string[] | undefined, fn: (el: HTMLElement) => void) => {
  for (const s of selectors ?? [])
    try {
      doc.querySelectorAll<HTMLElement>(s).forEach(fn);
    } catch {
      // A bad selector from the config must not stop the rest of the take-over.
    }
};

/** Walks `window` properties to the method and calls it on its owner. No eval. */
export function callPath(root: object, path: string): boolean {
  const parts = path.split('.');
  let owner: unknown = root;
  for (const p of parts.slice(0, -1)) {
    owner = owner != null && typeof owner === 'object' ? (owner as Record<string, unknown>)[p] : undefined;
  }
  const fn = owner != null && typeof owner === 'object' ? (owner as Record<string, unknown>)[parts[parts.length - 1]] : undefined;
  if (typeof fn !== 'function') return false;
  (fn as () => unknown).call(owner);
  return true;
}

/** Returns the steps that threw (the take-over goes on regardless). */
export function takeOver(ctx: TakeOverContext): string[] {
  const win = ctx.win ?? window;
  const doc = ctx.doc ?? document;
  const failed: string[] = [];
  const step = (name: string, fn: () => void) => {
    try {
      fn();
    } catch {
      failed.push(name);
    }
  };
  // Stand-down first: the widget's own clean-up knows its DOM and listeners best.
  if (ctx.spec.standDown) step('stand-down', () => callPath(win, ctx.spec.standDown!));
  if (ctx.originals) step('restore-fetch', () => restoreOriginals(ctx.originals!, win));
  step('styles', () => {
    for (const s of ctx.styles) s.remove();
  });
  step('hide', () => each(doc, ctx.spec.hide, (el) => el.style.setProperty('display', 'none', 'important')));
  step('remove', () => each(doc, ctx.spec.remove, (el) => el.remove()));
  step('show', () =>
    each(doc, ctx.spec.show, (el) => {
      el.hidden = false;
      for (const p of ['display', 'visibility', 'opacity']) el.style.removeProperty(p);
    }),
  );
  return failed;
}
