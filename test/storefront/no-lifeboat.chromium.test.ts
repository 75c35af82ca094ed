// The baseline Lifeboat is measured against: the same store and cart app WITHOUT Lifeboat (the
// app's script tag straight on the page), each theme variant (or real theme in `npm run
// test:themes`) × both hijack styles × every chaos mode. A healthy app must serve the shopper
// (else the baseline itself is broken); in the other modes what the shopper gets is recorded, not
// asserted — it is the number the Lifeboat matrix (cart-faults) is compared with. ("slow" loses
// the click: the app ignores an add-to-cart made before it is ready, which Lifeboat would hold.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { CHAOS_MODES, HIJACK_STYLES, startStorefront, type ChaosMode, type Hijack, type Storefront } from '../../examples/storefront/src/index.js';
import { checkout, expectCartShown, newContext, realThemes, THEME_UI, themesUnderTest, WIDGET_UI, type ThemeName } from './support.js';

const SLOW_MS = 800;
/** How long a shopper is given to see a cart after clicking add-to-cart (Lifeboat's budget is 2 s). */
const WAIT_MS = 5000;

let browser: Browser;
let demo: Storefront;
const matrix: Array<Record<string, string | number>> = [];
const SOURCE = realThemes() ? 'real theme assets' : 'demo theme fixtures';

beforeAll(async () => {
  browser = await launchChromium();
  demo = await startStorefront({ collector: false, lifeboat: false, smartcart: true, realThemes: realThemes() });
});
afterAll(async () => {
  console.log(`\nWithout Lifeboat: cart shown (line + checkout visible) and checkout reached, per theme × hijack style × chaos mode, ${SOURCE}:`);
  console.table(matrix);
  await demo?.close();
  await browser?.close();
});

/** Which cart, if any, the shopper sees with the line within `ms`. */
async function shownWithin(page: Page, theme: ThemeName, product: string, ms: number): Promise<'widget' | 'native' | 'none'> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    for (const [which, ui] of [['widget', WIDGET_UI], ['native', THEME_UI[theme]]] as const) {
      // expectCartShown waits for a missing element (playwright's default 30 s): look first.
      if (!(await page.locator(ui.line).count()) || !(await page.locator(ui.checkout).count())) continue;
      if (await expectCartShown(page, ui, product).then(() => true, () => false)) return which;
    }
    await page.waitForTimeout(150);
  }
  return 'none';
}

const cases = themesUnderTest().flatMap(({ theme }) => HIJACK_STYLES.flatMap((hijack) => CHAOS_MODES.map((mode) => [theme, hijack, mode] as [ThemeName, Hijack, ChaosMode])));

describe.each(cases)('no Lifeboat: %s theme, cart app hijacking at %s, %s', (theme, hijack, mode) => {
  it(mode === 'healthy' ? 'the app serves: the shopper sees its cart and reaches checkout' : 'records what the shopper gets', async () => {
    await demo.setChaos('cart', { mode, hijack, ...(mode === 'slow' ? { ms: SLOW_MS } : {}) });
    const context = await newContext(browser);
    const page = await context.newPage();
    let pageErrors = 0;
    page.on('pageerror', () => pageErrors++);
    await page.goto(`${demo.storeUrl}/products/linen-tote?theme=${theme}&lifeboat=0&smartcart=1`, { waitUntil: 'domcontentloaded' });
    // A shopper clicks once the page shows; the app's script may still be starting (as with Lifeboat).
    await page.waitForTimeout(300);
    const t0 = Date.now();
    await page.click('#ProductSubmitButton-main');
    const shown = await shownWithin(page, theme, 'Linen Tote', WAIT_MS);
    const shownMs = shown === 'none' ? '-' : Date.now() - t0;
    let reached = 'no';
    if (shown !== 'none') {
      reached = await checkout(page, theme).then(
        () => 'yes',
        () => 'no',
      );
    }
    matrix.push({ theme, hijack, mode, 'cart shown': shown, 'add→cart shown (ms)': shownMs, 'checkout reached': reached, 'page errors': pageErrors });
    await context.close();
    if (mode === 'healthy') {
      expect(shown).toBe('widget');
      expect(reached).toBe('yes');
    }
  });
});
