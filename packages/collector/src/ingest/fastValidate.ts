import {
  BREAKER_STATES,
  FALLBACK_REASONS,
  KEY_PATTERN,
  LATENCY_SLOTS,
  MAX_EPOCH_MS,
  MAX_EVENT_AGE_MS,
  MAX_EVENTS_PER_BATCH,
  MIN_SAMPLE_RATE,
  NAME_PATTERN,
  OUTCOMES,
  PAGE_TYPES,
  SHOP_PATTERN,
  TRANSITION_REASONS,
  parseBeaconBatch,
  type BeaconBatch,
  type Parsed,
} from '@lifeboat/schema';

/*
 * The zod schema is the definition of a valid batch; parsing a 20-event batch with it costs
 * ~70 µs, which alone would cap one core near 280k events/s. This hand-written check accepts only
 * what the schema accepts (it is stricter where that is simpler) and answers in a few µs. Anything
 * it does not accept goes to zod, which has the final word and writes the problems for the 400.
 * fastValidate.test.ts checks the "never accepts what zod rejects" direction on mutated fixtures.
 */

const isInt = (v: unknown, min: number, max: number): boolean =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
// Guard and app names repeat in nearly every event: remember the ones that passed the regex.
const knownNames = new Set<string>();
const isName = (v: unknown): boolean => {
  if (typeof v !== 'string') return false;
  if (knownNames.has(v)) return true;
  if (!NAME_PATTERN.test(v)) return false;
  if (knownNames.size >= 4096) knownNames.clear();
  knownNames.add(v);
  return true;
};
const isCount = (v: unknown): boolean => isInt(v, 0, 1_000_000);
const oneOf = (list: readonly string[]) => (v: unknown) => typeof v === 'string' && list.includes(v);
const isBreakerState = oneOf(BREAKER_STATES);
const isTransitionReason = oneOf(TRANSITION_REASONS);
const isFallbackReason = oneOf(FALLBACK_REASONS);
const isPage = oneOf(PAGE_TYPES);
const SDK_PATTERN = /^[0-9A-Za-z.+-]{1,32}$/;
const CODE_PATTERN = /^[a-z0-9-]{1,64}$/;

type Obj = Record<string, unknown>;

/** A summary's fields without `rate`: type, age, guard, one count per outcome, latency. */
const CALLS_KEYS = 3 + OUTCOMES.length + 1;

function calls(e: Obj): boolean {
  if (!isName(e.guard)) return false;
  // Every outcome of OUTCOMES is checked, so the key count below can follow it too.
  for (let i = 0; i < OUTCOMES.length; i++) if (!isCount(e[OUTCOMES[i]])) return false;
  const l = e.latency;
  if (!Array.isArray(l) || l.length !== LATENCY_SLOTS) return false;
  for (let i = 0; i < LATENCY_SLOTS; i++) if (!isCount(l[i])) return false;
  let keys = CALLS_KEYS;
  if (e.rate !== undefined) {
    const r = e.rate;
    if (typeof r !== 'number' || !(r >= MIN_SAMPLE_RATE && r <= 1)) return false;
    keys = CALLS_KEYS + 1;
  } else if ('rate' in e) return false;
  // Every allowed key was checked above, so the right count means no unknown field.
  return countKeys(e) === keys;
}

/** Own enumerable keys (JSON.parse output has no inherited ones). */
function countKeys(o: Obj): number {
  let n = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  for (const _k in o) n++;
  return n;
}

function event(e: unknown): boolean {
  if (e === null || typeof e !== 'object' || Array.isArray(e) || Object.getPrototypeOf(e) !== Object.prototype) return false;
  const o = e as Obj;
  if (!isInt(o.age, 0, MAX_EVENT_AGE_MS)) return false;
  switch (o.type) {
    case 'calls':
      return calls(o);
    case 'transition':
      return countKeys(o) === 6 && isName(o.guard) && isBreakerState(o.from) && isBreakerState(o.to) && isTransitionReason(o.reason);
    case 'fallback': {
      const n = countKeys(o);
      if (!isName(o.guard) || !isFallbackReason(o.reason)) return false;
      return o.served === undefined ? n === 4 && !('served' in o) : n === 5 && isName(o.served);
    }
    case 'ready':
      return countKeys(o) === 5 && isName(o.widget) && isInt(o.ms, 0, 600_000) && typeof o.ok === 'boolean';
    default:
      // banner and sdk-error are rare: zod checks them.
      return false;
  }
}

const BATCH_KEYS = 8;

/** True only if `x` is a valid beacon batch (never true for one the schema refuses). */
export function fastValidateBatch(x: unknown): x is BeaconBatch {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) return false;
  const b = x as Obj;
  if (countKeys(b) !== BATCH_KEYS) return false;
  if (b.v !== 1 || typeof b.id !== 'string' || !KEY_PATTERN.test(b.id)) return false;
  if (!isInt(b.sentAt, 0, MAX_EPOCH_MS) || !isName(b.app)) return false;
  if (typeof b.shop !== 'string' || !SHOP_PATTERN.test(b.shop) || !isPage(b.page)) return false;
  if (typeof b.sdk !== 'string' || !SDK_PATTERN.test(b.sdk)) return false;
  const ev = b.events;
  if (!Array.isArray(ev) || ev.length < 1 || ev.length > MAX_EVENTS_PER_BATCH) return false;
  for (let i = 0; i < ev.length; i++) if (!event(ev[i])) return false;
  return true;
}

/** The fast check, then zod for everything else (and for the problems of a bad batch). */
export function validateBatch(x: unknown): Parsed<BeaconBatch> {
  if (fastValidateBatch(x)) return { ok: true, value: x };
  return parseBeaconBatch(x);
}
