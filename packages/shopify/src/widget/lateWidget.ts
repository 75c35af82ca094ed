/**
 * After a take-over, the widget's script is still on the page. A widget whose start-up answers
 * after the readiness budget finishes starting later and hijacks again: it re-adds the style
 * that hides the theme's drawer, patches `fetch`, mounts its own drawer. A page that was handed
 * to the native cart stays usable to its end: what the late widget adds is undone as it comes,
 * its clicks stay bypassed (the gate keeps serving natively), and its readiness is reported late.
 * Part of the degraded chunk.
 */
import type { Lifeboat } from '@lifeboat/sdk';
import { restoreOriginals, type Injected, type Originals } from './inject.js';
import type { ReadySpec } from './readiness.js';
import { takeOver, type TakeOverSpec } from './takeover.js';

export interface LateWatch {
  spec: TakeOverSpec & { name: string; ready: ReadySpec };
  injected: Injected;
  originals?: Originals;
  lifeboat: Lifeboat;
  win?: Window & typeof globalThis;
  doc?: Document;
}

const isStyle = (n: Node): n is HTMLStyleElement | HTMLLinkElement =>
  n instanceof Element && (n.localName === 'style' || (n.localName === 'link' && /\bstylesheet\b/i.test(n.getAttribute('rel') ?? '')));

function all(doc: Document, selectors: string[] | undefined): HTMLElement[] {
  const out: HTMLElement[] = [];
  for (const s of selectors ?? [])
    try {
      out.push(...doc.querySelectorAll<HTMLElement>(s));
    } catch {}
  return out;
}

/**
 * Whether a stylesheet hides one of the elements the take-over shows (the theme's drawer): the
 * element is `display:none` with the sheet and was not without it.
 */
function hidesShown(style: HTMLStyleElement | HTMLLinkElement, shown: HTMLElement[], win: Window): boolean {
  const sheet = style.sheet;
  if (!sheet || !shown.length) return false;
  const hidden = () => shown.map((el) => win.getComputedStyle(el).display === 'none');
  const withIt = hidden();
  sheet.disabled = true;
  const without = hidden();
  sheet.disabled = false;
  return withIt.some((h, i) => h && !without[i]);
}

/** Watches for the widget coming back; returns a stop function (the loader never calls it). */
export function keepTakenOver(ctx: LateWatch): () => void {
  const win = ctx.win ?? window;
  const doc = ctx.doc ?? document;
  const { spec, injected, originals, lifeboat } = ctx;
  const origin = new URL(injected.url).origin;
  let reported = false;

  const fromWidget = (n: HTMLStyleElement | HTMLLinkElement) => {
    if (n.localName === 'link') {
      try {
        return new URL((n as HTMLLinkElement).href, doc.baseURI).origin === origin;
      } catch {
        return false;
      }
    }
    return hidesShown(n, all(doc, spec.show), win);
  };

  const lateReady = () => {
    if (reported) return;
    reported = true;
    // Resource Timing knows when the script was requested (the `ready` event's zero).
    const requested = (win.performance.getEntriesByName(injected.url)[0] as PerformanceEntry | undefined)?.startTime ?? 0;
    try {
      lifeboat.report({ type: 'ready', widget: spec.name, ms: Math.max(0, Math.round(win.performance.now() - requested)), ok: true });
    } catch {}
    // Its own stand-down, the original fetch/XHR, its drawer hidden, the theme's shown.
    takeOver({ spec, styles: [], originals, win, doc });
  };

  const mo = new MutationObserver((records) => {
    let hijacked = false;
    for (const r of records)
      for (const n of r.addedNodes) {
        if (isStyle(n)) {
          if (n.isConnected && fromWidget(n)) {
            n.remove();
            hijacked = true;
          }
        } else if (n instanceof HTMLElement) {
          for (const el of all(doc, spec.hide)) if (el === n || n.contains(el)) el.style.setProperty('display', 'none', 'important');
        }
      }
    // A widget re-adding its style is hijacking again: its patched fetch goes with it.
    if (hijacked && originals) restoreOriginals(originals, win);
    if (spec.ready.selector && !reported)
      try {
        if (doc.querySelector(spec.ready.selector)) lateReady();
      } catch {}
  });
  mo.observe(doc.documentElement, { childList: true, subtree: true });
  const ev = spec.ready.event;
  if (ev) {
    doc.addEventListener(ev, lateReady);
    win.addEventListener(ev, lateReady);
  }
  return () => {
    mo.disconnect();
    if (ev) {
      doc.removeEventListener(ev, lateReady);
      win.removeEventListener(ev, lateReady);
    }
  };
}

/**
 * The degraded path's take-over: undoes what the failed widget did, and keeps undoing what it
 * does if it finishes starting late. Returns the steps that threw.
 */
export function takeOverAndWatch(ctx: { spec: LateWatch['spec']; injected?: Injected; originals?: Originals; lifeboat: Lifeboat }): string[] {
  const { injected } = ctx;
  injected?.stopTracking();
  const failed = takeOver({ spec: ctx.spec, styles: injected?.styles ?? [], originals: ctx.originals });
  try {
    if (injected) keepTakenOver({ ...ctx, injected });
  } catch {
    failed.push('watch');
  }
  return failed;
}
