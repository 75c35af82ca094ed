import CircuitBreaker from 'opossum';
// The page builds give opossum this `events` (rollup alias); the import puts it in the TS program.
import type {} from '../lib/events.js';
import type { WindowRecord } from '../breaker/record.js';
import type { Breaker, BreakerContext } from './breakerProvider.js';
import { attachBreaker, type AttachedBreaker } from './breakerGlue.js';
import { rotation } from './rotation.js';

/**
 * The breaker provider with opossum in the bundle (`@lifeboat/sdk`, `lifeboat.browser.js`): every
 * call goes through opossum's `fire`, the common path allocation-free beyond its promises. The
 * opossum breaker is made on a guard's first call, and again after each open period.
 *
 * @example
 * ```ts
 * import { createCore, eagerBreaker } from '@lifeboat/sdk/breaker';
 * ```
 */
export function eagerBreaker(ctx: BreakerContext): Breaker {
  const clock = rotation(ctx.o);
  let b: AttachedBreaker | undefined;
  let primed: WindowRecord | undefined;
  const drop = () => {
    b?.shutdown();
    b = undefined;
    clock.reset();
  };
  return {
    run(work, options) {
      if (!b) (b = attachBreaker(CircuitBreaker, ctx, clock, primed)), (primed = undefined);
      return b.full() ? ctx.full(options) : b.fire(work, options);
    },
    close: () => b?.close(),
    reset: drop,
    prime(c) {
      if (!b) primed = c;
    },
    destroy: drop,
  };
}
