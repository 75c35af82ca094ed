import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BANNER_DEFAULTS } from '@lifeboat/schema';
import { hideBanner, NOTICE_TEXTS } from '../banner/index.js';
import { forgetDismissals } from '../banner/dismissed.js';
import { fakeLifeboat } from '../../test/support/fakeLifeboat.js';
import { pageLanguages, showDegradedBanner } from './degradedBanner.js';

const shopify = () => window as unknown as { Shopify?: { locale?: string } };

beforeEach(() => {
  document.body.innerHTML = '';
  document.documentElement.lang = '';
  delete shopify().Shopify;
  sessionStorage.clear();
  forgetDismissals();
});
afterEach(() => hideBanner());

describe('showDegradedBanner', () => {
  it('falls back to the built-in text when the config has none (the loader build) or has the default', () => {
    showDegradedBanner(fakeLifeboat({ banner: '' }), 'cart');
    expect(document.body.textContent).toContain(BANNER_DEFAULTS.text);
  });

  it('speaks the page’s language: <html lang> first, then Shopify.locale', () => {
    document.documentElement.lang = 'de';
    shopify().Shopify = { locale: 'fr' };
    expect(pageLanguages()).toEqual(['de', 'fr']);
    showDegradedBanner(fakeLifeboat({ banner: BANNER_DEFAULTS.text }), 'cart');
    const el = document.getElementById('lifeboat-banner')!;
    expect(el.textContent).toContain(NOTICE_TEXTS.de.text);
    expect(el.lang).toBe('de');
    expect(el.querySelector('button')!.getAttribute('aria-label')).toBe(NOTICE_TEXTS.de.dismiss);
    hideBanner();
    document.documentElement.lang = '';
    showDegradedBanner(fakeLifeboat({ banner: '' }), 'cart');
    expect(document.getElementById('lifeboat-banner')!.textContent).toContain(NOTICE_TEXTS.fr.text);
  });

  it('the config’s per-language text wins over the built-in one; the fleet’s text over both, as text', () => {
    document.documentElement.lang = 'ja';
    const lb = fakeLifeboat({ banner: '' });
    (lb.config.banner as { texts?: Record<string, string> }).texts = { ja: '一部機能を簡易モードで提供中です。' };
    showDegradedBanner(lb, 'cart');
    expect(document.getElementById('lifeboat-banner')!.textContent).toContain('一部機能を簡易モードで提供中です。');
    hideBanner();
    lb.fleet = () => ({ mode: 'open', banner: '<b>Cart</b> in basic mode' }) as ReturnType<typeof lb.fleet>;
    showDegradedBanner(lb, 'cart');
    const el = document.getElementById('lifeboat-banner')!;
    expect(el.querySelector('b')).toBeNull();
    expect(el.textContent).toContain('<b>Cart</b> in basic mode');
  });

  it('reports shown when the shopper can see it (a drawer opened), and dismissed', async () => {
    document.body.innerHTML = '<style>.drawer{visibility:hidden}.drawer.active{visibility:visible}</style><cart-drawer class="drawer"><div id="CartDrawer"><div class="drawer__inner" tabindex="-1"><div class="drawer__header"></div><cart-drawer-items><p>Tote</p></cart-drawer-items></div></div></cart-drawer>';
    const lb = fakeLifeboat({ banner: '' });
    showDegradedBanner(lb, 'smartcart');
    expect(lb.reports.filter((r) => r.type === 'banner')).toEqual([]);
    document.querySelector('cart-drawer')!.classList.add('active');
    await new Promise((r) => setTimeout(r, 0));
    document.querySelector<HTMLButtonElement>('#lifeboat-banner button')!.click();
    expect(lb.reports.filter((r) => r.type === 'banner')).toEqual([
      { type: 'banner', action: 'shown', guard: 'smartcart' },
      { type: 'banner', action: 'dismissed', guard: 'smartcart' },
    ]);
  });

  it('is not shown when the config turns it off', () => {
    const lb = fakeLifeboat();
    (lb.config.banner as { enabled: boolean }).enabled = false;
    showDegradedBanner(lb, 'cart');
    expect(document.getElementById('lifeboat-banner')).toBeNull();
  });
});
