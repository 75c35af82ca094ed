/**
 * One widget under a guard: gate (load it only when its guard lets it), hold the ground while it
 * starts, watch its readiness, and on failure hand over to the degraded path (take-over, native
 * cart, banner), which the script-tag build loads lazily.
 */
import { scrub, type FallbackReason, type Lifeboat } from '@lifeboat/sdk/core';
import type { Started } from '../stage0/startWidget.js';
import { DEFAULT_CAPTURE, holdGround, type CaptureTargets, type Gate, type Held } from './hold.js';
import { captureOriginals, injectScript, type Injected, type Originals } from './inject.js';
import { isFromScript, waitReady, WidgetNotReady, type ReadySpec } from './readiness.js';
import { widgetKind } from './kinds.js';
import type { TakeOverSpec } from './takeover.js';

/** A widget as `guardWidget` takes it: the script-tag JSON fields, plus functions for npm users. */
export interface WidgetOptions extends TakeOverSpec {
  name: string;
  guard?: string;
  script: string;
  ready: ReadySpec;
  budget?: number;
  /** `native-cart` (default), `hide`, or your own function run after the take-over. */
  fallback?: 'native-cart' | 'hide' | ((reason: string) => void);
  capture?: Partial<CaptureTargets>;
}

/** What the degraded path offers; the script-tag build loads it as a separate chunk. */
export interface DegradedPath {
  /** Undoes what the widget did (its styles, patched fetch), also when it finishes starting late. */
  takeOver(ctx: { spec: WidgetOptions; injected?: Injected; originals?: Originals; lifeboat: Lifeboat }): unknown;
  serveNative(h: Held, opts: { fetch: typeof fetch; lifeboat: Lifeboat; cartGuard?: string }): unknown;
  showBanner(lifeboat: Lifeboat, guard: string): unknown;
}

export type WidgetOutcome = 'ready' | 'failed' | 'skipped';

export interface WidgetHandle {
  /** Settles once the widget is ready, failed (and was taken over), or was not loaded. */
  readonly done: Promise<WidgetOutcome>;
  readonly state: 'starting' | WidgetOutcome;
  /** Stops watching; does not undo a take-over. */
  stop(): void;
}

export { DEFAULT_CAPTURE };


/**
 * Loads and watches one widget under `lifeboat`. Never throws; problems become `sdk-error`.
 *
 * @example
 * ```ts
 * guardWidget(lifeboat, {
 *   name: 'smartcart', script: 'https://cdn.smartcart.example/smartcart.js',
 *   ready: { event: 'smartcart:ready' }, budget: 2500, standDown: 'SmartCart.destroy',
 *   hide: ['#smartcart-drawer'], show: ['cart-drawer'],
 * }, { degraded: async () => degradedPath }); // degradedPath from '@lifeboat/shopify'
 * ```
 */
