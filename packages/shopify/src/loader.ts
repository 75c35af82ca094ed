/**
 * The script-tag / app-embed loader (`lifeboat.shopify.js`): what every page needs before a widget
 * is trusted, and nothing else. It reads and checks the JSON config, gates each widget on its
 * guard's persisted breaker and the cached fleet status, holds the ground, injects the widget and
 * watches its readiness, and puts a `window.Lifeboat` (the only global) that keeps calls until the
 * SDK core (`lifeboat.shopify.core.js`) is here: at idle on a healthy page, at once when a widget
 * failed, a guard must decide, or page code calls `run`. Whatever happens here, the store keeps
 * its native behaviour.
 */
import { checkShopifyConfig } from '@lifeboat/schema/lite';
import type { Lifeboat } from '@lifeboat/sdk/core';
import { readConfigElement } from './config/read.js';
import { core, validator } from './chunks.js';
import { gate } from './stage0/gate.js';
import { queued } from './stage0/queued.js';
import { startWidget, type StartSpec, type Started } from './stage0/startWidget.js';
import type { Held } from './widget/hold.js';

type Win = { Lifeboat?: Lifeboat };
type Cfg = Record<string, any>;

const q = queued(() => need());
let fetched: Promise<unknown> | undefined;
let need = () => {};

/** Served when the core cannot be had: the browser's own form post, the cart page. */
const bare = (h: Held) => (h.kind === 'add' ? HTMLFormElement.prototype.submit.call(h.el) : location.assign('/cart'));

const say = (e: unknown) => console.error('[lifeboat] the store stays in native mode:', e);

function report(e: unknown, code: string) {
  say(e);
  q.lifeboat.report({ type: 'sdk-error', code, message: `${e}`.slice(0, 200) });
}

/** Fetches the core once (`wire`: the instance to hand the queued calls to). */
function load(wire: (c: typeof import('./core.js')) => Lifeboat, started: Array<Promise<Started | undefined>> = []) {
  return (fetched ??= core().then(
    (c) => q.attach(wire(c)),
    (e) => {
      say(e);
      // A failed widget's clicks are held from it: they must still reach a cart.
      for (const s of started) s.then((x) => x?.outcome.catch(() => x.gate?.native(bare)));
    },
  ));
}

function start() {
  // Included twice (app embed and a leftover script tag): one instance, one widget load.
  if ((window as Win).Lifeboat) return;
  (window as Win).Lifeboat = q.lifeboat;
  const read = readConfigElement();
  const raw = (read.ok ? read.value : 0) as Cfg;
  if (!read.ok || checkShopifyConfig(raw).length) {
    if (!read.ok) say(read.error);
    // A config the cheap check refused: only now zod's explanation (field, fix, what it got).
    else validator().then((v) => v.validate(raw), (e) => report(e, 'validator-unavailable'));
    return void load((c) => c.native());
  }
  // A bad selector throws here, before any widget is loaded: the store stays native.
  const slot = !!document.querySelector(raw.recommendations?.selector ?? '[data-lifeboat-recommendations]');
  const storage = raw.storageName ?? 'lifeboat';
  const go = () => load((c) => c.wire(raw, started, slot), started);
  need = go;
  const started = ((raw.widgets ?? []) as Array<StartSpec & { guard?: string }>).map(async (w) => {
    const guard = w.guard ?? w.name;
    if ((await gate(storage, guard)) !== 'go') return void go();
    const timeout = raw.guards?.[guard]?.timeout ?? raw.defaults?.timeout ?? 3000;
    const s = startWidget(w, w.budget ?? timeout, timeout);
    s.outcome.catch(go);
    return s;
  });
  // A healthy page fetches the core when the browser is idle after load.
  const idle = (window as { requestIdleCallback?: (cb: () => void, o?: object) => number }).requestIdleCallback ?? setTimeout;
  const later = () => idle(go, { timeout: 2000 } as never);
  if (document.readyState === 'complete') later();
  else addEventListener('load', later, { once: true });
}

try {
  start();
} catch (e) {
  report(e, 'loader-failed');
  load((c) => c.native());
}
