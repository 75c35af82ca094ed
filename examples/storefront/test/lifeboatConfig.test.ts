// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { lifeboatConfig, mergeConfig } from '../src/lifeboatConfig.js';

const urls = { storeUrl: 'http://s', cartVendorUrl: 'http://c', recsVendorUrl: 'http://r', collectorUrl: 'http://k' };

describe('mergeConfig', () => {
  it('merges objects, merges named widgets by name, removes undefined fields', () => {
    const base = lifeboatConfig(urls);
    const merged = mergeConfig(base, {
      collector: undefined,
      guards: { smartcart: { timeout: 900 } },
      widgets: [{ name: 'smartcart', budget: 1000 }, { name: 'other', script: 'http://o/x.js', ready: { event: 'x' } }],
    });
    expect(merged.collector).toBeUndefined();
    expect((merged.guards as any).smartcart.timeout).toBe(900);
    expect((merged.guards as any).recs).toEqual((base.guards as any).recs);
    const widgets = merged.widgets as any[];
    expect(widgets.map((w) => w.name)).toEqual(['smartcart', 'other']);
    expect(widgets[0]).toMatchObject({ budget: 1000, script: 'http://c/smartcart.js' });
    expect(mergeConfig({ a: [1, 2] }, { a: [3] })).toEqual({ a: [3] });
  });

  it('leaves out the collector when there is none', () => {
    expect(lifeboatConfig({ ...urls, collectorUrl: '' })).not.toHaveProperty('collector');
  });
});

describe('the demo config', () => {
  it('is valid for the Shopify loader (ShopifyConfigSchema)', async () => {
    const { parseShopifyConfig, formatProblems } = await import('@lifeboat/schema');
    const r = parseShopifyConfig(lifeboatConfig({ storeUrl: 'http://127.0.0.1:3000', cartVendorUrl: 'http://127.0.0.1:3001', recsVendorUrl: 'http://127.0.0.1:3002', collectorUrl: 'http://127.0.0.1:8787' }));
    expect(r.ok ? 'ok' : formatProblems(r.problems)).toBe('ok');
  });
});
