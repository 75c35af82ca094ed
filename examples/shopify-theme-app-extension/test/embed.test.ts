// @vitest-environment node
// The app embed renders a config the Shopify loader accepts, whatever the merchant leaves blank.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseShopifyConfig, formatProblems } from '@lifeboat/schema';
import { blockSchema } from '../tools/liquid.js';
import { embeddedConfig, renderBlock, renderEmbed } from '../tools/preview.js';
import { buildAssets, DIST, LIFEBOAT_FILE, LOADER, stripSourceMap } from '../build.js';

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
    // Theme Check's AppBlockValidTags: no javascript/stylesheet/include/layout/section(s) tags in a block.
    expect(source).not.toMatch(/\{%-?\s*(javascript|stylesheet|include|layout|sections?)\b/);
  });

  it('names the loader in the schema\'s `javascript` key, where Shopify loads it and Theme Check measures it', () => {
    expect(blockSchema(source).javascript).toBe(LOADER);
    // Not a second time by hand: an `asset_url` script would escape AssetSizeAppBlockJavaScript.
    expect(source).not.toMatch(/asset_url/);
    expect(renderBlock()).not.toMatch(/<script[^>]*\ssrc=/);
    const page = renderEmbed();
    expect(page.match(/<script[^>]*\ssrc="[^"]*"/g)).toEqual([expect.stringMatching(/\/assets\/lifeboat\.shopify\.js"$/)]);
    expect(page).toMatch(/<script src="[^"]*\/assets\/lifeboat\.shopify\.js" defer="defer"><\/script>/);
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
    expect(html).toMatch(/<script src="[^"]*\/assets\/lifeboat\.shopify\.js" defer="defer"><\/script>/);
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

// The loader fetches its chunks relative to its own URL: each must be in assets/ beside it.
describe.skipIf(!existsSync(DIST + LOADER))('build.ts (after `npx rollup -c`)', () => {
  const built = () => readdirSync(DIST).filter((f) => LIFEBOAT_FILE.test(f));
  /** Every `lifeboat.shopify….js` a shipped file names in full (a static import, a chunk URL). */
  const named = (js: string) => [...js.matchAll(/lifeboat\.shopify(?:[.-][\w-]+)*\.js/g)].map((m) => m[0]);

  it('copies the loader and every chunk the build made into assets/, without source maps', () => {
    const assets = mkdtempSync(join(tmpdir(), 'lb-assets-'));
    try {
      const rows = buildAssets(DIST, `${assets}/`);
      expect(rows[0]!.file).toBe(LOADER);
      expect(readdirSync(assets).sort()).toEqual(built().sort());
      for (const f of built()) {
        const shipped = readFileSync(join(assets, f), 'utf8');
        expect(shipped, f).toBe(stripSourceMap(readFileSync(DIST + f, 'utf8')));
        expect(shipped, f).not.toMatch(/sourceMappingURL/);
      }
      // Whatever the loader or a chunk can request by name is there too.
      const requested = new Set(readdirSync(assets).flatMap((f) => named(readFileSync(join(assets, f), 'utf8'))));
      for (const f of requested) expect(existsSync(join(assets, f)), `${f} is requested but not in assets/`).toBe(true);
    } finally {
      rmSync(assets, { recursive: true, force: true });
    }
  });

  it('removes a chunk an earlier build left in assets/', () => {
    const assets = mkdtempSync(join(tmpdir(), 'lb-assets-'));
    try {
      buildAssets(DIST, `${assets}/`);
      const stale = join(assets, 'lifeboat.shopify.gone.js');
      writeFileSync(stale, '');
      buildAssets(DIST, `${assets}/`);
      expect(existsSync(stale)).toBe(false);
    } finally {
      rmSync(assets, { recursive: true, force: true });
    }
  });
});
