import type { WidgetOptions } from './guardWidget.js';

/** What differs between kinds of widget; guardWidget.ts asks this, not the widget's fallback. */
export interface WidgetKind {
  /**
   * Hold add-to-cart and cart-icon clicks while the widget starts (hold.ts), and on failure hand
   * them to the theme's own cart: the widget stands in for the cart, so a click it would have
   * taken must still reach one.
   */
  holdsClicks: boolean;
  /** What the `fallback` beacon says served the shopper once the widget is taken over. */
  served: 'native-cart' | 'hidden';
}

/**
 * The kinds of widget: `cart` (a cart drawer or add-to-cart replacement; `fallback: 'native-cart'`,
 * the default) and `other` (reviews, upsells…; `fallback: 'hide'` or your own function).
 */
export const WIDGET_KINDS = {
  cart: { holdsClicks: true, served: 'native-cart' },
  other: { holdsClicks: false, served: 'hidden' },
} as const satisfies Record<string, WidgetKind>;

export type WidgetKindName = keyof typeof WIDGET_KINDS;

/**
 * A widget's kind, from its `fallback`.
 *
 * @example
 * ```ts
 * widgetKind({ fallback: 'hide' }).holdsClicks; // false
 * widgetKind({}).served; // 'native-cart'
 * ```
 */
export const widgetKind = (w: Pick<WidgetOptions, 'fallback'>): WidgetKind =>
  WIDGET_KINDS[(w.fallback ?? 'native-cart') === 'native-cart' ? 'cart' : 'other'];
