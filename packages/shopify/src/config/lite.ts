/**
 * A zod-free check of the script tag's JSON (zod/mini alone would eat most of the 10 kB budget).
 * It only decides "safe to run or not": one table of the fields, their types and the schema's
 * ranges. When it finds a problem the loader stays in native mode and the validate chunk runs the
 * full zod validation, whose messages (field and fix) are the ones shoppers' developers read.
 *
 * The loader build aliases the SDK's `config/validate.ts` to this module, so it exports the same
 * `validateConfig`.
 */
import { KEY_PATTERN, NAME_PATTERN, SHOP_PATTERN, type LifeboatConfig, type Parsed, type Problem } from '@lifeboat/schema';

type Obj = Record<string, unknown>;
type Bad = (path: string, message: string) => void;
/** A field's check: false → "invalid"; nested checks report their own problems through `bad`. */
type Check = (v: unknown, path: string, bad: Bad) => boolean | void;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const re =
  (r: RegExp): Check =>
  (v) =>
    typeof v === 'string' && r.test(v);
const bool: Check = (v) => typeof v === 'boolean';
const sel: Check = (v) => typeof v === 'string' && v.length > 0 && v.length <= 500;
const name = re(NAME_PATTERN);
const url = re(/^(https?:\/\/|\/)\S{0,2040}$/);

/** A strict object: unknown fields are problems, `need` lists the required ones. */
const obj =
  (spec: Record<string, Check>, need: string[] = []): Check =>
  (v, path, bad) => {
    if (!isObj(v)) return false;
    for (const k of need) if (v[k] === undefined) bad(`${path}.${k}`, 'required');
    for (const k of Object.keys(v)) {
      const p = `${path}.${k}`;
      if (!Object.prototype.hasOwnProperty.call(spec, k)) bad(p, 'unknown field');
      else if (v[k] !== undefined && spec[k](v[k], p, bad) === false) bad(p, 'invalid');
    }
  };

/**
 * Numeric options from a table: `name:min:max`, a trailing `.` when fractions are allowed;
 * `name:b` for a boolean. The ranges are the schema's (packages/schema/src/config.ts, shopify.ts).
 */
const num =
  (min: string, max: string): Check =>
  (v) =>
    typeof v === 'number' && v >= +min && v <= parseFloat(max) && (max.endsWith('.') || Number.isInteger(v));
const table = (t: string, extra?: Record<string, Check>): Check => {
  const spec: Record<string, Check> = { ...extra };
  for (const f of t.split(' ')) {
    const [k, min, max] = f.split(':');
    spec[k] = min === 'b' ? bool : num(min, max);
  }
  return obj(spec);
};

const GUARD = table(
  'timeout:1:12e4 errorThresholdPercentage:1:100. volumeThreshold:0:1e4 rollingCountTimeout:100:36e5 rollingCountBuckets:1:100 resetTimeout:100:864e5 resetJitter:0:1. resetBackoff:1:10. maxResetTimeout:100:864e5 capacity:1:1e5 retries:0:10 retryDelay:0:6e4 retryMaxDelay:0:3e5 retryBudget:0:1. persist:b',
);

const SDK: Record<string, Check> = {
  app: name,
  storageName: name,
  shop: re(SHOP_PATTERN),
  publicKey: re(KEY_PATTERN),
  collector: re(/^https?:\/\/[^\s?#]{1,2040}$/),
  page: re(/^(product|collection|cart|home|other)$/),
  debug: bool,
  defaults: GUARD,
  guards: (v, path, bad) => {
    if (!isObj(v)) return false;
    for (const [g, o] of Object.entries(v)) {
      if (!NAME_PATTERN.test(g)) bad(`${path}.${g}`, 'invalid guard name');
      else if (GUARD(o, `${path}.${g}`, bad) === false) bad(`${path}.${g}`, 'invalid');
    }
  },
  beacons: table('enabled:b sampleRate:0:1. flushInterval:1000:36e5 maxQueue:0:1000'),
  status: table('enabled:b maxAge:1000:864e5 timeout:100:3e4'),
  banner: table('enabled:b', { text: (v) => typeof v === 'string' && v.length > 0 && v.length <= 200 }),
};

const list =
  (item: Check, max: number): Check =>
  (v, path, bad) =>
    Array.isArray(v) && v.length <= max && v.every((x, i) => item(x, `${path}.${i}`, bad) !== false || (bad(`${path}.${i}`, 'invalid'), true));
const sels = list(sel, 50);
const READY = obj({ event: re(/^[A-Za-z0-9:._-]{1,100}$/), selector: sel });

const SHOPIFY: Record<string, Check> = {
  ...SDK,
  cartGuard: name,
  widgets: list(
    obj(
      {
        name,
        guard: name,
        script: url,
        // The schema's own rule: Lifeboat must know how the widget says it is up.
        ready: (v, p, bad) => READY(v, p, bad) !== false && !!((v as Obj).event || (v as Obj).selector),
        budget: num('100', '6e4'),
        fallback: re(/^(native-cart|hide)$/),
        hide: sels,
        remove: sels,
        show: sels,
        standDown: re(/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*){0,5}$/),
        capture: obj({ addToCart: sels, cartIcon: sels }),
      },
      ['name', 'script', 'ready'],
    ),
    20,
  ),
  recommendations: table('vendorBudget:50:3e4 cacheBudget:5:5000 shopifyBudget:50:3e4 limit:1:10 maxAge:0:2592e6', { guard: name, vendor: url, selector: sel }),
};

function check(input: unknown, spec: Record<string, Check>): Problem[] {
  const out: Problem[] = [];
  if (obj(spec)(input, 'config', (path, message) => out.push({ path, message })) === false) out.push({ path: 'config', message: 'expected object' });
  return out;
}

/** The SDK's contract: validates the SDK part of the config. */
export function validateConfig(input: unknown): Parsed<LifeboatConfig> {
  if (input === undefined) return { ok: true, value: {} };
  const problems = check(input, SDK);
  return problems.length ? { ok: false, problems } : { ok: true, value: input as LifeboatConfig };
}

/** Validates the whole script-tag JSON (SDK part + widgets + recommendations). */
export const liteCheck = (input: unknown): Problem[] => check(input, SHOPIFY);

/** Splits the script-tag JSON into the SDK config and the storefront parts. */
export function splitConfig(input: Obj): { sdk: Obj; widgets: Obj[]; recommendations?: Obj; cartGuard?: string } {
  const { widgets, recommendations, cartGuard, ...sdk } = input;
  return { sdk, widgets: (widgets as Obj[]) ?? [], recommendations: recommendations as Obj | undefined, cartGuard: cartGuard as string | undefined };
}
