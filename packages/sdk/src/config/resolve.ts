import { BEACON_DEFAULTS, checkConfig, GUARD_DEFAULTS, STATUS_DEFAULTS, type LifeboatConfig, type Parsed, type Problem } from '@lifeboat/schema/lite';
import type { ResolvedConfig } from '../types.js';
import { detectPage } from './page.js';
import { repair } from './repair.js';

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
    // No default text: the notice (in @lifeboat/shopify) picks the built-in one in the page's language.
    banner: merge({ enabled: true }, c.banner),
    storageName: c.storageName ?? 'lifeboat',
    debug: !!c.debug,
    problems,
  };
}

/**
 * A config reader from a check (the cheap one or zod's, one of the core's parts). When the config
 * is invalid, the bad parts the check names are dropped and the defaults stand in for them only
 * (a typo in a banner text must not cost the shop its collector); `problems` lists what was wrong.
 *
 * @example
 * ```ts
 * const read = readWith(checkConfigParsed);
 * read({ guards: { cart: { timeout: -1 } } }).problems; // [{ path: 'config.guards.cart.timeout', … }]
 * ```
 */
export const readWith =
  (check: (input: unknown) => Parsed<LifeboatConfig>) =>
  (input: unknown): ResolvedConfig => {
    if (input === undefined) return resolveConfig({});
    const r = check(input);
    return r.ok ? resolveConfig(r.value) : resolveConfig(repair(input, r.problems, check), r.problems);
  };

/** The reader for a config checked already (the Shopify loader checks the script tag's JSON itself). */
export const checkedConfig = (input: unknown): ResolvedConfig => resolveConfig((input ?? {}) as LifeboatConfig);

/** The cheap check (`checkConfig`: no zod, same verdict and paths) in the shape `readWith` takes. */
export const quickCheck = (input: unknown): Parsed<LifeboatConfig> => {
  const problems = checkConfig(input);
  return problems.length ? { ok: false, problems } : { ok: true, value: input as LifeboatConfig };
};

/** `createLifeboat`'s reader: the cheap check; `@lifeboat/sdk/validate`'s `readConfig` has zod's explanations. */
export const quickConfig: (input: unknown) => ResolvedConfig = readWith(quickCheck);
