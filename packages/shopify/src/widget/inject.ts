/**
 * Lifeboat loads the widget's script itself, so it knows the exact URL (to attribute errors),
 * what the page looked like before (the original `fetch`/XHR), and which styles came after.
 */

export interface Originals {
  fetch: typeof fetch;
  xhrOpen: XMLHttpRequest['open'];
  xhrSend: XMLHttpRequest['send'];
}

/** The page's own `fetch`/XHR before any widget could patch them. */
export function captureOriginals(win: Window & typeof globalThis = window): Originals {
  const proto = win.XMLHttpRequest?.prototype;
  return { fetch: win.fetch, xhrOpen: proto?.open, xhrSend: proto?.send };
}

/** Puts back a `fetch`/XHR a widget replaced. */
export function restoreOriginals(o: Originals, win: Window & typeof globalThis = window): void {
  if (o.fetch && win.fetch !== o.fetch) win.fetch = o.fetch;
  const proto = win.XMLHttpRequest?.prototype;
  if (proto && o.xhrOpen && proto.open !== o.xhrOpen) proto.open = o.xhrOpen;
  if (proto && o.xhrSend && proto.send !== o.xhrSend) proto.send = o.xhrSend;
}

export interface Injected {
  script: HTMLScriptElement;
  /** Absolute URL of the script (what error events name as `filename`). */
  url: string;
  /** Stylesheets added to the page since injection (the widget's, most likely). */
  styles: Set<Element>;
  /** Stops watching for new stylesheets (records still pending are kept). */
  stopTracking(): void;
}

const isStyle = (n: Node): n is Element =>
  n instanceof Element && (n.localName === 'style' || (n.localName === 'link' && /\bstylesheet\b/i.test(n.getAttribute('rel') ?? '')));

/** Adds `<script async src=url>` and starts recording stylesheets added after it. */
export function injectScript(src: string, doc: Document = document): Injected {
  const url = new URL(src, doc.baseURI).href;
  const styles = new Set<Element>();
  const origin = new URL(url).origin;
  const record = (records: MutationRecord[]) => {
    for (const r of records)
      for (const n of r.addedNodes)
        // A <link> from another origin than the widget's is the theme's or another app's.
        if (isStyle(n) && (n.localName === 'style' || new URL((n as HTMLLinkElement).href, doc.baseURI).origin === origin)) styles.add(n);
  };
  const mo = new MutationObserver(record);
  mo.observe(doc.documentElement, { childList: true, subtree: true });
  const script = doc.createElement('script');
  script.src = url;
  script.async = true;
  (doc.head ?? doc.documentElement).appendChild(script);
  return {
    script,
    url,
    styles,
    stopTracking: () => {
      record(mo.takeRecords());
      mo.disconnect();
    },
  };
}
