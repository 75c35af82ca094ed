/**
 * Calls `fn` when the page is hidden or being left: `visibilitychange` → hidden covers tab
 * switches and mobile app switches (the last moment many mobile pages get), `pagehide` covers
 * navigations and the back/forward cache. `unload`/`beforeunload` are never used: they break the
 * back/forward cache and often never fire on mobile. `fn` may run twice for one departure.
 *
 * @example
 * ```ts
 * const off = onHidden(() => navigator.sendBeacon(url, body));
 * ```
 * @returns a function that removes both listeners.
 */
export function onHidden(fn: () => void): () => void {
  const vis = () => document.visibilityState === 'hidden' && fn();
  document.addEventListener('visibilitychange', vis);
  addEventListener('pagehide', fn);
  return () => {
    document.removeEventListener('visibilitychange', vis);
    removeEventListener('pagehide', fn);
  };
}
