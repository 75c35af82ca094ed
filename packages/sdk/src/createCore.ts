import type { GuardStatus, StatusDocument } from '@lifeboat/schema/lite';
import { attachStatus } from './status/statusClient.js';
import { attachTransport } from './transport/beacons.js';
import { isRecord, isWindow, windowKey } from './breaker/record.js';
import type { TabMessage } from './breaker/share.js';
import { breakersOf, drawOf, tabsOf } from './environment.js';
import { reportProblems } from './config/problems.js';
import { createGuard, type Guard, type GuardHost } from './guard/Guard.js';
import type { ActionProvider } from './guard/actionProvider.js';
import type { BreakerProvider } from './guard/breakerProvider.js';
import { createEmitter } from './lib/emitter.js';
import type { Lifeboat, LifeboatEventMap, LifeboatParts, ResolvedConfig } from './types.js';

/**
 * What differs between builds of the SDK, one part each. `@lifeboat/sdk` passes opossum in the
 * bundle, the retry loop and the cheap config check; the Shopify loader passes opossum loaded on
 * a page's first failure and the retry loop and status check from its degraded chunk.
 */
export interface CoreParts {
  /** Reads a config: checks it, fills the defaults, lists what was wrong (`problems`). */
  config(input: unknown): ResolvedConfig;
  /** Where each guard's circuit breaker comes from (`eagerBreaker`, `lazyBreaker(load)`). */
  breaker: BreakerProvider;
  /** Each guard's action: the retry loop or one plain call (`retryingAction`). */
  action: ActionProvider;
  /** Checks a fetched status document; undefined when it is not one (`checkStatus`). May be async. */
  checkStatus(x: unknown): StatusDocument | undefined | Promise<StatusDocument | undefined>;
}

/**
 * The Lifeboat instance with the build's parts (`createLifeboat` is this with the npm parts):
 * named guards with a time budget, a circuit breaker whose state survives page loads and is
 * shared by the shop's tabs, retries and fallbacks. Never throws.
 *
 * @example
 * ```ts
 * import { createCore, lazyBreaker, retryingAction, checkStatus, checkedConfig } from '@lifeboat/sdk/core';
 * const lifeboat = createCore(config, undefined, {
 *   config: checkedConfig, breaker: lazyBreaker(() => import('@lifeboat/sdk/breaker')), action: retryingAction, checkStatus,
 * });
 * ```
 */
export function createCore(config: unknown, parts: LifeboatParts | undefined, core: CoreParts): Lifeboat {
  const emitter = createEmitter<LifeboatEventMap>((type, error) => {
    if (type !== 'sdk-error') sdkError('listener-threw', `${String(type)} listener threw`, undefined, error);
  });
  const sdkError = (code: string, message: string, guard?: string, error?: unknown) => emitter.emit('sdk-error', { code, message, guard, error });
  const resolved = parts?.config ?? core.config(config);
  const guards = new Map<string, Guard>();
  let fleet: Record<string, GuardStatus> = {};
  // What attachTransport/attachStatus returned: a detach function, maybe with `flush` (the
  // transport's) or `ready` (the status client's: its cached document is applied).
  const attached: Array<(() => void) & { flush?: () => void; ready?: Promise<unknown> }> = [];
  const safe = (code: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      sdkError(code, code, undefined, e);
    }
  };

  const store = breakersOf(resolved.storageName, (error) => sdkError('storage-unavailable', 'no IndexedDB: breakers kept in memory', undefined, error), parts);
  const channel = tabsOf(parts)(`lifeboat:${resolved.storageName}`, (m) => {
    const { name, record } = (m ?? {}) as TabMessage;
    if (typeof name === 'string' && isRecord(record)) {
      const g = guard(name);
      if (g.o.persist) g.adopt(record, 'tab');
    }
  });
  const host: GuardHost = {
    emit: emitter.emit,
    has: emitter.has,
    draw: drawOf(parts),
    breaker: core.breaker,
    action: core.action,
    save(g) {
      if (!g.o.persist) return;
      const record = g.record();
      store.save(g.name, record);
      channel.post({ name: g.name, record });
    },
    count(g, counts) {
      store.save(windowKey(g.name), counts);
    },
  };
  const guard = (name: string): Guard => {
    let g = guards.get(name);
    if (!g) guards.set(name, (g = createGuard(name, resolved.guards[name] ?? resolved.defaults, host, fleet[name])));
    return g;
  };

  // One microtask later, so listeners registered right after createLifeboat() hear start-up errors.
  const ready = Promise.resolve()
    .then(() => {
      reportProblems(resolved.problems, sdkError);
      // attached is filled by then (synchronously, below).
      return Promise.all([store.load(), ...attached.map((a) => a.ready)]);
    })
    .then(([rows]) => {
      // IndexedDB sorts string keys (records) before array keys (windows): a window is primed
      // only if counted after the guard's last restored transition.
      for (const [key, value] of rows) {
        const g = typeof key === 'string' ? guard(key) : Array.isArray(key) && key[0] === 'w' && typeof key[1] === 'string' ? guard(key[1]) : undefined;
        if (!g?.o.persist) continue;
        if (typeof key === 'string' && isRecord(value)) g.adopt(value, 'restored');
        else if (isWindow(value)) g.prime(value);
      }
    })
    .catch((e) => sdkError('restore-failed', 'restore failed', undefined, e));

  const lifeboat: Lifeboat = {
    ready,
    config: resolved,
    run: (name, work, options) => guard(name).run(work, options),
    state: (name) => guards.get(name)?.view() ?? (fleet[name]?.mode === 'open' ? 'open' : 'closed'),
    on: emitter.on,
    report(event) {
      if (event.type === 'fallback') emitter.emit('fallback', { guard: event.guard, reason: event.reason, served: event.served });
      else if (event.type === 'sdk-error') sdkError(event.code, event.message ?? event.code, event.guard);
      else emitter.emit('report', { event });
    },
    applyStatus(doc: StatusDocument) {
      safe('status-invalid', () => {
        const next: Record<string, GuardStatus> = (doc && doc.guards) || {};
        // Guards are created with the old word, then told the new one: a change emits its transition.
        for (const name of new Set([...guards.keys(), ...Object.keys(next)])) guard(name).setFleet(next[name]);
        fleet = next;
        (lifeboat as { statusAt?: number }).statusAt = doc.generatedAt;
      });
    },
    fleet: (name) => fleet[name],
    flush() {
      for (const a of attached) safe('flush-failed', () => a.flush?.());
      emitter.emit('flush', {});
    },
    destroy() {
      for (const a of attached.splice(0)) safe('detach-failed', a);
      for (const g of guards.values()) g.destroy();
      channel.close();
      emitter.clear();
    },
  };

  if (resolved.debug) emitter.on('transition', (e) => console.info('Lifeboat:', e.guard, e.from, '→', e.to, `(${e.reason})`));
  if (resolved.collector && resolved.publicKey) {
    const attach = (fn: (l: Lifeboat, p: LifeboatParts | undefined, c: CoreParts) => (typeof attached)[number]) => safe('attach-failed', () => attached.push(fn(lifeboat, parts, core)));
    if (resolved.beacons.enabled) attach(attachTransport);
    if (resolved.status.enabled) attach(attachStatus);
  }
  return lifeboat;
}
