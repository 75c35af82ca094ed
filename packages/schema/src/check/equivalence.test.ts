// @vitest-environment node
// The zod-free checks against zod itself: every config the repo ships (fixtures, examples) and
// thousands of seeded mutations of them. The rule, per input:
//   1. checkX(input) is empty  ⇔  zod's parse is ok (`undefined` is given to zod as `{}`);
//   2. when both fail, every zod path is related to some lite path AND every lite path to some
//      zod path, where two paths are related when they are equal or one is a dotted prefix of
//      the other (`config.widgets` ~ `config.widgets.3.name`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { lifeboatConfig } from '../../../../examples/storefront/src/lifeboatConfig.js';
import { embeddedConfig, renderEmbed } from '../../../../examples/shopify-theme-app-extension/tools/preview.js';
import { parseConfig, type Parsed, type Problem } from '../index.js';
import { parseShopifyConfig } from '../shopify.js';
import { BEACON_RANGES, GUARD_RANGES, RECOMMENDATIONS_RANGES, STATUS_RANGES, WIDGET_BUDGET, type Range } from './bounds.js';
import { checkConfig, checkShopifyConfig } from './index.js';

type Json = Record<string, unknown>;
const root = join(import.meta.dirname, '../../../../');

/** Every config in the repo, named by where it comes from. */
function seeds(): [string, unknown][] {
  const fixtures = JSON.parse(readFileSync(join(root, 'packages/schema/fixtures/config.json'), 'utf8')) as { valid: { name: string; value: unknown }[]; invalid: { name: string; value: unknown }[] };
  const html = readFileSync(join(root, 'examples/script-tag/index.html'), 'utf8');
  const scriptTag = /<script type="application\/json" id="lifeboat-config">([\s\S]*?)<\/script>/.exec(html)![1];
  const urls = { storeUrl: 'http://127.0.0.1:3000', cartVendorUrl: 'http://127.0.0.1:3001', recsVendorUrl: 'http://127.0.0.1:3002', collectorUrl: 'http://127.0.0.1:8787' };
  return [
    ...fixtures.valid.map((f) => [`fixtures/config.json valid: ${f.name}`, f.value] as [string, unknown]),
    ...fixtures.invalid.map((f) => [`fixtures/config.json invalid: ${f.name}`, f.value] as [string, unknown]),
    ['examples/storefront lifeboatConfig', lifeboatConfig(urls)],
    ['examples/storefront lifeboatConfig (no collector)', lifeboatConfig({ ...urls, collectorUrl: '' })],
    ['examples/script-tag/index.html', JSON.parse(scriptTag)],
    ['theme app extension embed (defaults)', embeddedConfig(renderEmbed())],
    [
      'theme app extension embed (every setting)',
      embeddedConfig(renderEmbed({ collector_url: 'https://collector.example.com', cart_script: 'https://cdn.example/smartcart.js', recs_vendor_url: 'https://recs.example/api?id={productId}', banner_text: 'Basic mode <b>' })),
    ],
    ['every field set', everyField()],
  ];
}

/** A valid storefront config that sets every field, so mutations reach all of them. */
function everyField(): Json {
  return {
    app: 'smartcart',
    shop: 'demo.myshopify.com',
    publicKey: 'pk_demo_smartcart',
    collector: 'https://collector.example.com',
    defaults: { timeout: 3000, persist: true },
    guards: {
      cart: { timeout: 2500, errorThresholdPercentage: 50.5, volumeThreshold: 1, rollingCountTimeout: 10000, rollingCountBuckets: 10, resetTimeout: 30000, resetJitter: 0.2, resetBackoff: 1.5, maxResetTimeout: 600000, capacity: 10, retries: 2, retryDelay: 100, retryMaxDelay: 2000, retryBudget: 0.1, persist: false },
    },
    beacons: { enabled: true, sampleRate: 0.001, flushInterval: 30000, maxQueue: 50 },
    status: { enabled: true, maxAge: 15000, timeout: 2000 },
    banner: { enabled: true, text: 'Basic mode.', texts: { fr: 'Mode simple.', 'pt-BR': 'Modo básico.' } },
    page: 'cart',
    storageName: 'lifeboat',
    debug: false,
    widgets: [
      {
        name: 'smartcart',
        guard: 'cart',
        script: '/apps/smartcart.js',
        ready: { event: 'smartcart:ready', selector: '#smartcart-root' },
        budget: 3000,
        fallback: 'hide',
        hide: ['#smartcart-root'],
        remove: ['.smartcart-badge'],
        show: ['cart-drawer'],
        standDown: 'SmartCart.destroy',
        capture: { addToCart: ['form[action$="/cart/add"]'], cartIcon: ['a[href="/cart"]'] },
      },
      { name: 'reviews', script: 'https://cdn.example/reviews.js', ready: { selector: '.reviews' } },
    ],
    recommendations: { guard: 'recs', vendor: 'https://recs.example/api/{productId}?limit={limit}', vendorBudget: 800, cacheBudget: 50, shopifyBudget: 1200, limit: 4, maxAge: 86400000, selector: '[data-lifeboat-recommendations]' },
    cartGuard: 'cart',
  };
}

