import { describe, expect, it } from 'vitest';
import { WIDGET_KINDS, widgetKind } from './kinds.js';

describe('widgetKind', () => {
  it('a widget is a cart unless its fallback says otherwise', () => {
    expect(widgetKind({})).toBe(WIDGET_KINDS.cart);
    expect(widgetKind({ fallback: 'native-cart' })).toBe(WIDGET_KINDS.cart);
    expect(widgetKind({ fallback: 'hide' })).toBe(WIDGET_KINDS.other);
    expect(widgetKind({ fallback: () => {} })).toBe(WIDGET_KINDS.other);
  });

  it('only a cart holds clicks, and its fallback is the native cart', () => {
    expect(WIDGET_KINDS).toEqual({
      cart: { holdsClicks: true, served: 'native-cart' },
      other: { holdsClicks: false, served: 'hidden' },
    });
  });
});
