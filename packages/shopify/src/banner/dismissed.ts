/**
 * Whether the shopper dismissed the notice in this browsing session: sessionStorage (per tab,
 * survives navigations), and memory for this page when storage is blocked, full or throws.
 */
const inMemory = new Set<string>();

const session = (): Storage | undefined => {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
};

/** True when the notice `key` was dismissed earlier in this session (or on this page). */
export function isDismissed(key: string): boolean {
  if (inMemory.has(key)) return true;
  try {
    return session()?.getItem(key) === '1';
  } catch {
    return false;
  }
}

/** Remembers a dismissal for the session; never throws. */
export function rememberDismissed(key: string): void {
  inMemory.add(key);
  try {
    session()?.setItem(key, '1');
  } catch {}
}

/** Tests only: forget what this page remembered. */
export function forgetDismissals(): void {
  inMemory.clear();
}
