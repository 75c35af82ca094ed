import { NAME_PATTERN } from '../../../schema/src/limits.js';
import type { LifeboatEventMap, ReportableEvent } from '../types.js';

/**
 * Text with nothing personal left: URLs (their paths and query strings can carry a customer's
 * data), e-mail addresses and long digit runs (ids, card numbers) are replaced, and the rest is
 * cut to 200 characters. Why: an sdk-error message often quotes a URL or a server's error body.
 */
export const scrub = (m: unknown) =>
  String(m)
    .replace(/\S*:\/\/\S*|\S+@\S+|\S*\?\S*=\S*/g, '…')
    .replace(/\d{5,}/g, '#')
    .slice(0, 200);

const isName = (s: unknown): s is string => typeof s === 'string' && NAME_PATTERN.test(s);

/** An `sdk-error` as a beacon event: a code the schema accepts, a scrubbed message. */
export const sdkError = (e: LifeboatEventMap['sdk-error']): ReportableEvent => ({
  type: 'sdk-error',
  code: String(e.code).toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, 64) || 'unknown',
  message: scrub(e.message),
  ...(isName(e.guard) && { guard: e.guard }),
});

/**
 * The event as the schema will accept it, or undefined. One malformed event would make the
 * collector refuse the whole batch (400, dropped), so names are checked and numbers clamped
 * here; integrations' `report()` calls are not trusted to be well-formed.
 */
export function clean(e: ReportableEvent): ReportableEvent | undefined {
  const { type } = e;
  if (type === 'sdk-error') return sdkError(e as LifeboatEventMap['sdk-error']);
  if (type === 'ready')
    return isName(e.widget) ? { type, widget: e.widget, ms: Math.min(600_000, Math.max(0, Math.round(+e.ms || 0))), ok: !!e.ok } : undefined;
  if (type === 'banner')
    return e.action === 'shown' || e.action === 'dismissed' ? { type, action: e.action, ...(isName(e.guard) && { guard: e.guard }) } : undefined;
  if (type === 'fallback' || type === 'transition') {
    if (!isName(e.guard)) return undefined;
    return type === 'fallback' && e.served !== undefined && !isName(e.served) ? { ...e, served: undefined } : { ...e };
  }
  return undefined;
}
