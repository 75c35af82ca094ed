// @vitest-environment node
// The app embed renders a config the Shopify loader accepts, whatever the merchant leaves blank.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseShopifyConfig, formatProblems } from '@lifeboat/schema';
import { blockSchema } from '../tools/liquid.js';
import { embeddedConfig, renderEmbed } from '../tools/preview.js';

const source = readFileSync(fileURLToPath(new URL('../blocks/lifeboat.liquid', import.meta.url)), 'utf8');

const valid = (config: unknown) => {
  const r = parseShopifyConfig(config);
  return r.ok ? 'ok' : formatProblems(r.problems);
};

describe('blocks/lifeboat.liquid', () => {
  it('is an app embed for <head> whose settings are well-formed', () => {
    const schema = blockSchema(source);
    expect(schema.target).toBe('head');
    const ids = schema.settings.filter((s) => s.id).map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(['public_key', 'collector_url', 'cart_script', 'cart_timeout', 'banner_text']));
    for (const s of schema.settings.filter((x) => x.type === 'range')) {
      const steps = (s.max! - s.min!) / s.step!;
      expect(Number.isInteger(steps) && steps <= 101, `${s.id}: at most 101 steps`).toBe(true);
      expect((s.default as number) >= s.min! && (s.default as number) <= s.max!).toBe(true);
    }
    // CSP-friendly: nothing executable inline, no inline handlers.
    expect(source).not.toMatch(/<script>(?!\s*$)|\son[a-z]+=/);
  });

  it('renders a valid config with every setting filled', () => {
    const html = renderEmbed({
      collector_url: 'https://collector.example.com',
      cart_script: 'https://cdn.smartcart.example/smartcart.js',
      recs_vendor_url: 'https://recs.example.com/api/recommendations?product_id={productId}&limit={limit}',
      banner_text: 'Basic mode: "still selling" </script>',
      cart_hide: '#smartcart-root,.smartcart-overlay',
      debug: true,
    });
    const config = embeddedConfig(html) as any;
    expect(valid(config)).toBe('ok');
    expect(config).toMatchObject({
      publicKey: 'pk_demo_smartcart',
      collector: 'https://collector.example.com',
      shop: 'demo-store.myshopify.com',
      guards: { smartcart: { timeout: 3500, resetTimeout: 30000 } },
      widgets: [{ name: 'smartcart', script: 'https://cdn.smartcart.example/smartcart.js', hide: ['#smartcart-root', '.smartcart-overlay'], standDown: 'SmartCart.destroy' }],
      debug: true,
      banner: { text: 'Basic mode: "still selling" </script>' },
    });
    expect(html).toMatch(/<script src="[^"]*\/assets\/lifeboat\.shopify\.js" defer><\/script>/);
  });

  it('renders a valid config with the optional settings left blank', () => {
    const config = embeddedConfig(
      renderEmbed({ collector_url: '', cart_script: '', cart_stand_down: '', recs_vendor_url: '', recs_enabled: false, banner_text: '' }),
    ) as any;
    expect(valid(config)).toBe('ok');
    expect(config).not.toHaveProperty('collector');
    expect(config).not.toHaveProperty('widgets');
    expect(config).not.toHaveProperty('recommendations');
    expect(config.banner.text).toMatch(/basic mode/);
  });

  it('renders a widget without a stand-down hook', () => {
    const config = embeddedConfig(renderEmbed({ cart_script: 'https://cdn.example/w.js', cart_stand_down: '' })) as any;
    expect(valid(config)).toBe('ok');
    expect(config.widgets[0]).not.toHaveProperty('standDown');
  });
});
