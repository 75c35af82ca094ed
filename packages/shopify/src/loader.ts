/**
 * The script-tag / app-embed loader (`lifeboat.shopify.js`, ≤ 10 kB gzip). Reads the JSON config,
 * creates the instance on `window.Lifeboat` (the only global), gates and watches the widgets, and
 * starts recommendations lazily. Anything needed only when degraded comes from the lazy chunk.
 * Whatever happens here, the store keeps its native behaviour.
 */
import { createLifeboat, type Lifeboat } from '@lifeboat/sdk';
import { readConfigElement } from './config/read.js';
import { liteCheck, splitConfig } from './config/lite.js';
import { guardWidget, type WidgetOptions } from './widget/guardWidget.js';
import { errText } from './widget/errText.js';
import type { RecommendationsOptions } from './recommendations/types.js';
import { degraded, validator } from './chunks.js';

function start() {
  // Included twice (app embed and a leftover script tag): one instance, one widget load.
  if ((window as unknown as { Lifeboat?: unknown }).Lifeboat) return;
  const read = readConfigElement();
  const raw = read.ok ? read.value : undefined;
  const problems = read.ok ? liteCheck(raw) : [{ path: 'config', message: read.error }];
  const parts = splitConfig(problems.length ? {} : (raw as Record<string, unknown>));
  const lifeboat = createLifeboat(parts.sdk);
  (window as unknown as { Lifeboat: Lifeboat }).Lifeboat = lifeboat;
  if (problems.length || lifeboat.config.debug) {
    if (problems.length) console.error('[lifeboat] config problems; the store stays in native mode:', problems);
    validator()
      .then((v) => raw !== undefined && v.validate(raw))
      .catch(() => {});
  }
  // Native mode: with a bad config no widget script is loaded, the theme keeps its own cart.
  if (problems.length) return;
  for (const w of parts.widgets) guardWidget(lifeboat, w as unknown as WidgetOptions, { degraded, cartGuard: parts.cartGuard });
  const recs = parts.recommendations as Partial<RecommendationsOptions> | undefined;
  if (recs || document.querySelector('[data-lifeboat-recommendations]')) {
    const go = () =>
      degraded()
        .then((d) => d.fillRecommendations(lifeboat, recs ?? {}))
        .catch((e) => lifeboat.report({ type: 'sdk-error', code: 'recs-failed', message: errText(e) }));
    // The chain observes its slots itself; fetching the chunk waits for the page to settle.
    const idle = (window as { requestIdleCallback?: (cb: () => void, o?: object) => number }).requestIdleCallback;
    if (document.readyState === 'complete') idle ? idle(go, { timeout: 2000 }) : setTimeout(go, 1);
    else addEventListener('load', () => (idle ? idle(go, { timeout: 2000 }) : setTimeout(go, 1)), { once: true });
  }
}

try {
  start();
} catch (e) {
  try {
    (window as unknown as { Lifeboat?: Lifeboat }).Lifeboat?.report({ type: 'sdk-error', code: 'loader-failed', message: errText(e) });
  } catch {}
  console.error('[lifeboat] loader failed; the store stays in native mode', e);
}
