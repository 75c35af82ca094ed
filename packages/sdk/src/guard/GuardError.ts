import type { FallbackReason } from '@lifeboat/schema/lite';

/**
 * How `lifeboat.run` rejects when the work was not used and there is no fallback, or the fallback
 * itself threw. `reason` says why the work was not used; `cause` is the work's error (timeout,
 * failure) or, when the fallback threw, the fallback's error.
 *
 * @example
 * ```ts
 * try {
 *   await lifeboat.run('recs', (signal) => loadRecs(signal));
 * } catch (e) {
 *   if (e instanceof GuardError && e.reason === 'open') hideCarousel();
 * }
 * ```
 */
export class GuardError extends Error {
  override readonly name = 'GuardError';
  constructor(
    /** The guard's name. */
    readonly guard: string,
    /** Why the work's answer was not used. */
    readonly reason: FallbackReason,
    cause?: unknown,
  ) {
    super(`Lifeboat guard "${guard}": ${reason}`, { cause });
  }
}
