/** The session as /dashboard/session gives it. */
export interface Session {
  role: 'read' | 'admin';
  now?: number;
  actor: string;
  expires: number;
  csrf: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrf = '';
/** Collector clock minus this browser's, from the last session answer. */
let skew = 0;

/** Now on the collector's clock: ranges and durations use it, so a wrong laptop clock does not shift the charts. */
export const serverNow = () => Date.now() + skew;
/** Records the collector's clock from a session answer. */
export const setServerTime = (now: unknown) => void (typeof now === 'number' && Number.isFinite(now) && (skew = now - Date.now()));
let onSignedOut: () => void = () => {};

export const setSession = (s: Session | null) => void (csrf = s?.csrf ?? '');
export const whenSignedOut = (fn: () => void) => void (onSignedOut = fn);

/**
 * Same-origin requests with the session cookie (the browser adds it; the page never sees it).
 * Changes carry the session's CSRF token. A 401 means the session ended: back to sign-in.
 */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET') headers['x-lifeboat-csrf'] = csrf;
  const res = await fetch(path, { method, headers, credentials: 'same-origin', body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as { message?: string };
  if (!res.ok) {
    if (res.status === 401 && !path.startsWith('/dashboard/session')) onSignedOut();
    throw new ApiError(res.status, body.message ?? `HTTP ${res.status}`);
  }
  return body as T;
}

export const q = (params: Record<string, string | number | undefined>) =>
  Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
