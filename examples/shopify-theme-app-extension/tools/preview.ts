/**
 * Prints what the app embed renders into a page, with the schema defaults and any overrides:
 *   npx tsx examples/shopify-theme-app-extension/tools/preview.ts collector_url=https://c.example cart_script=https://cdn.example/smartcart.js
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { blockSchema, defaultSettings, renderLiquid } from './liquid.js';

const dir = fileURLToPath(new URL('../', import.meta.url));

const assetBase = (shop: string) => `//${shop}/cdn/shop/extensions/lifeboat/assets/`;

/** What blocks/lifeboat.liquid's own Liquid renders with these settings (merged over the schema defaults). */
export function renderBlock(settings: Record<string, unknown> = {}, shop = 'demo-store.myshopify.com'): string {
  const source = readFileSync(`${dir}blocks/lifeboat.liquid`, 'utf8');
  const translations = JSON.parse(readFileSync(`${dir}locales/en.default.json`, 'utf8')) as Record<string, unknown>;
  return renderLiquid(source, {
    block: { settings: { ...defaultSettings(blockSchema(source)), ...settings } },
    shop: { permanent_domain: shop },
    translations,
    assetBase: assetBase(shop),
  });
}

/**
 * What the platform adds for the block's schema: the `javascript` asset as one deferred script
 * from the extension's assets (the form a storefront shows it in; the CDN path differs).
 */
export function platformTags(shop = 'demo-store.myshopify.com'): string {
  const schema = blockSchema(readFileSync(`${dir}blocks/lifeboat.liquid`, 'utf8'));
  return schema.javascript ? `<script src="${assetBase(shop)}${schema.javascript}" defer="defer"></script>\n` : '';
}

/** What an enabled app embed puts in a page: the block's output, then the platform's script tag. */
export function renderEmbed(settings: Record<string, unknown> = {}, shop = 'demo-store.myshopify.com'): string {
  return `${renderBlock(settings, shop)}${platformTags(shop)}`;
}

/** The JSON config out of a rendered embed. */
export function embeddedConfig(html: string): unknown {
  const m = /<script type="application\/json" id="lifeboat-config">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error('no lifeboat-config element rendered');
  return JSON.parse(m[1]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const overrides = Object.fromEntries(
    process.argv.slice(2).map((a) => {
      const i = a.indexOf('=');
      const [k, v] = [a.slice(0, i), a.slice(i + 1)];
      return [k, v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v];
    }),
  );
  process.stdout.write(`${renderEmbed(overrides)}\n`);
}
