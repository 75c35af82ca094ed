import type { LifeboatConfig, Parsed, Problem } from '@lifeboat/schema/lite';

type Obj = Record<string, unknown>;

// Removes what a problem names (`config.guards.cart.timeout`); for unknown fields, the schema
// names the object and quotes the keys. False when only dropping everything would do.
function drop(root: Obj, p: Problem): boolean {
  const keys = p.path.split('.').slice(1);
  const unknown = /^unknown fields? (.*?)(?::|$)/.exec(p.message);
  const names = unknown ? [...unknown[1].matchAll(/"([^"]+)"/g)].map((m) => m[1]) : [keys.pop()];
  if (names[0] === undefined) return false;
  let o: unknown = root;
  for (const k of keys) o = o && typeof o === 'object' ? (o as Obj)[k] : undefined;
  if (o && typeof o === 'object') for (const n of names) delete (o as Obj)[n!];
  return true;
}

/**
 * The input without its bad parts, so the defaults stand in for them only (a typo in a banner
 * text must not cost the shop its collector). `{}` when nothing of it is usable.
 */
export function repair(input: unknown, problems: Problem[], validate: (i: unknown) => Parsed<LifeboatConfig>): LifeboatConfig {
  let copy: Obj = {};
  try {
    copy = JSON.parse(JSON.stringify(input)) ?? {};
  } catch {
    // circular or exotic input: nothing of it is usable
  }
  // Dropping one bad part can reveal another (a bad guard inside a bad record), and the cheap
  // check names one unknown field per object at a time.
  for (let pass = 0; pass < 10; pass++) {
    for (const p of problems) if (!drop(copy, p)) copy = {};
    const r = validate(copy);
    if (r.ok) return r.value;
    problems = r.problems;
  }
  return {};
}
