/**
 * Knowing when a widget is up, and when it is not: its script failed to load, it threw while
 * starting (attributed by the error's source URL), or it was not ready within its budget.
 */

export interface ReadySpec {
  /** Event dispatched on `document` or `window`. */
  event?: string;
  /** Selector that appears when the widget has rendered. */
  selector?: string;
  /** npm users: a promise-returning check. */
  check?: (signal: AbortSignal) => Promise<unknown>;
}

/** Why a widget was not ready; `kind` goes to the console in debug mode. */
export class WidgetNotReady extends Error {
  constructor(
    readonly kind: 'load-error' | 'script-error' | 'budget' | 'aborted',
    message: string,
  ) {
    super(message);
    this.name = 'WidgetNotReady';
  }
}

/**
 * True when an error event comes from the widget's script: its `filename` is the script URL, or
 * (cross-origin scripts without CORS report no filename) it fired while that script was running.
 */
export function isFromScript(e: ErrorEvent, script: HTMLScriptElement, url: string, doc: Document = document): boolean {
  if (e.filename) return e.filename === url || e.filename.split('?')[0] === url.split('?')[0];
  return doc.currentScript === script;
}

/** Resolves when the widget is ready; rejects with WidgetNotReady otherwise. */
export function waitReady(
  spec: ReadySpec,
  opts: { script: HTMLScriptElement; url: string; budget: number; signal: AbortSignal; doc?: Document; win?: Window },
): Promise<void> {
  const doc = opts.doc ?? document;
  const win = opts.win ?? window;
  return new Promise<void>((resolve, reject) => {
    const cleanups: Array<() => void> = [];
    const settle = (err?: WidgetNotReady) => {
      for (const c of cleanups) c();
      err ? reject(err) : resolve();
    };
    const on = (t: EventTarget, type: string, fn: (e: Event) => void, capture = false) => {
      t.addEventListener(type, fn, capture);
      cleanups.push(() => t.removeEventListener(type, fn, capture));
    };
    if (opts.signal.aborted) return settle(new WidgetNotReady('aborted', 'aborted'));
    on(opts.signal, 'abort', () => settle(new WidgetNotReady('aborted', 'the guard gave up')));
    const timer = setTimeout(() => settle(new WidgetNotReady('budget', `not ready within ${opts.budget} ms`)), opts.budget);
    cleanups.push(() => clearTimeout(timer));
    on(opts.script, 'error', () => settle(new WidgetNotReady('load-error', 'script failed to load')));
    on(win, 'error', (e) => {
      if (isFromScript(e as ErrorEvent, opts.script, opts.url, doc)) settle(new WidgetNotReady('script-error', (e as ErrorEvent).message || 'script threw'));
    });
    if (spec.event) {
      on(doc, spec.event, () => settle());
      on(win, spec.event, () => settle());
    }
    if (spec.selector) {
      const sel = spec.selector;
      const found = () => {
        try {
          return !!doc.querySelector(sel);
        } catch {
          return false;
        }
      };
      if (found()) return settle();
      const mo = new MutationObserver(() => found() && settle());
      mo.observe(doc.documentElement, { childList: true, subtree: true, attributes: true });
      cleanups.push(() => mo.disconnect());
    }
    if (spec.check)
      spec.check(opts.signal).then(
        () => settle(),
        (e) => settle(new WidgetNotReady('script-error', String((e as Error)?.message ?? e))),
      );
  });
}
