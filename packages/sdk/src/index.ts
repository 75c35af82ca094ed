/**
 * @packageDocumentation
 * Lifeboat's browser core: named guards with a time budget (per-call `AbortSignal`), a circuit
 * breaker whose state survives page loads and is shared between tabs, retries with a retry
 * budget, fallbacks, and the fleet status (kill switch).
 *
 * @example
 * ```ts
 * import { createLifeboat } from '@lifeboat/sdk';
 * const lifeboat = createLifeboat({ guards: { recs: { timeout: 1500 } } });
 * const { value } = await lifeboat.run('recs', (signal) => fetch('/recommendations/products.json?product_id=1', { signal }).then((r) => r.json()), {
 *   fallback: { products: [] },
 * });
 * ```
 */
export { createLifeboat } from './createLifeboat.js';
export { GuardError } from './guard/GuardError.js';
export { VERSION } from './version.js';
export { scrub } from './transport/scrub.js';
export type {
  BreakerState,
  FallbackReason,
  GuardStatus,
  Lifeboat,
  LifeboatEventMap,
  LifeboatParts,
  LifeboatEventName,
  PageType,
  Problem,
  ReportableEvent,
  ResolvedConfig,
  RunOptions,
  RunResult,
  StatusDocument,
  TransitionReason,
} from './types.js';
export type { LifeboatConfig } from '@lifeboat/schema/lite';
export type { BreakerStore } from './breaker/persist.js';
export type { BreakerRecord, WindowRecord } from './breaker/record.js';
export type { TabChannel } from './breaker/share.js';
