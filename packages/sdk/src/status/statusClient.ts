import { get, set, type UseStore } from 'idb-keyval';
import type { Lifeboat, LifeboatParts, StatusDocument } from '../types.js';
import type { CoreParts } from '../createCore.js';
import { STORAGE_WAIT_MS } from '../breaker/persist.js';
import { statusFetchOf, statusStoreOf } from '../environment.js';

/** A cached document older than this is not applied at start: the fleet's word is too old to act on. */
export const CACHE_LIMIT = 24 * 3_600_000;

/** Kept under `doc` in the IndexedDB store `${storageName}-status` / `status`. */
interface Cached {
  /** The document, its ETag, and when the collector last vouched for it (epoch ms). */
  d: StatusDocument;
  e?: string;
  t: number;
}

/**
 * Reads the fleet status document (the kill switch) from `{collector}/v1/status/{publicKey}.json`
 * and applies it with `lifeboat.applyStatus`.
 *
 * The last good document is kept in IndexedDB and applied at start, before the network answers
 * (when younger than a day); the returned function's `ready` settles once that is done (within
 * STORAGE_WAIT_MS), so `lifeboat.ready` includes the fleet's last known word. Every page asks
 * once at start (a kill switch reaches new pages within the CDN's `max-age`), then every
 * `status.maxAge` while it stays visible and when it becomes visible again (open pages within
 * `maxAge` + `maxAge / 4` + the CDN's `max-age`); with `If-None-Match` when an ETag is known, so
 * an unchanged document costs a 304. Each fetch has `status.timeout` to answer. On any error the last known
 * document stays in force (a browser that cannot read the status keeps its own judgement), and
 * one `sdk-error` (`status-unavailable`) per page is reported. Never throws.
 *
 * @example
 * ```ts
 * const detach = attachStatus(lifeboat, undefined, { checkStatus }); // createLifeboat does this when a collector is set
 * ```
 */
export function attachStatus(lifeboat: Lifeboat, parts: LifeboatParts | undefined, { checkStatus }: Pick<CoreParts, 'checkStatus'>): (() => void) & { ready?: Promise<unknown> } {
  const { collector, publicKey, status: cfg, storageName } = lifeboat.config;
  if (!collector || !publicKey || !cfg.enabled) return () => {};
  const url = `${collector}/v1/status/${publicKey}.json`;
  let store: UseStore | undefined;
  let last: Cached | undefined;
  let applied = false;
  let busy = false;
  /**
   * When this page last asked (epoch ms; 0: not yet, so a new page always asks once). The next ask
   * is `maxAge` later, after a failure too: a collector that is down is not polled.
   */
  let asked = 0;
  let stopped = false;
  let reported = false;

  const apply = (c: Cached) => {
    last = c;
    applied = true;
    lifeboat.applyStatus(c.d);
  };
  const vouch = (c: Cached) => {
    c.t = Date.now();
    if (store) set('doc', c, store).catch(() => {});
  };
  const fail = (message: string) => {
    if (!reported) lifeboat.report({ type: 'sdk-error', code: 'status-unavailable', message });
    reported = true;
  };

  const refresh = async () => {
    if (busy || stopped || Date.now() - asked < cfg.maxAge) return;
    busy = true;
    asked = Date.now();
    try {
      const etag = last?.e;
      const r = await statusFetchOf(parts)(url, {
        credentials: 'omit',
        headers: etag ? { 'if-none-match': etag } : {},
        signal: AbortSignal.timeout?.(cfg.timeout),
      });
      if (r.status == 304 && last) {
        if (!applied) apply(last);
        vouch(last);
      } else if (r.ok) {
        // Awaited: the Shopify loader's check comes from a chunk.
        const d = await checkStatus(await r.json());
        // Plain strings (caught just below, reported as text): an Error costs loader bytes.
        if (!d) throw 'not a status document';
        const c: Cached = { d, e: r.headers.get('etag') ?? undefined, t: 0 };
        vouch(c);
        apply(c);
      } else throw `HTTP ${r.status}`;
    } catch (e) {
      // The last known document stays in force.
      fail(`${e}`);
    }
    busy = false;
  };
  // While visible, check now and then whether the document is due; a hidden page catches up when shown.
  const visible = () => document.visibilityState == 'visible' && refresh();
  const timer = setInterval(visible, Math.max(1000, cfg.maxAge / 4));
  document.addEventListener('visibilitychange', visible);

  try {
    store = statusStoreOf(`${storageName}-status`, 'status', parts);
  } catch {
    /* no IndexedDB: the document lives in this page only */
  }
  // A hanging IndexedDB does not hold `ready` up: the network's answer applies then.
  const ready = new Promise<Cached | undefined>((r) => {
    setTimeout(r, STORAGE_WAIT_MS);
    if (store) get<Cached>('doc', store).then(r, () => r(undefined));
    else r(undefined);
  }).then((cached) => {
    // Only checked documents are cached.
    if (stopped || last || !cached?.d) return;
    last = cached;
    if (Date.now() - cached.t < CACHE_LIMIT) apply(cached);
  });
  ready.finally(refresh).catch(() => {});

  return Object.assign(
    () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', visible);
    },
    { ready },
  );
}
