import type { Page } from 'playwright-core';

/**
 * What a shopper would make of an element: `'visible'` when it is rendered (no display:none,
 * visibility:hidden or opacity 0 up the tree), has a box and lies inside the viewport; otherwise
 * the reason (`'missing'`, `'hidden by DIV'`, `'no box'`, `'outside the viewport'`), so a failing
 * assertion says why.
 */
export const shownOnScreen = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const e = document.querySelector(sel);
    if (!e) return 'missing';
    for (let n: Element | null = e; n; n = n.parentElement) {
      const s = getComputedStyle(n);
      if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return `hidden by ${n.tagName}`;
    }
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return 'no box';
    return r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth ? 'visible' : 'outside the viewport';
  }, selector);
