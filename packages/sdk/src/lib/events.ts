/**
 * The part of Node's `EventEmitter` that opossum calls, for the page builds (rollup aliases
 * `events` to this module there). opossum's breaker and its Status window only use `on`, `emit`,
 * `removeAllListeners` (on shutdown) and `listenerCount` (snapshots, which Lifeboat switches off);
 * eventemitter3 would add ~2.9 kB minified for methods nothing calls. `events.test.ts` runs the
 * real opossum CircuitBreaker on it.
 *
 * Listener arrays are copied on write, so `emit` (twice per guarded call) allocates nothing and a
 * listener that adds or removes listeners does not change the delivery in progress.
 */
type Fn = (...args: unknown[]) => unknown;
type Key = string | symbol;

export class EventEmitter {
  /** `require('events').EventEmitter`, as opossum's status.js imports it. */
  static EventEmitter: typeof EventEmitter;
  private _ev: Record<Key, Fn[]> = Object.create(null);

  on(type: Key, fn: Fn): this {
    this._ev[type] = [...(this._ev[type] || []), fn];
    return this;
  }

  removeListener(type: Key, fn: Fn): this {
    const rest = (this._ev[type] || []).filter((f) => f !== fn);
    if (rest.length) this._ev[type] = rest;
    else delete this._ev[type];
    return this;
  }

  /** Calls the listeners in order with `this` the emitter; true when there were any. */
  emit(type: Key, ...args: unknown[]): boolean {
    const list = this._ev[type];
    if (!list) return false;
    for (const f of list) f.apply(this, args);
    return true;
  }

  removeAllListeners(type?: Key): this {
    if (type === undefined) this._ev = Object.create(null);
    else delete this._ev[type];
    return this;
  }

  listenerCount(type: Key): number {
    return (this._ev[type] || []).length;
  }
}
EventEmitter.EventEmitter = EventEmitter;

export default EventEmitter;
