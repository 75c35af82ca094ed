import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShopifyConfig } from '@lifeboat/schema';
import { liteCheck, splitConfig, validateConfig } from './lite.js';

const good = {
  app: 'smartcart',
  publicKey: 'pk_demo_smartcart',
  collector: 'http://127.0.0.1:8787',
  guards: { smartcart: { timeout: 3000, resetTimeout: 30000 }, cart: { timeout: 4000 } },
  banner: { text: 'Basic mode' },
  widgets: [{ name: 'smartcart', script: 'https://cdn.example/smartcart.js', ready: { event: 'smartcart:ready' }, budget: 2500, hide: ['#sc'], show: ['cart-drawer'], standDown: 'SmartCart.destroy' }],
  recommendations: { vendor: 'https://recs.example/r?p={productId}', limit: 4 },
};

// Inputs the full zod schema rejects; the lite check must reject every one too (it may be less precise).
const bad: Array<[string, unknown]> = [
  ['not an object', 'x'],
  ['unknown top-level field', { ...good, widget: [] }],
  ['widgets not an array', { ...good, widgets: {} }],
  ['widget without script', { ...good, widgets: [{ name: 'w', ready: { event: 'e' } }] }],
  ['javascript: script', { ...good, widgets: [{ name: 'w', script: 'javascript:alert(1)', ready: { event: 'e' } }] }],
  ['widget without readiness', { ...good, widgets: [{ name: 'w', script: '/w.js', ready: {} }] }],
  ['budget as text', { ...good, widgets: [{ name: 'w', script: '/w.js', ready: { event: 'e' }, budget: '2s' }] }],
  ['hide not an array', { ...good, widgets: [{ name: 'w', script: '/w.js', ready: { event: 'e' }, hide: '#x' }] }],
  ['unknown fallback', { ...good, widgets: [{ name: 'w', script: '/w.js', ready: { event: 'e' }, fallback: 'drawer' }] }],
  ['misspelt widget field (src for script)', { ...good, widgets: [{ name: 'w', src: '/w.js', script: '/w.js', ready: { event: 'e' } }] }],
  ['widget name with a space', { ...good, widgets: [{ name: 'smart cart', script: '/w.js', ready: { event: 'e' } }] }],
  ['stand-down that is code', { ...good, widgets: [{ name: 'w', script: '/w.js', ready: { event: 'e' }, standDown: 'alert(1)' }] }],
  ['timeout as text', { ...good, guards: { cart: { timeout: '3s' } } }],
  ['debug as text', { ...good, debug: 'yes' }],
  ['collector not a URL', { ...good, collector: 'collector.example' }],
  ['recommendations vendor not a URL', { ...good, recommendations: { vendor: 'data:x' } }],
  ['timeout above the schema range', { ...good, guards: { cart: { timeout: 500_000 } } }],
  ['empty banner text', { ...good, banner: { text: '' } }],
  ['unknown beacon option', { ...good, beacons: { sampleRate: 0.5, rate: 1 } }],
  ['guard named "constructor"-like prototype key in options', { ...good, guards: { cart: { constructor: 1 } } }],
  ['budget below 100 ms', { ...good, widgets: [{ name: 'w', script: '/w.js', ready: { event: 'e' }, budget: 5 }] }],
  ['recommendations limit 0', { ...good, recommendations: { limit: 0 } }],
];

describe('lite config check vs the full zod schema', () => {
  it('accepts a good config that zod accepts', () => {
    expect(parseShopifyConfig(good).ok).toBe(true);
    expect(liteCheck(good)).toEqual([]);
  });
  it.each(bad)('rejects %s like zod does', (_, input) => {
    expect(parseShopifyConfig(input).ok).toBe(false);
    expect(liteCheck(input).length).toBeGreaterThan(0);
  });
  it('accepts every valid SDK config fixture of the schema package; prints its coverage of the invalid ones', () => {
    const fx = JSON.parse(readFileSync(resolve(process.cwd(), 'packages/schema/fixtures/config.json'), 'utf8')) as {
      valid: Array<{ name: string; value: unknown }>;
      invalid: Array<{ name: string; value: unknown }>;
    };
    for (const f of fx.valid) {
      expect(parseShopifyConfig(f.value).ok, f.name).toBe(true);
      expect(validateConfig(f.value).ok, f.name).toBe(true);
    }
    const caught = fx.invalid.filter((f) => !validateConfig(f.value).ok).map((f) => f.name);
    const missed = fx.invalid.filter((f) => validateConfig(f.value).ok).map((f) => f.name);
    console.log(`lite check caught ${caught.length}/${fx.invalid.length} invalid SDK fixtures; left to the SDK's own bounds: ${missed.join('; ') || 'none'}`);
    expect(caught.length).toBeGreaterThan(0);
  });
  it('splits the SDK part from the storefront part', () => {
    const s = splitConfig(good);
    expect(Object.keys(s.sdk)).not.toContain('widgets');
    expect(s.widgets).toHaveLength(1);
    expect(validateConfig(s.sdk).ok).toBe(true);
  });
});
