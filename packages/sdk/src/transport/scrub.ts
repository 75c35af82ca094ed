/**
 * Error text fit for a beacon: nothing personal left, in printable ASCII, at most 200 characters.
 *
 * Error messages often quote a URL or a server's answer, so these become `*`:
 * - URLs, whole (`scheme://…`, `//host/…`): their paths and query strings can carry a shopper's data;
 * - e-mail addresses;
 * - query strings (`?key=value`), which carry tokens and ids even without a scheme;
 * - runs of five digits or more (order ids, card numbers, phone numbers);
 * - anything outside printable ASCII (names in other scripts, control characters), which also
 *   keeps the message's length in bytes equal to its length in characters.
 *
 * An `Error` (or anything with a `message`) gives its message; anything else its `String()`.
 * The one scrubber for both packages: the SDK's transport applies it to every `sdk-error` it
 * sends, the storefront to what it reports.
 *
 * @example
 * ```ts
 * import { scrub } from '@lifeboat/sdk';
 * scrub(new Error('GET https://shop.example/cart?email=jo@example.com failed'));
 * // 'GET * failed'
 * scrub('order 123456789 for jo@example.com'); // 'order * for *'
 * ```
 */
export const scrub = (e: unknown): string =>
  String((e as { message?: unknown } | null | undefined)?.message ?? e)
    .replace(/\S*\/\/\S*|\S+@\S+|\S*\?\S*=\S*|\d{5,}|[^ -~]/g, '*')
    .slice(0, 200);
