/** The send succeeded (2xx): remove the batch. */
export const SENT = -1;
/** The collector refused the batch for good (4xx other than 408/429): drop it, never retry. */
export const DROP = -2;

const HOUR = 3_600_000;
/** Fetch keepalive shares a 64 KiB in-flight quota per page; stay under it as Sentry and OTel do. */
const KEEPALIVE_BYTES = 60 * 1024;
let inflight = 0;

/** ms to wait before attempt `k + 1` after `k` failures: 5 s doubling to 1 h, with jitter so browsers spread out. */
export const backoff = (k: number) => Math.min(HOUR, 5000 * 2 ** Math.max(0, k - 1) * (1 + Math.random() / 2));

/** `Retry-After` in ms (seconds or an HTTP date), capped at a day; undefined when absent or unreadable. */
export function retryAfter(v: string | null): number | undefined {
  const ms = v ? (+v >= 0 ? +v * 1000 : Date.parse(v) - Date.now()) : NaN;
  return ms >= 0 ? Math.min(ms, 24 * HOUR) : undefined;
}

/**
 * POSTs a batch with fetch and tells what to do with it: {@link SENT}, {@link DROP}, or the
 * minimum ms to wait before retrying (0 when the answer did not say: network error, timeout, 5xx).
 * `keepalive` while the page's in-flight keepalive bytes allow, so a navigation does not cancel
 * it; the body is a string, so the type is text/plain and no CORS preflight is needed.
 */
export async function post(url: string, body: string, timeout = 10_000): Promise<number> {
  const keepalive = inflight + body.length < KEEPALIVE_BYTES;
  if (keepalive) inflight += body.length;
  try {
    const r = await fetch(url, { method: 'POST', body, keepalive, credentials: 'omit', signal: AbortSignal.timeout?.(timeout) });
    const s = r.status;
    if (s < 300) return SENT;
    if (s < 500 && s !== 408 && s !== 429) return DROP;
    // A bare 429 means a minute (what Sentry's clients assume).
    return retryAfter(r.headers.get('retry-after')) ?? (s === 429 ? 60_000 : 0);
  } catch {
    return 0;
  } finally {
    if (keepalive) inflight -= body.length;
  }
}
