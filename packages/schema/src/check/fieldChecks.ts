/**
 * The kinds of value a config field can hold, each a small check that appends problems instead
 * of throwing. Terse on purpose: this ships in every storefront page (see ./index.ts).
 */
import type { Problem } from '../issues.js';
import type { Range } from './bounds.js';

/** Checks `value` found at `path`, appending what is wrong to `out`. */
export type Check = (value: unknown, path: string, out: Problem[]) => void;
export type Shape = Record<string, Check>;

const add = (out: Problem[], path: string, message: string) => {
  out.push({ path, message });
};

/** A value `ok` accepts; otherwise one problem saying what was expected. */
const leaf =
  (ok: (v: any) => unknown, expected: string): Check =>
  (v, path, out) => {
    ok(v) || add(out, path, `expected ${expected}`);
  };

export const bool = leaf((v) => typeof v == 'boolean', 'true or false');

/** A number in `range`, and 0 or at least `floor` if given; NaN and ±Infinity fail the comparisons. */
export const num = ([min, max, fraction]: Range, floor?: number): Check =>
  leaf(
    (v) => (fraction ? typeof v == 'number' : Number.isInteger(v)) && v >= min && v <= max && !(v && v < floor!),
    `${floor ? '0 or ' : ''}a ${fraction ? '' : 'whole '}number from ${floor || min} to ${max}`,
  );

/** A string of at most `max` characters matching `pattern`. */
export const str = (pattern: RegExp, max = 1e9): Check =>
  leaf((v) => typeof v == 'string' && v.length <= max && pattern.test(v), `a string matching ${pattern}${max < 1e9 ? ` of at most ${max} characters` : ''}`);

/** A string of 1 to `max` characters. */
export const text = (max: number): Check => leaf((v) => typeof v == 'string' && v && v.length <= max, `a string of 1 to ${max} characters`);

export const oneOf = (values: readonly string[]): Check => leaf((v) => values.includes(v), `one of "${values.join('", "')}"`);

/** A list of at most `max` items; a longer one is not looked into (a huge array costs nothing). */
export const list =
  (max: number, item: Check): Check =>
  (v, path, out) => {
    if (!Array.isArray(v) || v.length > max) add(out, path, `expected a list of at most ${max} items`);
    else for (let i = 0; i < v.length; i++) item(v[i], `${path}.${i}`, out);
  };

/**
 * An object. With a `shape`: only its fields; one left out (or `undefined`) is skipped unless
 * `required`, and the first unknown field is reported on the object's own path, as zod does. Without:
 * named entries, every key matching `key` and every value passing `value` (zod skips an own
 * "__proto__", which JSON.parse can make). Recursion follows the shape, never the input, so
 * cycles and deep nesting cost nothing.
 */
export const obj =
  (shape?: Shape | 0, required: string[] = [], key?: RegExp, value?: Check): Check =>
  (v: any, path, out) => {
    if (typeof v != 'object' || !v || Array.isArray(v)) add(out, path, 'expected an object');
    else if (shape) {
      // A field of the shape is its own; what `{}` has too (`constructor`, `__proto__`) is not.
      // The first unknown field is enough to refuse (zod names them all), and a hostile object
      // with a million keys then makes one problem, not a million.
      for (const k in v)
        if (!shape[k] || ({} as any)[k]) {
          add(out, path, `unknown field "${k}"`);
          break;
        }
      for (const k in shape) if (v[k] !== undefined || required.includes(k)) shape[k](v[k], `${path}.${k}`, out);
    } else
      for (const k of Object.keys(v))
        if (k != '__proto__') key!.test(k) ? value!(v[k], `${path}.${k}`, out) : add(out, `${path}.${k}`, `expected a name matching ${key}`);
  };

/** Named entries: every key matches `key`, every value passes `value`. */
export const record = (key: RegExp, value: Check) => obj(0, [], key, value);