export function guardWidget(
  lifeboat: Lifeboat,
  w: WidgetOptions,
  deps: {
    degraded: () => Promise<DegradedPath>;
    /** Guard of the native cart calls (default `cart`). */
    cartGuard?: string;
    /** What the loader started before the core was here (stage0/startWidget.ts); undefined: the guard loads it. */
    started?: Promise<Started | undefined>;
  },
): WidgetHandle {
  const guard = w.guard ?? w.name;
  const kind = widgetKind(w);
  const served = kind.served;
  // For the fallbacks no guard call answered (the fleet's word, a guard that opened later); the
  // guard's own fallback event carries `served` itself (run options below).
  const fellBack = (reason: FallbackReason) => lifeboat.report({ type: 'fallback', guard, reason, served });
  const targets: CaptureTargets = { ...DEFAULT_CAPTURE, ...w.capture };
  const cleanups: Array<() => void> = [];
  let state: WidgetHandle['state'] = 'starting';
  let gate: Gate | undefined;
  let injected: Injected | undefined;
  let originals: Originals | undefined;
  let tookOver = false;

  const sdkError = (code: string, error: unknown) => {
    try {
      lifeboat.report({ type: 'sdk-error', code, message: scrub(error), guard });
    } catch {}
  };

  // One load per page, whoever provides the chunk (chunks.ts caches it for every widget too).
  let chunk: Promise<DegradedPath> | undefined;
  const degradedOnce = () => (chunk ??= deps.degraded());

  /** Served when even the degraded chunk cannot be had: the browser's own form post, the cart page. */
  const bare = (h: Held) => {
    if (h.kind === 'add') HTMLFormElement.prototype.submit.call(h.el);
    else location.assign('/cart');
  };

  /** Takes the widget over; `answered`: the guard's run already emitted its fallback event. */
  const fallBack = async (reason: FallbackReason, answered = false) => {
    if (tookOver) return;
    tookOver = true;
    state = 'failed';
    try {
      const d = await degradedOnce();
      d.takeOver({ spec: w, injected, originals, lifeboat });
      if (typeof w.fallback === 'function') w.fallback(reason);
      if (gate && kind.holdsClicks) gate.native((h) => {
          try {
            return d.serveNative(h, { fetch: originals?.fetch ?? fetch, lifeboat, cartGuard: deps.cartGuard });
          } catch (e) {
            // The click is already held from the widget: it must still reach a cart.
            sdkError('native-failed', e);
            bare(h);
          }
        });
      else gate?.stop();
      if (!answered) fellBack(reason);
      d.showBanner(lifeboat, guard);
    } catch (e) {
      // The chunk did not load: the widget's hijack is still there, so keep bypassing it.
      if (gate && kind.holdsClicks) gate.native(bare);
      else gate?.stop();
      sdkError('takeover-failed', e);
    }
  };

  /** Starts the widget and watches it, or (`pre`) takes over what the loader started. */
  const load = async (signal: AbortSignal, pre?: Started): Promise<void> => {
    const started = performance.now();
    // The loader measured its own start-up from the injection.
    const ready = (ok: boolean) => lifeboat.report({ type: 'ready', widget: w.name, ms: pre ? (pre.ms ?? 0) : Math.round(performance.now() - started), ok });
    if (!pre) {
      originals = captureOriginals();
      if (kind.holdsClicks) gate = holdGround(targets);
      injected = injectScript(w.script);
    }
    try {
      const budget = w.budget ?? lifeboat.config.guards[guard]?.timeout ?? lifeboat.config.defaults.timeout;
      await (pre ? pre.outcome : waitReady(w.ready, { script: injected!.script, url: injected!.url, budget, signal }));
      ready(true);
    } catch (e) {
      ready(false);
      // The take-over will need the degraded chunk: fetch it while the guard decides (in the
      // loader build that decision may first fetch the breaker chunk).
      degradedOnce().catch(() => {});
      throw e;
    }
  };

  // The guard opening (kill switch, another tab, later failures) takes the widget over, also
  // when it happens while the widget is still starting.
  let openedWhileStarting = false;
  cleanups.push(
    lifeboat.on('transition', (t) => {
      if (t.guard !== guard || t.to !== 'open') return;
      if (state === 'ready') void fallBack('open');
      else if (state === 'starting') openedWhileStarting = true;
    }),
  );

  /** Not loaded at all: the theme's cart is untouched from first paint; only the notice is left. */
  const skip = (reason: FallbackReason, answered = false): WidgetOutcome => {
    state = 'skipped';
    if (!answered) fellBack(reason);
    degradedOnce()
      .then((d) => d.showBanner(lifeboat, guard))
      .catch((e) => sdkError('degraded-load-failed', e));
    return 'skipped';
  };

  const done = (async (): Promise<WidgetOutcome> => {
    try {
      // ready includes the status client's cached document: the first page after a kill switch
      // does not request the widget.
      const pre = await deps.started;
      if (pre) ({ gate, injected, originals } = pre);
      await lifeboat.ready.catch(() => {});
      if (lifeboat.fleet(guard)?.mode === 'open') {
        // Already injected by the loader (the fleet's word came after): taken over, not skipped.
        if (!pre) return skip('status');
        await fallBack('status');
        return 'failed';
      }
      let started = !!pre;
      const r = await lifeboat.run<void>(
        guard,
        (signal) => {
          started = true;
          return load(signal, pre);
        },
        { fallback: () => undefined, served, startedAt: pre?.at },
      );
      if (!r.fromFallback && openedWhileStarting && lifeboat.state(guard) === 'open') {
        await fallBack('open');
        return 'failed';
      }
      if (!r.fromFallback) {
        state = 'ready';
        // A healthy page pays nothing for the watch: what the widget added while starting is kept.
        injected?.stopTracking();
        gate?.pass();
        watchLater();
        return 'ready';
      }
      if (!started) {
        // Guard open (here or fleet-wide): the script is never requested, the theme's cart is
        // untouched from first paint. Only the notice is left to show.
        return skip(r.reason, true);
      }
      if (lifeboat.config.debug) console.warn(`[lifeboat] widget ${w.name} failed:`, r.error instanceof WidgetNotReady ? r.error.message : r.error);
      await fallBack(r.reason, true);
      return 'failed';
    } catch (e) {
      sdkError('widget-failed', e);
      await fallBack('error');
      return 'failed';
    }
  })();

  /** After start-up, the widget's own errors still count, and a guard that opens takes over. */
  function watchLater() {
    const onError = (e: ErrorEvent) => {
      if (!injected || tookOver || !isFromScript(e, injected.script, injected.url)) return;
      lifeboat.run(guard, () => Promise.reject(e.error ?? new Error(e.message))).catch(() => {});
    };
    window.addEventListener('error', onError);
    cleanups.push(() => window.removeEventListener('error', onError));
  }

  return {
    done,
    get state() {
      return state;
    },
    stop() {
      for (const c of cleanups.splice(0)) c();
      injected?.stopTracking();
      gate?.stop();
    },
  };
}
