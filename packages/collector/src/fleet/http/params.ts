import { NAME_PATTERN } from '@lifeboat/schema';

/** A 400 whose message names the field and what it must be. */
export class BadRequest extends Error {
  readonly statusCode = 400;
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

type Q = Record<string, unknown>;

/** An integer query parameter, e.g. epoch ms. */
export function intParam(q: Q, name: string, opts: { min: number; max: number; fallback: number }): number {
  const raw = q[name];
  if (raw === undefined || raw === '') return opts.fallback;
  const v = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(v)) throw new BadRequest(`query.${name}`, `expected a whole number (got ${JSON.stringify(raw)})`);
  if (v < opts.min || v > opts.max) throw new BadRequest(`query.${name}`, `must be between ${opts.min} and ${opts.max} (got ${v})`);
  return v;
}

/** An optional name (guard, app): the beacon schema's NAME_PATTERN. */
export function nameParam(q: Q, name: string, where = 'query'): string | undefined {
  const raw = q[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !NAME_PATTERN.test(raw)) throw new BadRequest(`${where}.${name}`, `must match ${String(NAME_PATTERN)} (got ${JSON.stringify(raw)})`);
  return raw;
}

/** An optional shop domain, as beacons carry it. */
export function shopParam(q: Q, name = 'shop'): string | undefined {
  const raw = q[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !/^[A-Za-z0-9.-]{1,255}$/.test(raw)) throw new BadRequest(`query.${name}`, `must be a shop domain such as "example.myshopify.com" (got ${JSON.stringify(raw)})`);
  return raw;
}

export function enumParam<T extends string>(q: Q, name: string, values: readonly T[]): T | undefined {
  const raw = q[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string' || !values.includes(raw as T)) throw new BadRequest(`query.${name}`, `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(raw)})`);
  return raw as T;
}

/** A `from`/`to` pair of epoch ms, defaulting to the last `defaultMs`, at most `maxMs` long. */
export function rangeParams(q: Q, now: number, defaultMs: number, maxMs: number): { from: number; to: number } {
  const to = intParam(q, 'to', { min: 0, max: 8.64e15, fallback: now });
  const from = intParam(q, 'from', { min: 0, max: 8.64e15, fallback: to - defaultMs });
  if (from >= to) throw new BadRequest('query.from', `must be before query.to (${to})`);
  if (to - from > maxMs) throw new BadRequest('query.from', `the range may span at most ${maxMs / 86_400_000} days: raise from or lower to`);
  return { from, to };
}

/**
 * The `:app` route parameter checked against the configured apps: a 404 naming the fix for an
 * app the collector does not serve. One checker per route plugin, built from its app names.
 */
export function appParamOf(names: Iterable<string>): (params: Record<string, unknown>) => string {
  const apps = new Set(names);
  return (params) => {
    const name = nameParam(params, 'app', 'params');
    if (!name || !apps.has(name)) throw Object.assign(new BadRequest('params.app', `unknown app "${String(params.app)}": use an app name from the collector config`), { statusCode: 404 });
    return name;
  };
}
