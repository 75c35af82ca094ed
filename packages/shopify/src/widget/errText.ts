/** Short error text for an `sdk-error` beacon: no URLs (they may carry a shopper's data). */
export const errText = (e: unknown): string =>
  String((e as Error)?.message ?? e)
    .replace(/\S*:\/\/\S*/g, '<url>')
    .slice(0, 300);
