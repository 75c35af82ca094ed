import * as z from 'zod/mini';
import { toProblems, type Problem } from '@lifeboat/schema';
import type { ReportRow } from '../aggregate/rollupRows.js';
import { cleanText, REPORT_LIMITS as L } from './sanitize.js';

/** A Reporting API / Network Error Logging report as browsers POST it (an array of these). */
const ReportSchema = z.object({
  age: z._default(z.number().check(z.gte(0)), 0),
  type: z.string().check(z.minLength(1), z.maxLength(64)),
  url: z.string().check(z.maxLength(4096)),
  user_agent: z.optional(z.string().check(z.maxLength(512))),
  body: z._default(z.record(z.string(), z.unknown()), {}),
});

export const MAX_REPORTS_PER_REQUEST = 100;
const ReportsSchema = z.array(ReportSchema).check(z.minLength(1), z.maxLength(MAX_REPORTS_PER_REQUEST));

/** Origin + path only: query strings and fragments may carry personal data. */
export function stripQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

function sanitize(v: unknown, depth = 0): unknown {
  if (typeof v === 'string') return cleanText(/^[a-z][a-z0-9+.-]*:\/\//i.test(v) ? stripQuery(v) : v, L.bodyString);
  if (v === null || typeof v !== 'object') return v;
  // Deeper than a real report ever is: keep a marker, not the subtree.
  if (depth > 4) return '…';
  if (Array.isArray(v)) return v.slice(0, 50).map((x) => sanitize(x, depth + 1));
  const out: Record<string, unknown> = {};
  let n = 0;
  for (const [k, x] of Object.entries(v)) {
    if (n++ >= 50) break;
    out[cleanText(k, 64)] = sanitize(x, depth + 1);
  }
  return out;
}

function bodyJson(body: unknown): string {
  const text = JSON.stringify(sanitize(body));
  return text.length <= L.bodyJson ? text : JSON.stringify({ truncated: true, length: text.length });
}

/**
 * Validates a reports payload and turns it into rows: event time = receive time − age (clamped),
 * URLs in the report and its body stripped of query strings and fragments.
 */
export function parseReports(input: unknown, app: string, receivedAt: number, maxAgeMs: number): { ok: true; rows: ReportRow[] } | { ok: false; problems: Problem[] } {
  const r = ReportsSchema.safeParse(input);
  if (!r.success) return { ok: false, problems: toProblems(r.error, input, 'reports') };
  return {
    ok: true,
    rows: r.data.map((rep) => ({
      app,
      type: cleanText(rep.type, L.type),
      url: cleanText(stripQuery(rep.url), L.url),
      at: receivedAt - Math.min(Math.round(rep.age), maxAgeMs),
      userAgent: rep.user_agent === undefined ? null : cleanText(rep.user_agent, L.userAgent),
      body: bodyJson(rep.body),
    })),
  };
}
