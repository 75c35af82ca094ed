import type { ResolvedGuardOptions } from '@lifeboat/schema/lite';

/**
 * The rolling window's clock. The window rotates when calls happen, not on a timer per breaker:
 * before each call, `turn` rotates it by the buckets that elapsed since the last one (none while
 * idle). `rotate` is the window's own step: opossum's, or the direct path's (lazyBreaker.ts).
 */
export interface Rotation {
  turn(): void;
  rotate: (() => void) | undefined;
  /** A fresh window: the next `turn` starts counting again. */
  reset(): void;
}

export function rotation(o: ResolvedGuardOptions): Rotation {
  const size = o.rollingCountTimeout / o.rollingCountBuckets;
  let at = 0;
  const r: Rotation = {
    rotate: undefined,
    turn() {
      const now = Date.now();
      if (now < at) return;
      if (at) for (let k = Math.min(o.rollingCountBuckets, Math.floor((now - at) / size) + 1); k > 0; k--) r.rotate?.();
      at = now + size;
    },
    reset() {
      r.rotate = undefined;
      at = 0;
    },
  };
  return r;
}
