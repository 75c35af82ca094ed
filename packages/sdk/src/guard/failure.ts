import type { RunOptions } from '../types.js';

type Err = { name?: unknown; status?: unknown; code?: unknown } | null | undefined;

/** Whether an error counts against the breaker: the caller's `isFailure` decides (a throwing one counts). */
export function counts(error: unknown, options: RunOptions<unknown> | undefined): boolean {
  const f = options?.isFailure;
  if (!f) return true;
  try {
    return f(error) !== false;
  } catch {
    return true;
  }
}

/**
 * Errors worth another attempt: a network failure (`fetch` rejects with a TypeError), or an error
 * carrying an HTTP `status` of 5xx or 429. Never aborts or timeouts: the budget is spent.
 */
export function retryable(error: unknown): boolean {
  const e = error as Err;
  if (!e || e.name === 'AbortError' || e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') return false;
  if (typeof e.status === 'number') return e.status >= 500 || e.status === 429;
  return e.name === 'TypeError';
}