/** mulberry32: small, seeded, the same cases on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clone = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(clone) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)])) : v;

/** Every container (object or array) in `v` with the key of each slot it has. */
function slots(v: unknown, out: [Json | unknown[], string | number][] = [], depth = 0): [Json | unknown[], string | number][] {
  if (depth > 6 || !v || typeof v !== 'object') return out;
  for (const [k, x] of Object.entries(v)) {
    out.push([v as Json, Array.isArray(v) ? Number(k) : k]);
    slots(x, out, depth + 1);
  }
  return out;
}

const WRONG: unknown[] = [
  null, undefined, true, false, 0, -0, 1, -1, 0.5, 1.5, 99.5, NaN, Infinity, -Infinity, 1e300, -1e300, 2 ** 53, 0.0005, 0.001, 1.0000001,
  '', ' ', 'x', '3000', 'true', 'smartcart', 'a'.repeat(64), 'a'.repeat(65), 'a'.repeat(201), 'x'.repeat(2049), 'javascript:alert(1)',
  'https://ok.example/x', 'https://bad.example/x?q', '/path', 'has space', 'fr', 'pt-BR', 'product', 'native-cart', 'hide', 'a.b.c',
  [], [1], ['x'], [[]], [['#a']], [{}], {}, { x: 1 }, { event: 'x' }, { selector: '#a' }, { timeout: 5 },
];
/** The ranges by field name (a name in two tables gets both), for values at and past the edges. */
const RANGES: Record<string, Range[]> = Object.create(null);
for (const table of [GUARD_RANGES, BEACON_RANGES, STATUS_RANGES, RECOMMENDATIONS_RANGES, { budget: WIDGET_BUDGET }] as Record<string, Range>[])
  for (const [k, r] of Object.entries(table)) (RANGES[k] ??= []).push(r);
const edges = ([min, max, fraction]: Range) => [min, max, min - 1, max + 1, fraction ? (min + max) / 3 : min + 0.5, fraction ? max + 1e-9 : max - 0.5, min + 1, max - 1];

const KEYS = ['timout', 'x', '', ' ', '0', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'name', 'timeout', 'fr', 'bad key', 'a'.repeat(65), 'zz-ZZZZZZZZZ'];

/** One mutation of `input` in place, at a random slot (`edge`: a bounded number at an edge). */
function mutate(input: Json, rnd: () => number, edge = false): void {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const bounded = edge ? slots(input).filter(([c, k]) => !Array.isArray(c) && RANGES[k]) : [];
  const all = bounded.length ? bounded : slots(input);
  const [parent, key] = all.length ? pick(all) : [input, 'app'];
  const p = parent as Record<string | number, unknown>;
  const v = p[key];
  switch (bounded.length ? 9 : Math.floor(rnd() * 11)) {
    case 0: // leave out
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete p[key];
      break;
    case 1: // wrong type, odd value
    case 2:
      p[key] = clone(pick(WRONG));
      break;
    case 3: // just off a number: boundaries of the field are likely near a valid value's scale
      if (typeof v === 'number') p[key] = pick([v + 0.5, v * 10, v * 1000, -v, v - 1, v + 1, Math.round(v) + 0.25, 0, 1, 100, 1000, 1e9]);
      else p[key] = clone(pick(WRONG));
      break;
    case 4: // unknown or odd key on some object (or the root)
      {
        const target = !Array.isArray(parent) && rnd() < 0.7 ? parent : v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : input;
        const k = pick([...KEYS, '__proto__']);
        // An own __proto__ as JSON.parse makes it, not the prototype setter.
        Object.defineProperty(target, k, { value: clone(pick(WRONG)), enumerable: true, writable: true, configurable: true });
      }
      break;
    case 5: // a valid value from elsewhere (a string where a number goes, an object in a list…)
      p[key] = clone(pick(all.map(([c, k]) => (c as Record<string | number, unknown>)[k])));
      break;
    case 6: // arrays: grow past the bound, hold holes or nested arrays
      if (Array.isArray(v)) p[key] = pick([[...v, ...v, ...v, ...v, ...v, ...v, ...v].concat(Array(50).fill(v[0])), [v], [...v, undefined], new Array(3), []]);
      else p[key] = [v];
      break;
    case 7: // strings: empty, long, changed
      if (typeof v === 'string') p[key] = pick(['', v + ' ', v.repeat(40), `${v}?x`, v.toUpperCase(), `-${v}`, v.slice(1), v.padEnd(2049, 'x'), v + '\n']);
      else p[key] = clone(pick(WRONG));
      break;
    case 8: // rename the key (a typo), or move it to a name a record accepts
      if (!Array.isArray(parent) && v !== undefined) {
        delete p[key];
        p[pick([`${key}s`, String(key).slice(1), 'other', 'fr', 'de-CH', 'cart', '9lives', '_bad', 'no space'])] = v;
      }
      break;
    case 9: // a number at or just past an edge of its field's range (many stay valid)
      if (!Array.isArray(parent) && RANGES[key]) p[key] = pick(edges(pick(RANGES[key])));
      else p[key] = clone(pick(WRONG));
      break;
    default: // the container itself turned into something else
      p[key] = pick([undefined, null, [], {}, 'x', 1, [v], { v }]);
  }
}

