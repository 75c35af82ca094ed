/**
 * A zod-free check of the script tag's JSON (zod/mini alone would eat most of the 10 kB budget).
 * It only decides "safe to run or not": the fields and types are those of the schema's defaults,
 * plus the bounds past which a value would break behaviour. When it finds a problem the loader stays in native mode and the validate chunk runs the
 * full zod validation, whose messages (field and fix) are the ones shoppers' developers read.
 *
 * The loader build aliases the SDK's `config/validate.ts` to this module, so it exports the same
 * `validateConfig`.
 */
import {
  BANNER_DEFAULTS,
  BEACON_DEFAULTS,
  GUARD_DEFAULTS,
  KEY_PATTERN,
  NAME_PATTERN,
  SHOP_PATTERN,
  STATUS_DEFAULTS,
  type LifeboatConfig,
  type Parsed,
  type Problem,
} from '@lifeboat/schema';

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

// Bounds where a value past them would break the guard, the transport, the status client or a
// widget (a zero timeout is no timeout at all, zero buckets divide by zero, a share above 1…).
// Other numbers only need to be finite and ≥ 0; the zod chunk still explains the schema's ranges.
const MIN: Obj = { timeout: 1, capacity: 1, rollingCountBuckets: 1, rollingCountTimeout: 100, resetTimeout: 100, maxResetTimeout: 100, resetBackoff: 1, flushInterval: 1000, maxAge: 1000, budget: 100, limit: 1 };
const MAX: Obj = { timeout: 12e4, errorThresholdPercentage: 100, resetJitter: 1, retryBudget: 1, sampleRate: 1, retries: 10 };
const num =
  (k: string): Check =>
  (v) =>
    typeof v === 'number' && v >= ((MIN[k] as number) ?? 0) && v <= ((MAX[k] as number) ?? 1e10);

/** Options whose fields and types are those of their defaults (the schema's `*_DEFAULTS`). */
const options = (defaults: Obj, extra?: Record<string, Check>): Check => {
  const spec: Record<string, Check> = { ...extra };
  for (const k of Object.keys(defaults)) spec[k] ??= typeof defaults[k] === 'boolean' ? bool : typeof defaults[k] === 'string' ? (v) => typeof v === 'string' && v.length > 0 : num(k);
  return obj(spec);
};

const GUARD = options(GUARD_DEFAULTS);

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
  beacons: options(BEACON_DEFAULTS),
  status: options(STATUS_DEFAULTS),
  banner: options(BANNER_DEFAULTS),
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
        budget: num('budget'),
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
  recommendations: options({ vendorBudget: 0, cacheBudget: 0, shopifyBudget: 0, limit: 0, maxAge: 0 }, { guard: name, vendor: url, selector: sel }),
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
