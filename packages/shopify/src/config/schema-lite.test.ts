import { describe, expect, it } from 'vitest';
import * as real from '@lifeboat/schema';
import * as lite from './schema-lite.js';

describe('schema-lite (the loader build’s zod-free @lifeboat/schema)', () => {
  it('has the schema package’s defaults and bounds, value for value', () => {
    for (const k of ['GUARD_DEFAULTS', 'BEACON_DEFAULTS', 'STATUS_DEFAULTS', 'NAME_PATTERN', 'KEY_PATTERN', 'SHOP_PATTERN', 'LATENCY_BUCKETS', 'PAGE_TYPES'] as const)
      expect(lite[k], k).toEqual(real[k]);
  });
  it('has the banner defaults but the text, which the degraded chunk’s banner supplies', () => {
    expect(lite.BANNER_DEFAULTS).toEqual({ ...real.BANNER_DEFAULTS, text: '' });
    expect(lite.BANNER_TEXT).toBe(real.BANNER_DEFAULTS.text);
  });
  it('formats problems the same way', () => {
    const p = [{ path: 'config.guards.cart.timeout', message: 'expected a whole number' }];
    expect(lite.formatProblems(p)).toBe(real.formatProblems(p));
  });
});