const zodOk = (r: Parsed<unknown>) => (r.ok ? [] : r.problems);
const related = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

/** The rule in the file's header; returns what broke it, or '' when it holds. */
function compare(lite: Problem[], zod: Problem[]): string {
  if ((lite.length === 0) !== (zod.length === 0)) return `lite ${lite.length ? 'refuses' : 'accepts'}, zod ${zod.length ? 'refuses' : 'accepts'}`;
  const zp = zod.map((p) => p.path);
  const lp = lite.map((p) => p.path);
  const lost = zp.filter((z) => !lp.some((l) => related(z, l)));
  const extra = lp.filter((l) => !zp.some((z) => related(z, l)));
  return lost.length || extra.length ? `zod paths without a lite one: ${lost.join(', ')}; lite paths without a zod one: ${extra.join(', ')}` : '';
}

const suites = [
  ['checkConfig', checkConfig, parseConfig],
  ['checkShopifyConfig', checkShopifyConfig, parseShopifyConfig],
] as const;

const CASES_PER_SEED = 600;

/** The SDK part of a storefront config: what createLifeboat() would be given. */
const sdkPart = (v: unknown): unknown => {
  if (!v || typeof v !== 'object') return v;
  const { widgets: _w, recommendations: _r, cartGuard: _c, ...rest } = v as Json;
  return rest;
};

describe.each(suites)('%s agrees with zod', (suite, check, parse) => {
  const all = suite === 'checkConfig' ? [...seeds(), ...seeds().map(([n, v]): [string, unknown] => [`${n} (SDK part)`, sdkPart(v)])] : seeds();
  const judge = (input: unknown) => compare(check(input), zodOk(parse(input === undefined ? {} : input)));

  it.each(all)('on %s', (_, seed) => {
    expect(judge(seed)).toBe('');
  });

  it(`on ${CASES_PER_SEED} seeded mutations of each of the ${all.length} seeds, and never changes its input`, () => {
    const rnd = random(9);
    const failures: string[] = [];
    let refused = 0;
    let cases = 0;
    for (const [name, seed] of all) {
      for (let i = 0; i < CASES_PER_SEED; i++) {
        const input = clone(seed) as Json;
        // A quarter of the cases move one bounded number to an edge of its range: valid about
        // half the time, so the accepting verdict is compared often too.
        if (i % 4 === 0) mutate(input, rnd, true);
        else for (let j = 0, n = 1 + Math.floor(rnd() * 3); j < n; j++) mutate(input, rnd);
        const before = clone(input);
        const verdict = judge(input);
        cases++;
        if (check(input).length) refused++;
        if (!isDeepStrictEqual(input, before)) failures.push(`${name} #${i}: input changed`);
        if (verdict && failures.length < 5) failures.push(`${name} #${i}: ${verdict}\n  ${stringify(input)}`);
      }
    }
    expect(failures).toEqual([]);
    // The mutations are worth something only if they reach both verdicts (most break the config;
    // the edge cases and a few others keep it valid: a key a record accepts, a value moved…).
    expect(cases).toBe(all.length * CASES_PER_SEED);
    expect(refused).toBeGreaterThan(cases * 0.5);
    expect(cases - refused).toBeGreaterThan(cases * 0.05);
  });

  it('on the odd whole inputs', () => {
    for (const input of [undefined, null, 0, 'config', [], [{}], {}, { __proto__: null }, new Array(1e6)]) expect(judge(input), stringify(input)).toBe('');
  });
});

const stringify = (v: unknown) => {
  try {
    return JSON.stringify(v, (_, x) => (x === undefined ? '<undefined>' : typeof x === 'number' && !Number.isFinite(x) ? String(x) : x))?.slice(0, 600);
  } catch {
    return String(v);
  }
};
