// @vitest-environment node
// Every bounded field at its bounds and just past them, in the zod-free checks and in zod; the
// messages; inputs built to hang or crash a naive walker.
import { describe, expect, it } from 'vitest';
import { MIN_SAMPLE_RATE } from '../limits.js';
import { parseConfig, type Parsed } from '../index.js';
import { parseShopifyConfig } from '../shopify.js';
import {
  BEACON_RANGES,
  GUARD_RANGES,
  RECOMMENDATIONS_RANGES,
  SELECTOR_MAX,
  SELECTORS_MAX,
  STATUS_RANGES,
  TEXT_MAX,
  URL_MAX,
  WIDGET_BUDGET,
  WIDGETS_MAX,
  type Range,
} from './bounds.js';
import { checkConfig, checkShopifyConfig } from './index.js';

const widget = (extra: Record<string, unknown> = {}) => ({ name: 'smartcart', script: '/apps/cart.js', ready: { event: 'cart:ready' }, ...extra });

/** Where each range sits in a config, as a builder of the config holding `v` there. */
type At = (v: unknown) => Record<string, unknown>;
const entries = (ranges: Record<string, Range>) => Object.entries(ranges);
const numeric: [string, Range, At][] = [
  ...entries(GUARD_RANGES).flatMap(([k, r]): [string, Range, At][] => [
    [`config.guards.cart.${k}`, r, (v) => ({ guards: { cart: { [k]: v } } })],
    [`config.defaults.${k}`, r, (v) => ({ defaults: { [k]: v } })],
  ]),
  ...entries(BEACON_RANGES).map(([k, r]): [string, Range, At] => [`config.beacons.${k}`, r, (v) => ({ beacons: { [k]: v } })]),
  ...entries(STATUS_RANGES).map(([k, r]): [string, Range, At] => [`config.status.${k}`, r, (v) => ({ status: { [k]: v } })]),
  ['config.widgets.0.budget', WIDGET_BUDGET, (v) => ({ widgets: [widget({ budget: v })] })],
  ...entries(RECOMMENDATIONS_RANGES).map(([k, r]): [string, Range, At] => [`config.recommendations.${k}`, r, (v) => ({ recommendations: { [k]: v } })]),
];

/** Distinct paths: zod may report two checks of one field. */
const zodPaths = (r: Parsed<unknown>) => (r.ok ? [] : [...new Set(r.problems.map((p) => p.path))]);
const isShopify = (path: string) => /^config\.(widgets|recommendations)/.test(path);

describe('boundaries', () => {
  it.each(numeric)('%s', (path, [min, max, fraction], at) => {
    const check = isShopify(path) ? checkShopifyConfig : checkConfig;
    const parse = isShopify(path) ? parseShopifyConfig : parseConfig;
    const sampleRate = path === 'config.beacons.sampleRate';
    const good = [min, max, (min + max) / 2 === Math.floor((min + max) / 2) || fraction ? (min + max) / 2 : max - 1, ...(sampleRate ? [MIN_SAMPLE_RATE] : [])];
    const bad = [min - 1, max + 1, NaN, Infinity, -Infinity, `${min}`, null, true, [min], ...(fraction ? [] : [min + 0.5, max - 0.5]), ...(sampleRate ? [MIN_SAMPLE_RATE / 2] : [])];
    for (const v of good) {
      expect(check(at(v)), `${path} = ${v}`).toEqual([]);
      expect(zodPaths(parse(at(v))), `${path} = ${v} (zod)`).toEqual([]);
    }
    for (const v of bad) {
      expect(check(at(v)).map((p) => p.path), `${path} = ${String(v)}`).toEqual([path]);
      expect(zodPaths(parse(at(v))), `${path} = ${String(v)} (zod)`).toEqual([path]);
    }
  });

  const lengths: [string, number, (n: number) => Record<string, unknown>][] = [
    ['config.banner.text', TEXT_MAX, (n) => ({ banner: { text: 'x'.repeat(n) } })],
    ['config.banner.texts.fr', TEXT_MAX, (n) => ({ banner: { texts: { fr: 'x'.repeat(n) } } })],
    ['config.collector', URL_MAX, (n) => ({ collector: `https://${'c'.repeat(n - 8)}` })],
    ['config.widgets.0.script', URL_MAX, (n) => ({ widgets: [widget({ script: `/${'s'.repeat(n - 1)}` })] })],
    ['config.widgets.0.ready.selector', SELECTOR_MAX, (n) => ({ widgets: [widget({ ready: { selector: '#'.repeat(n) } })] })],
    ['config.widgets.0.hide', SELECTORS_MAX, (n) => ({ widgets: [widget({ hide: Array(n).fill('#a') })] })],
    ['config.widgets', WIDGETS_MAX, (n) => ({ widgets: Array.from({ length: n }, (_, i) => widget({ name: `w${i}` })) })],
  ];
  it.each(lengths)('%s: at most %i', (path, max, at) => {
    expect(checkShopifyConfig(at(max))).toEqual([]);
    expect(parseShopifyConfig(at(max)).ok).toBe(true);
    expect(checkShopifyConfig(at(max + 1)).map((p) => p.path)).toEqual([path]);
    expect(zodPaths(parseShopifyConfig(at(max + 1)))).toEqual([path]);
  });

  it('refuses an empty text or selector', () => {
    expect(checkConfig({ banner: { text: '' } }).map((p) => p.path)).toEqual(['config.banner.text']);
    expect(checkShopifyConfig({ widgets: [widget({ hide: [''] })] }).map((p) => p.path)).toEqual(['config.widgets.0.hide.0']);
  });
});

