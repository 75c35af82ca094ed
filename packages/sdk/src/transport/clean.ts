import { BANNER_ACTIONS, NAME_PATTERN, ROW_KINDS } from '@lifeboat/schema/lite';
import type { LifeboatEventMap, ReportableEvent } from '../types.js';
import { scrub } from './scrub.js';

/** The name if the schema accepts it (guard, widget, fallback names), else undefined. */
const name = (s: unknown) => (typeof s == 'string' && NAME_PATTERN.test(s) ? s : undefined);

/** An `sdk-error` as a beacon event: a code the schema accepts, a scrubbed message. */
export const sdkError = (e: LifeboatEventMap['sdk-error']): ReportableEvent => ({
  type: 'sdk-error',
  code: /^[a-z0-9-]{1,64}$/.test(e.code) ? e.code : 'unknown',
  message: scrub(e.message),
  guard: name(e.guard),
});

/**
 * The event as the schema will accept it, or undefined. One malformed event would make the
 * collector refuse its whole batch (a final 400), so names are checked and `ready` times clamped:
 * `report()` callers are not trusted to be well-formed.
 */
export function clean(e: ReportableEvent): ReportableEvent | undefined {
  const x = e as Record<string, unknown>;
  if (e.type == 'sdk-error') return sdkError(e as LifeboatEventMap['sdk-error']);
  if (
    // Summaries are the transport's own (`calls` is no row kind); anything not a kind is refused.
    !(ROW_KINDS as readonly string[]).includes(e.type) ||
    (e.type == 'banner' && !(BANNER_ACTIONS as readonly string[]).includes(e.action)) ||
    [x.guard, x.widget, x.served].some((v) => v !== undefined && !name(v))
  )
    return undefined;
  return e.type == 'ready' ? { ...e, ms: Math.min(600_000, Math.max(0, Math.round(+e.ms) || 0)), ok: !!e.ok } : { ...e };
}
