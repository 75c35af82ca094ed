/**
 * A virtual clock for simulations: replaces setTimeout/setInterval/Date.now on globalThis so the
 * SDK's real code (and opossum's) runs in virtual time. setImmediate and microtasks stay real, so
 * fake-indexeddb still answers — in zero virtual time.
 */
type Timer = { at: number; fn: (...a: unknown[]) => void; args: unknown[]; every?: number };

export interface VirtualClock {
  readonly now: number;
  /** Runs the earliest timer (moving the clock to it); false when none is pending. */
  next(): Promise<boolean>;
  /** Moves the clock by `ms`, running every timer due on the way. */
  advance(ms: number): Promise<void>;
  /** Lets promise chains and IndexedDB work finish without moving the clock. */
  flush(): Promise<void>;
  /** Resolves `p` in virtual time; returns its outcome and how long it took. */
  settle<T>(p: Promise<T>): Promise<{ ok: boolean; value?: T; waited: number }>;
  uninstall(): void;
}

export function installClock(start = Date.UTC(2026, 10, 1)): VirtualClock {
  const g = globalThis as unknown as Record<string, unknown>;
  const saved = { setTimeout: g.setTimeout, clearTimeout: g.clearTimeout, setInterval: g.setInterval, clearInterval: g.clearInterval, now: Date.now };
  const realImmediate = setImmediate;
  const timers = new Map<number, Timer>();
  let now = start;
  let seq = 0;
  const handle = (id: number) => ({ id, unref() { return this; }, ref() { return this; }, hasRef: () => false, [Symbol.toPrimitive]: () => id });
  const idOf = (h: unknown) => (typeof h === 'number' ? h : (h as { id?: number } | undefined)?.id);
  g.setTimeout = (fn: Timer['fn'], ms = 0, ...args: unknown[]) => (timers.set(++seq, { at: now + Math.max(0, +ms || 0), fn, args }), handle(seq));
  g.setInterval = (fn: Timer['fn'], ms = 0, ...args: unknown[]) => {
    const every = Math.max(1, +ms || 0);
    timers.set(++seq, { at: now + every, fn, args, every });
    return handle(seq);
  };
  g.clearTimeout = g.clearInterval = (h: unknown) => void timers.delete(idOf(h) as number);
  Date.now = () => now;

  const flush = async () => {
    for (let i = 0; i < 40; i++) await new Promise((r) => realImmediate(r));
  };
  const earliest = () => {
    let best: [number, Timer] | undefined;
    for (const e of timers) if (!best || e[1].at < best[1].at) best = e;
    return best;
  };
  const fire = async ([id, t]: [number, Timer]) => {
    now = Math.max(now, t.at);
    if (t.every) t.at += t.every;
    else timers.delete(id);
    t.fn(...t.args);
    await flush();
  };
  const clock: VirtualClock = {
    get now() {
      return now;
    },
    async next() {
      const e = earliest();
      if (!e) return false;
      await fire(e);
      return true;
    },
    async advance(ms) {
      const target = now + ms;
      for (let e = earliest(); e && e[1].at <= target; e = earliest()) await fire(e);
      now = target;
      await flush();
    },
    flush,
    async settle(p) {
      const t0 = now;
      let done = false;
      const out = p.then(
        (value) => ((done = true), { ok: true, value }),
        () => ((done = true), { ok: false }),
      );
      await flush();
      while (!done && (await clock.next()));
      if (!done) throw new Error('the promise can never settle: no timer left');
      return { ...(await out), waited: now - t0 };
    },
    uninstall() {
      Object.assign(g, { setTimeout: saved.setTimeout, clearTimeout: saved.clearTimeout, setInterval: saved.setInterval, clearInterval: saved.clearInterval });
      Date.now = saved.now;
    },
  };
  return clock;
}
