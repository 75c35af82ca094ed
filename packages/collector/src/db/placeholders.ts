/**
 * SQLite speaks `?` (positional) or `$name` (bound from an object); our SQL uses PostgreSQL's
 * `$1, $2`. When the numbers appear once each, in order, we rewrite to `?` and bind the array as
 * is (the fast path for inserts); otherwise we keep `$n` and bind an object keyed by number.
 */
export interface Rewritten {
  sql: string;
  positional: boolean;
}

export function rewritePlaceholders(sql: string): Rewritten {
  const seen: number[] = [];
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      out += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      out += c;
      continue;
    }
    if (c === '$' && /[0-9]/.test(sql[i + 1] ?? '')) {
      let j = i + 1;
      while (j < sql.length && /[0-9]/.test(sql[j])) j++;
      seen.push(Number(sql.slice(i + 1, j)));
      out += `\u0000${sql.slice(i + 1, j)}\u0000`;
      i = j - 1;
      continue;
    }
    out += c;
  }
  const positional = seen.every((n, k) => n === k + 1);
  // eslint-disable-next-line no-control-regex
  const sqlOut = out.replace(/\u0000(\d+)\u0000/g, (_m, n: string) => (positional ? '?' : `$${n}`));
  return { sql: sqlOut, positional };
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; we map the rest. */
export function toSqliteValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.getTime();
  if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}