describe('messages', () => {
  it.each([
    [{ guards: { cart: { timeout: 0 } } }, 'config.guards.cart.timeout', 'expected a whole number from 1 to 120000'],
    [{ guards: { cart: { timeout: 2.5 } } }, 'config.guards.cart.timeout', 'expected a whole number from 1 to 120000'],
    [{ guards: { cart: { timout: 2500 } } }, 'config.guards.cart', 'unknown field "timout"'],
    [{ colector: 'x' }, 'config', 'unknown field "colector"'],
    [{ guards: { 'bad name': {} } }, 'config.guards.bad name', 'expected a name matching /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/'],
    [{ beacons: { sampleRate: 0.0001 } }, 'config.beacons.sampleRate', 'expected 0 or a number from 0.001 to 1'],
    [{ defaults: { resetJitter: 2 } }, 'config.defaults.resetJitter', 'expected a number from 0 to 1'],
    [{ debug: 'yes' }, 'config.debug', 'expected true or false'],
    [{ page: 'checkout' }, 'config.page', 'expected one of "product", "collection", "cart", "home", "other"'],
    [{ status: [] }, 'config.status', 'expected an object'],
    [{ banner: { text: '' } }, 'config.banner.text', 'expected a string of 1 to 200 characters'],
    [{ collector: 'ftp://x' }, 'config.collector', 'expected a string matching /^https?:\\/\\/[^\\s?#]+$/ of at most 2048 characters'],
  ])('%j', (input, path, message) => {
    expect(checkConfig(input)).toEqual([{ path, message }]);
  });

  it('ask a widget for a way to know it is ready only once the rest is valid, as zod does', () => {
    const unready = widget({ ready: {} });
    expect(checkShopifyConfig({ widgets: [widget(), unready] })).toEqual([{ path: 'config.widgets.1.ready', message: 'expected "event" or "selector"' }]);
    expect(zodPaths(parseShopifyConfig({ widgets: [widget(), unready] }))).toEqual(['config.widgets.1.ready']);
    expect(checkShopifyConfig({ debug: 1, widgets: [unready] }).map((p) => p.path)).toEqual(['config.debug']);
    expect(checkShopifyConfig({ widgets: [widget({ ready: { event: undefined } })] }).map((p) => p.path)).toEqual(['config.widgets.0.ready']);
    expect(checkShopifyConfig({ widgets: [{}] }).map((p) => p.path)).toEqual(['config.widgets.0.name', 'config.widgets.0.script', 'config.widgets.0.ready']);
  });

  it('count undefined as {} and a field set to undefined as left out', () => {
    expect(checkConfig(undefined)).toEqual([]);
    expect(checkShopifyConfig(undefined)).toEqual([]);
    expect(checkConfig({ app: undefined, guards: { cart: { timeout: undefined } } })).toEqual([]);
    expect(checkConfig(null).map((p) => p.path)).toEqual(['config']);
  });
});

describe('hostile input', () => {
  it('does not follow cycles', () => {
    const c: Record<string, any> = { guards: {}, widgets: [] };
    c.guards.cart = c;
    c.widgets.push(c);
    c.banner = { texts: c };
    expect(checkShopifyConfig(c).length).toBeGreaterThan(0);
  });

  it('does not walk a huge or deeply nested array', () => {
    let deep: unknown = '#a';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const t = performance.now();
    expect(checkShopifyConfig({ widgets: new Array(10_000_000) }).map((p) => p.path)).toEqual(['config.widgets']);
    expect(checkShopifyConfig({ widgets: [widget({ hide: deep })] }).map((p) => p.path)).toEqual(['config.widgets.0.hide.0']);
    expect(checkShopifyConfig({ widgets: [widget({ hide: new Array(1e7).fill('#a') })] }).map((p) => p.path)).toEqual(['config.widgets.0.hide']);
    expect(performance.now() - t).toBeLessThan(2000);
  });

  it('reports the first unknown field of an object, however many there are', () => {
    const many = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
    expect(checkConfig({ ...many, guards: { cart: many } })).toEqual([
      { path: 'config', message: 'unknown field "k0"' },
      { path: 'config.guards.cart', message: 'unknown field "k0"' },
    ]);
  });

  it("refuses keys of Object.prototype and an own __proto__ as unknown, and skips an own __proto__ of a record as zod does", () => {
    const input = JSON.parse('{"__proto__": {"x": 1}, "constructor": 1, "guards": {"__proto__": {"timeout": "x"}}}');
    expect(checkConfig(input).map((p) => p.message)).toEqual(['unknown field "__proto__"']);
    expect(checkConfig({ guards: { cart: { constructor: 1 } } }).map((p) => p.message)).toEqual(['unknown field "constructor"']);
    expect(zodPaths(parseConfig(input))).toEqual(['config']);
  });

  it('never changes its input', () => {
    const input = { guards: { cart: { timeout: 'x' } }, widgets: [{ ready: {} }] };
    const copy = JSON.parse(JSON.stringify(input));
    checkShopifyConfig(input);
    checkConfig(input);
    expect(input).toEqual(copy);
  });
});
