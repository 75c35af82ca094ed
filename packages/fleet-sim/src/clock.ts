/**
 * Virtual time for the SDK's real code. opossum and the guard read the global timers and
 * `Date.now()`, so the simulator installs this clock as those globals for the length of a run
 * (`install()` … `uninstall()`), then drives it: each step runs every timer due at the next
 * instant and lets the promise jobs they start settle (a real `setImmediate`) before time moves on.
 * A binary heap keeps a step O(log n) with hundreds of thousands of pending timers.
 */
/** A pending timer; also the handle `setTimeout` returns (Node's `unref`/`ref` are no-ops here). */
class Timer {
  dead = false;
  constructor(
    public at: number,
    public seq: number,
    public fn: (...a: unknown[]) => void,
    public args: unknown[],
    public every?: number,
  ) {}
  unref() {
    return this;
  }
  ref() {
    return this;
  }
  hasRef() {
    return false;
  }
  [Symbol.toPrimitive]() {
    return this.seq;
  }
}

const real = { setTimeout, clearTimeout, setInterval, clearInterval, setImmediate, now: Date.now, abortTimeout: AbortSignal.timeout };

export class VirtualClock {
  now: number;
  private heap: Timer[] = [];
  private seq = 0;
  private installed = false;
  private slices = 0;
  /** Cancelled timers still in the heap. */
  private cancelled = 0;

  constructor(start: number) {
    this.now = start;
  }

  // Sifts move a hole rather than swapping pairs: no temporary arrays, half the writes.
  private push(t: Timer) {
    const h = this.heap;
    let i = h.length;
    h.push(t);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(t, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = t;
  }

  private pop(): Timer | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    const n = h.length;
    if (n) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const m = r < n && less(h[r], h[l]) ? r : l;
        if (!less(h[m], last)) break;
        h[i] = h[m];
        i = m;
      }
      h[i] = last;
    }
    return top;
  }

  private popDead() {
    this.pop();
    this.cancelled--;
  }

  /** Schedules `fn` at `now + ms` (what the installed `setTimeout` does). */
  timeout(fn: (...a: unknown[]) => void, ms = 0, args: unknown[] = [], every?: number): Timer {
    const t = new Timer(this.now + Math.max(0, Math.round(+ms || 0)), this.seq++, fn, args, every);
    this.push(t);
    return t;
  }

  cancel(t: unknown) {
    if (!(t instanceof Timer) || t.dead) return;
    t.dead = true;
    // A cancelled timer waits in the heap until its time (a breaker's open period, minutes
    // ahead): it must not keep its page's guard, breaker and listeners alive that long.
    t.fn = noop;
    t.args = NO_ARGS;
    // Cancelled timers (most guards' time budgets) wait in the heap until their time: when they
    // are most of it, dropping them beats sifting through them.
    if (++this.cancelled > 4096 && this.cancelled * 2 > this.heap.length) {
      this.heap = this.heap.filter((x) => !x.dead).sort((a, b) => (less(a, b) ? -1 : 1));
      this.cancelled = 0;
    }
  }

  /** The time of the next live timer, or Infinity. */
  next(): number {
    while (this.heap.length && this.heap[0].dead) this.popDead();
    return this.heap.length ? this.heap[0].at : Infinity;
  }

  /**
   * Runs every timer up to `until` in time order. Promise jobs settle after each slice of
   * `quantum` ms (each timer runs at its own time; what its promises continue with runs at the
   * slice's end): a real setImmediate per distinct millisecond would cost more than the fleet.
   */
  async runUntil(until: number, quantum = 1): Promise<void> {
    for (;;) {
      const at = this.next();
      if (at > until) break;
      const sliceEnd = Math.min(until, Math.max(this.now, at) + quantum - 1);
      while (this.heap.length && this.heap[0].at <= sliceEnd) {
        const t = this.pop()!;
        this.now = Math.max(this.now, t.at);
        if (t.dead) {
          this.cancelled--;
          continue;
        }
        if (t.every !== undefined) {
          t.at = this.now + t.every;
          t.seq = this.seq++;
          this.push(t);
        } else t.dead = true;
        t.fn(...t.args);
      }
      // Promise jobs chain a few dozen deep at most here (ready, fetch, json, apply, run…):
      // yielding that often to the microtask queue settles them; a real turn of the event loop
      // now and then catches anything that needs one.
      for (let i = 0; i < 40; i++) await undefined;
      if (++this.slices % 256 === 0) await settle();
    }
    await settle();
    this.now = Math.max(this.now, until);
  }

  /** Makes this clock the process's timers and `Date.now()`. */
  install() {
    const g = globalThis as Record<string, unknown>;
    g.setTimeout = (fn: () => void, ms?: number, ...args: unknown[]) => this.timeout(fn, ms, args);
    g.setInterval = (fn: () => void, ms?: number, ...args: unknown[]) => this.timeout(fn, Math.max(1, ms ?? 1), args, Math.max(1, ms ?? 1));
    g.clearTimeout = g.clearInterval = (t: unknown) => this.cancel(t);
    Date.now = () => this.now;
    // The status client's fetch budget: a signal that aborts in virtual time, like the browser's.
    // One reason for every such signal: a DOMException per fetch budget was a measurable share
    // of a fleet's run (its stack trace), and nothing here tells them apart.
    const timedOut = new DOMException('The operation timed out.', 'TimeoutError');
    const abort = (c: AbortController) => c.abort(timedOut);
    AbortSignal.timeout = (ms: number) => {
      const c = new AbortController();
      this.timeout(abort as (...a: unknown[]) => void, ms, [c]);
      return c.signal;
    };
    this.installed = true;
  }

  uninstall() {
    if (!this.installed) return;
    const g = globalThis as Record<string, unknown>;
    g.setTimeout = real.setTimeout;
    g.setInterval = real.setInterval;
    g.clearTimeout = real.clearTimeout;
    g.clearInterval = real.clearInterval;
    Date.now = real.now;
    AbortSignal.timeout = real.abortTimeout;
    this.installed = false;
  }
}

const noop = () => {};
const NO_ARGS: unknown[] = [];
const less = (a: Timer, b: Timer) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** Lets every pending promise job run: a real setImmediate comes after the microtask queue drains. */
export const settle = () => new Promise<void>((r) => real.setImmediate(r));
