import { GUARD_DEFAULTS } from '@lifeboat/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLifeboat } from '../createLifeboat.js';
import { detectPage } from './page.js';
import { quickConfig, resolveConfig } from './resolve.js';
import { readConfig } from './validateConfig.js';

afterEach(() => vi.restoreAllMocks());

describe('detectPage', () => {
  it.each([
    ['/', 'home'],
    ['', 'home'],
    ['/fr', 'home'],
    ['/fr/', 'home'],
    ['/products/red-shirt', 'product'],
    ['/fr/products/red-shirt', 'product'],
    ['/en-ca/products/red-shirt', 'product'],
    ['/collections/all/products/red-shirt', 'product'],
    ['/collections/all', 'collection'],
    ['/collections', 'collection'],
    ['/de/collections/sale', 'collection'],
    ['/cart', 'cart'],
    ['/fr/cart', 'cart'],
    ['/cart/', 'cart'],
    ['/cartography', 'other'],
    ['/pages/about', 'other'],
    ['/checkout', 'other'],
  ])('%s → %s', (path, page) => expect(detectPage(path)).toBe(page));
});

describe('resolveConfig', () => {
  const loc = { hostname: 'my-shop.myshopify.com', pathname: '/fr/products/x' };

  it('fills every default; shop and page from location', () => {
    const c = resolveConfig({}, [], loc);
    expect(c).toMatchObject({ app: 'default', shop: 'my-shop.myshopify.com', page: 'product', storageName: 'lifeboat', debug: false, problems: [] });
    expect(c.defaults).toEqual(GUARD_DEFAULTS);
    expect(c.guards).toEqual({});
    expect(c.beacons.enabled).toBe(true);
    expect(c.status.enabled).toBe(true);
  });

  it('merges GUARD_DEFAULTS ← defaults ← guards[name]', () => {
    const c = resolveConfig({ defaults: { timeout: 2000, retries: 1 }, guards: { cart: { timeout: 500 }, recs: {} } }, [], loc);
    expect(c.defaults).toEqual({ ...GUARD_DEFAULTS, timeout: 2000, retries: 1 });
    expect(c.guards.cart).toEqual({ ...GUARD_DEFAULTS, timeout: 500, retries: 1 });
    expect(c.guards.recs).toEqual(c.defaults);
  });

  it('an explicit undefined does not erase a default; explicit values win', () => {
    const c = resolveConfig({ defaults: { timeout: undefined }, app: 'smartcart', shop: 'x.com', page: 'cart', storageName: 'lb2', collector: 'https://c.example.com/' }, [], loc);
    expect(c.defaults.timeout).toBe(GUARD_DEFAULTS.timeout);
    expect(c).toMatchObject({ app: 'smartcart', shop: 'x.com', page: 'cart', storageName: 'lb2', collector: 'https://c.example.com' });
  });

  it('works without location (server rendering, workers)', () => {
    expect(resolveConfig({}, [], null)).toMatchObject({ shop: 'unknown', page: 'home' });
  });
});

describe('quickConfig (createLifeboat’s reader, no zod) against readConfig (zod)', () => {
  const cases: unknown[] = [
    undefined,
    {},
    { collector: 'https://c.example.com', publicKey: 'pk_demo_smartcart', guards: { cart: { timeout: -5, retries: 2 } }, banner: { text: '' } },
    { app: 'smartcart', colector: 'typo' },
    { guards: { cart: { timout: 1, retrys: 2, capacity: 0 } }, beacons: { sampleRate: 0.0001 } },
    { defaults: 'fast' },
    null,
    [],
  ];
  it.each(cases)('same resolved config and same problem paths for %j', (input) => {
    const quick = quickConfig(input);
    const full = readConfig(input);
    expect({ ...quick, problems: undefined }).toEqual({ ...full, problems: undefined });
    expect(quick.problems.map((p) => p.path).sort()).toEqual([...new Set(full.problems.map((p) => p.path))].sort());
  });
});

describe('readConfig / createLifeboat with a bad config', () => {
  it('drops only the bad parts and lists them', () => {
    const c = readConfig({ collector: 'https://c.example.com', publicKey: 'pk_demo_smartcart', guards: { cart: { timeout: -5, retries: 2 } }, banner: { text: '' } });
    expect(c.problems.map((p) => p.path).sort()).toEqual(['config.banner.text', 'config.guards.cart.timeout']);
    expect(c.collector).toBe('https://c.example.com');
    expect(c.guards.cart).toMatchObject({ timeout: GUARD_DEFAULTS.timeout, retries: 2 });
  });

  it('drops unknown fields', () => {
    const c = readConfig({ app: 'smartcart', colector: 'typo' });
    expect(c.problems).toHaveLength(1);
    expect(c.problems[0].message).toMatch(/colector/);
    expect(c.app).toBe('smartcart');
  });

  it.each([null, 42, 'x', [], { defaults: 'fast' }])('never throws on %j', (input) => {
    expect(() => readConfig(input)).not.toThrow();
    expect(readConfig(input).defaults).toEqual(GUARD_DEFAULTS);
  });

  it('one console.error with the problems, one sdk-error config-invalid, and the instance works', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const lb = createLifeboat({ guards: { cart: { timeout: 'soon' } } });
    const errors: unknown[] = [];
    lb.on('sdk-error', (e) => errors.push(e));
    await lb.ready;
    expect(error).toHaveBeenCalledOnce();
    expect(String(error.mock.calls[0][0])).toContain('config.guards.cart.timeout');
    expect(errors.filter((e) => (e as { code: string }).code === 'config-invalid')).toEqual([
      { code: 'config-invalid', message: expect.stringContaining('config.guards.cart.timeout'), guard: undefined, error: undefined },
    ]);
    await expect(lb.run('cart', () => 1)).resolves.toEqual({ value: 1, fromFallback: false });
    lb.destroy();
  });

  it('a valid config logs nothing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const lb = createLifeboat({ guards: { cart: { timeout: 100 } } });
    await lb.ready;
    expect(error).not.toHaveBeenCalled();
    lb.destroy();
  });
});
