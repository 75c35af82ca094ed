import type * as z from 'zod/mini';

/** One problem found in an input, addressed by its path (`guards.cart.timeout`). */
export interface Problem {
  path: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/**
 * A short rendering of the value a problem is about. Never throws: a hostile input may be nested
 * too deep for JSON.stringify (RangeError) or be huge; either way a short hint is enough.
 */
const describe = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  try {
    const text = JSON.stringify(v) ?? typeof v;
    return text.length > 80 ? `${text.slice(0, 80)}…` : text;
  } catch {
    return Array.isArray(v) ? 'an array nested too deep to show' : `${typeof v} nested too deep to show`;
  }
};

function at(input: unknown, path: PropertyKey[]): unknown {
  let v = input as Record<PropertyKey, unknown> | undefined;
  for (const k of path) v = v && typeof v === 'object' ? (v[k] as Record<PropertyKey, unknown>) : undefined;
  return v;
}

/** zod/mini ships no locale (to stay small), so the sentences are ours. */
function explain(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}: remove ${issue.keys.length > 1 ? 'them' : 'it'} or check the spelling`;
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'a whole number' : /^[aeiou]/.test(issue.expected) ? `an ${issue.expected}` : `a ${issue.expected}`}`;
    case 'too_big':
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${issue.maximum}${issue.origin === 'string' ? ' characters long' : issue.origin === 'array' ? ' items' : ''}`;
    case 'too_small':
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${issue.minimum}${issue.origin === 'string' ? ' characters long' : issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue ? `must match ${String(issue.pattern)}` : `must be a valid ${issue.format}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes (check its "type")';
    case 'invalid_key':
      return 'has an invalid key';
    default:
      return issue.message || 'is invalid';
  }
}

/**
 * Turns zod's issues into lines a person can act on: the field, what it must be, and what it got.
 * `root` prefixes every path, e.g. `config`.
 */
export function toProblems(error: z.core.$ZodError, input: unknown, root = ''): Problem[] {
  return error.issues.map((issue) => {
    const path = [root, ...issue.path.map(String)].filter(Boolean).join('.') || root || '(root)';
    const got = describe(at(input, issue.path));
    return { path, message: issue.code === 'unrecognized_keys' ? explain(issue) : `${explain(issue)} (got ${got})` };
  });
}

/** Validates `input` with `schema` and reports every problem instead of throwing. */
export function safeParseWith<S extends z.ZodMiniType>(schema: S, input: unknown, root = ''): Parsed<z.infer<S>> {
  const r = schema.safeParse(input);
  return r.success ? { ok: true, value: r.data as z.infer<S> } : { ok: false, problems: toProblems(r.error, input, root) };
}

/** One readable block for a console or an HTTP 400 body. */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}
