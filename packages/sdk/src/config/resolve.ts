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

/**
 * Validates and resolves a config. When it is invalid, the validator's repaired `value` (bad parts
 * dropped) is used if it gives one, else the defaults; `problems` lists what was wrong.
 */
export function readConfig(input: unknown): ResolvedConfig {
  const r = validateConfig(input);
  return r.ok ? resolveConfig(r.value) : resolveConfig((r as { value?: LifeboatConfig }).value ?? {}, r.problems);
}
