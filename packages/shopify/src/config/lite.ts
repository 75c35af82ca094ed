/**
 * A zod-free check of the fields the per-page loader relies on (zod/mini alone would eat most of
 * the 10 kB budget). It only decides "safe to run or not"; when it finds a problem the loader
 * stays in native mode and the validate chunk runs the full zod validation for clear messages.
 *
 * The loader build aliases the SDK's `config/validate.ts` to this module, so it exports the same
 * `validateConfig`.
 */
import { KEY_PATTERN, NAME_PATTERN, SHOP_PATTERN, type LifeboatConfig, type Parsed, type Problem } from '@lifeboat/schema';

const BASE_KEYS = 'app shop publicKey collector defaults guards beacons status banner page storageName debug'.split(' ');
const SHOPIFY_KEYS = ['widgets', 'recommendations', 'cartGuard'];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown) => typeof v === 'string' && v.length > 0;

const GUARD_KEYS =
  'timeout errorThresholdPercentage volumeThreshold rollingCountTimeout rollingCountBuckets resetTimeout resetJitter resetBackoff maxResetTimeout capacity retries retryDelay retryMaxDelay retryBudget persist'.split(' ');
// Options whose value is a share (0..1) or a percentage, and those that must not be zero.
const SHARE = ['resetJitter', 'retryBudget', 'sampleRate'];
const POSITIVE = ['timeout', 'capacity', 'rollingCountBuckets', 'resetTimeout', 'maxResetTimeout', 'maxAge', 'rollingCountTimeout'];

function options(v: unknown, path: string, out: Problem[], keys?: string[]) {
  if (v === undefined) return;
  if (!isObj(v)) return void out.push({ path, message: 'expected object' });
  for (const [k, x] of Object.entries(v)) {
    const p = `${path}.${k}`;
    if (keys && !keys.includes(k)) out.push({ path: p, message: 'unknown field' });
    else if (typeof x === 'string' ? k !== 'text' : typeof x !== 'boolean' && !(typeof x === 'number' && x >= 0 && Number.isFinite(x)))
      out.push({ path: p, message: 'expected a number ≥ 0 or a boolean' });
    else if ((SHARE.includes(k) && (x as number) > 1) || (POSITIVE.includes(k) && x === 0) || (k === 'flushInterval' && (x as number) < 1000) || (k === 'errorThresholdPercentage' && (x as number) > 100))
      out.push({ path: p, message: 'out of range' });
  }
}

const PATTERNS: Obj = {
  app: NAME_PATTERN,
  storageName: NAME_PATTERN,
  cartGuard: NAME_PATTERN,
  shop: SHOP_PATTERN,
  publicKey: KEY_PATTERN,
  collector: /^https?:\/\/[^\s?#]+$/,
  page: /^(product|collection|cart|home|other)$/,
};

function base(c: Obj, out: Problem[], keys: string[]) {
  for (const k of Object.keys(c)) if (!keys.includes(k)) out.push({ path: `config.${k}`, message: 'unknown field' });
  for (const k in PATTERNS) if (c[k] !== undefined && !(typeof c[k] === 'string' && (PATTERNS[k] as RegExp).test(c[k] as string))) out.push({ path: `config.${k}`, message: 'invalid' });
  if (c.debug !== undefined && typeof c.debug !== 'boolean') out.push({ path: 'config.debug', message: 'expected boolean' });
  options(c.defaults, 'config.defaults', out, GUARD_KEYS);
  for (const k of ['beacons', 'status', 'banner']) options(c[k], `config.${k}`, out);
  if (c.guards !== undefined) {
    if (!isObj(c.guards)) out.push({ path: 'config.guards', message: 'expected object' });
    else
      for (const [g, o] of Object.entries(c.guards)) {
        if (!NAME_PATTERN.test(g)) out.push({ path: `config.guards.${g}`, message: 'invalid guard name' });
        options(o, `config.guards.${g}`, out, GUARD_KEYS);
      }
  }
}

/** The SDK's contract: validates the SDK part of the config. */
export function validateConfig(input: unknown): Parsed<LifeboatConfig> {
  const out: Problem[] = [];
  if (input === undefined) return { ok: true, value: {} };
  if (!isObj(input)) return { ok: false, problems: [{ path: 'config', message: 'expected object' }] };
  base(input, out, BASE_KEYS);
  return out.length ? { ok: false, problems: out } : { ok: true, value: input as LifeboatConfig };
}

const WIDGET_KEYS = 'name guard script ready budget fallback hide remove show standDown capture'.split(' ');
const urlish = (v: unknown) => typeof v === 'string' && /^(https?:\/\/|\/)\S*$/.test(v);
const strings = (v: unknown) => v === undefined || (Array.isArray(v) && v.every(isStr));

/** Validates the whole script-tag JSON (SDK part + widgets + recommendations). */
export function liteCheck(input: unknown): Problem[] {
  if (!isObj(input)) return [{ path: 'config', message: 'expected object' }];
  const out: Problem[] = [];
  base(input, out, [...BASE_KEYS, ...SHOPIFY_KEYS]);
  const ws = input.widgets;
  if (ws !== undefined && !Array.isArray(ws)) out.push({ path: 'config.widgets', message: 'expected array' });
  (Array.isArray(ws) ? ws : []).forEach((w: Obj, i) => {
    const p = `config.widgets.${i}`;
    const bad = (f: string) => out.push({ path: `${p}.${f}`, message: 'invalid' });
    if (!isObj(w)) return bad('');
    for (const k of Object.keys(w)) if (!WIDGET_KEYS.includes(k)) out.push({ path: `${p}.${k}`, message: 'unknown field' });
    if (!NAME_PATTERN.test(w.name as string)) bad('name');
    if (w.guard !== undefined && !NAME_PATTERN.test(w.guard as string)) bad('guard');
    if (w.standDown !== undefined && !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*){0,5}$/.test(w.standDown as string)) bad('standDown');
    if (!urlish(w.script)) bad('script');
    if (!isObj(w.ready) || !(isStr(w.ready.event) || isStr(w.ready.selector))) bad('ready');
    if (w.budget !== undefined && !(typeof w.budget === 'number' && w.budget > 0)) bad('budget');
    for (const f of ['hide', 'remove', 'show']) if (!strings(w[f])) bad(f);
    if (w.capture !== undefined && (!isObj(w.capture) || !strings(w.capture.addToCart) || !strings(w.capture.cartIcon))) bad('capture');
    if (w.fallback !== undefined && w.fallback !== 'native-cart' && w.fallback !== 'hide') bad('fallback');
  });
  const r = input.recommendations;
  if (r !== undefined) {
    if (!isObj(r)) out.push({ path: 'config.recommendations', message: 'expected object' });
    else if (r.vendor !== undefined && !urlish(r.vendor)) out.push({ path: 'config.recommendations.vendor', message: 'invalid' });
  }
  return out;
}

/** Splits the script-tag JSON into the SDK config and the storefront parts. */
export function splitConfig(input: Obj): { sdk: Obj; widgets: Obj[]; recommendations?: Obj; cartGuard?: string } {
  const { widgets, recommendations, cartGuard, ...sdk } = input;
  return { sdk, widgets: (widgets as Obj[]) ?? [], recommendations: recommendations as Obj | undefined, cartGuard: cartGuard as string | undefined };
}
