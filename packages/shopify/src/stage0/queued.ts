/**
 * `window.Lifeboat` before the SDK core is here: the instance's API, each call kept until the
 * core chunk arrives (at idle, at the first `run`, or on a failure) and then made on the real
 * instance. Until then `state()` is `closed`, `fleet()` and `config` are undefined, and `ready`
 * settles with the core's.
 */
import type { Lifeboat } from '@lifeboat/sdk/core';

export interface Queued {
  readonly lifeboat: Lifeboat;
  /** The real instance: queued calls are made on it, in order. */
  attach(core: Lifeboat): void;
}

/** `need` is called on the first call that must have the core (`run`). */
export function queued(need: () => void): Queued {
  let core: Lifeboat | undefined;
  const waiting: Array<(l: Lifeboat) => void> = [];
  let settle!: () => void;
  const ready = new Promise<void>((r) => (settle = r));
  const later = <T>(f: (l: Lifeboat) => T): Promise<Awaited<T>> =>
    core ? Promise.resolve(f(core)) : new Promise((resolve) => waiting.push((l) => resolve(f(l) as Awaited<T>)));
  const lifeboat = {
    ready,
    get config() {
      return core?.config;
    },
    get statusAt() {
      return core?.statusAt;
    },
    run: (guard, work, options) => (need(), later((l) => l.run(guard, work, options))),
    state: (guard) => core?.state(guard) ?? 'closed',
    fleet: (guard) => core?.fleet(guard),
    on(type, listener) {
      let off: (() => void) | undefined;
      let gone = false;
      later((l) => gone || (off = l.on(type, listener)));
      return () => ((gone = true), off?.());
    },
    report: (e) => void later((l) => l.report(e)),
    applyStatus: (d) => void later((l) => l.applyStatus(d)),
    flush: () => void later((l) => l.flush()),
    destroy: () => void later((l) => l.destroy()),
  } as Lifeboat;
  return {
    lifeboat,
    attach(c) {
      core = c;
      for (const f of waiting.splice(0)) f(c);
      c.ready.then(settle, settle);
    },
  };
}
