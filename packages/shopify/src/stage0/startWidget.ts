/**
 * One widget started by the loader before the SDK core is here: hold the ground (a cart widget's
 * clicks), inject its script, watch its readiness within its budget. Ready: the held clicks go
 * to it at once. The core (at idle, or now when it failed) takes the outcome over
 * (guardWidget's `started`): the guard counts it, and a failure is taken over there.
 */
import { DEFAULT_CAPTURE, holdGround, type CaptureTargets, type Gate } from '../widget/hold.js';
import { captureOriginals, injectScript, type Injected, type Originals } from '../widget/inject.js';
import { waitReady, type ReadySpec } from '../widget/readiness.js';
import { widgetKind } from '../widget/kinds.js';

/** The widget fields the loader reads (the script tag's JSON, checked). */
export interface StartSpec {
  name: string;
  script: string;
  ready: ReadySpec;
  budget?: number;
  fallback?: string;
  capture?: Partial<CaptureTargets>;
}

/** What the loader started, for the core to take over. */
export interface Started {
  gate?: Gate;
  injected: Injected;
  originals: Originals;
  /** Epoch ms of the injection: the guard measures the widget's latency from it. */
  at: number;
  /** Settles with the readiness: ready, or not within the budget (`WidgetNotReady`). */
  outcome: Promise<void>;
  /** The readiness in ms, once known. */
  ms?: number;
}

/**
 * `budget` is the widget's readiness budget, `timeout` its guard's time budget: whichever ends
 * first ends the wait (the guard's, as a timeout).
 */
export function startWidget(w: StartSpec, budget: number, timeout: number): Started {
  const at = Date.now();
  const originals = captureOriginals();
  const gate = widgetKind(w as never).holdsClicks ? holdGround({ ...DEFAULT_CAPTURE, ...w.capture }) : undefined;
  const injected = injectScript(w.script);
  const ctrl = new AbortController();
  const t = setTimeout(() => ctrl.abort(), timeout);
  const s: Started = { gate, injected, originals, at, outcome: Promise.resolve() };
  s.outcome = waitReady(w.ready, { script: injected.script, url: injected.url, budget, signal: ctrl.signal })
    .catch((e) => {
      // The guard's own budget ran out first: a timeout, as the guard would have called it.
      throw ctrl.signal.aborted ? Object.assign(new Error(`Timed out after ${timeout}ms`), { code: 'ETIMEDOUT' }) : e;
    })
    .finally(() => {
      clearTimeout(t);
      s.ms = Date.now() - at;
    });
  s.outcome.then(
    () => {
      // Healthy: what the widget added while starting is kept, the held clicks reach it now.
      injected.stopTracking();
      gate?.pass();
    },
    () => {},
  );
  return s;
}
