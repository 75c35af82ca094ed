import { BANNER_DEFAULTS, BEACON_DEFAULTS, GUARD_DEFAULTS, STATUS_DEFAULTS, type LifeboatConfig, type Problem } from '@lifeboat/schema';
import type { ResolvedConfig } from '../types.js';
import { detectPage } from './page.js';
import { validateConfig } from './validate.js';

type Obj = Record<string, unknown>;

// `{ ...a, ...b }` would let an explicit `undefined` in b erase a default.
function merge<T extends object>(base: T, over?: object): T {
  const out: Obj = { ...(base as Obj) };
  if (over) for (const [k, v] of Object.entries(over)) if (v !== undefined) out[k] = v;
  return out as T;
}

/**
 * Fills every gap with a default: `GUARD_DEFAULTS` ← `config.defaults` ← `config.guards[name]`;
 * shop and page from `location` (page type from the path, a locale prefix ignored).
 */
export function resolveConfig(c: LifeboatConfig, problems: Problem[] = [], loc: Pick<Location, 'hostname' | 'pathname'> | null | undefined = globalThis.location): ResolvedConfig {
  const defaults = merge(GUARD_DEFAULTS, c.defaults);
  const guards: ResolvedConfig['guards'] = {};
  for (const [name, o] of Object.entries(c.guards ?? {})) guards[name] = merge(defaults, o);
  return {
    app: c.app ?? 'default',
    shop: c.shop ?? (loc?.hostname || 'unknown'),
    page: c.page ?? detectPage(loc?.pathname ?? '/'),
    publicKey: c.publicKey,
    collector: c.collector?.replace(/\/+$/, ''),
    defaults,
    guards,
    beacons: merge(BEACON_DEFAULTS, c.beacons),
    status: merge(STATUS_DEFAULTS, c.status),
    banner: merge(BANNER_DEFAULTS, c.banner),
    storageName: c.storageName ?? 'lifeboat',
    debug: !!c.debug,
    problems,
  };
}

// Removes what a problem names (`config.guards.cart.timeout`); for unknown fields, the schema
// names the object and quotes the keys. False when only dropping everything would do.
function drop(root: Obj, p: Problem): boolean {
  const keys = p.path.split('.').slice(1);
  const unknown = /^unknown fields? (.*?):/.exec(p.message);
  const names = unknown ? [...unknown[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [keys.pop()];
  if (names[0] === undefined) return false;
  let o: unknown = root;
  for (const k of keys) o = o && typeof o === 'object' ? (o as Obj)[k] : undefined;
  if (o && typeof o === 'object') for (const n of names) delete (o as Obj)[n!];
  return true;
}

/**
 * Validates and resolves a config. Bad parts are dropped and the defaults stand in for them (a typo
 * in a banner text must not cost the shop its collector); `problems` lists what was dropped.
 */
export function readConfig(input: unknown): ResolvedConfig {
  let r = validateConfig(input);
  if (r.ok) return resolveConfig(r.value);
  const problems = r.problems;
  let copy: Obj = {};
  try {
    copy = JSON.parse(JSON.stringify(input)) ?? {};
  } catch {
    // circular or exotic input: nothing of it is usable
  }
  // Two passes: dropping one bad part can reveal another (a bad guard inside a bad record).
  for (let pass = 0; pass < 2 && !r.ok; pass++) {
    for (const p of r.problems) if (!drop(copy, p)) copy = {};
    r = validateConfig(copy);
  }
  return resolveConfig(r.ok ? r.value : {}, problems);
}
