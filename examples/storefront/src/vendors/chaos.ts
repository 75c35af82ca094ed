/** Chaos modes of a mock vendor: how its API (and for the cart app, its script) misbehaves. */

export const CHAOS_MODES = ['healthy', 'slow', 'hang', '500', 'error-200', 'script-404', 'script-throws'] as const;
export type ChaosMode = (typeof CHAOS_MODES)[number];

export interface Chaos {
  mode: ChaosMode;
  /** Delay of every API answer in 'slow' mode, in ms (default 5000). */
  ms?: number;
  /**
   * Cart app only: when it takes over the theme's cart — at script load (`load`, default), or
   * only once its backend answered (`backend`), as apps that wait for their settings do.
   */
  hijack?: Hijack;
}

export const HIJACK_STYLES = ['load', 'backend'] as const;
export type Hijack = (typeof HIJACK_STYLES)[number];

export const DEFAULT_SLOW_MS = 5000;

/** Validates a chaos setting; the error names the field and the allowed values. */
export function parseChaos(input: unknown): Chaos {
  if (!input || typeof input !== 'object') throw new TypeError(`chaos must be an object like { mode: 'hang' }, got ${JSON.stringify(input)}`);
  const { mode, ms, hijack } = input as { mode?: unknown; ms?: unknown; hijack?: unknown };
  if (typeof mode !== 'string' || !(CHAOS_MODES as readonly string[]).includes(mode)) {
    throw new TypeError(`chaos.mode must be one of ${CHAOS_MODES.join(', ')}; got ${JSON.stringify(mode)}`);
  }
  const out: Chaos = { mode: mode as ChaosMode };
  if (ms !== undefined && ms !== '' && ms !== null) {
    const n = Number(ms);
    if (!Number.isFinite(n) || n < 0 || n > 600_000) throw new TypeError(`chaos.ms must be a number of milliseconds from 0 to 600000; got ${JSON.stringify(ms)}`);
    out.ms = n;
  }
  if (hijack !== undefined && hijack !== '' && hijack !== null) {
    if (!(HIJACK_STYLES as readonly unknown[]).includes(hijack)) throw new TypeError(`chaos.hijack must be one of ${HIJACK_STYLES.join(', ')}; got ${JSON.stringify(hijack)}`);
    out.hijack = hijack as Hijack;
  }
  return out;
}

export interface RequestRecord {
  /** Path without the query string, e.g. '/smartcart.js'. */
  path: string;
  /** Path with the query string. */
  url: string;
  method: string;
  /** Epoch ms when the request arrived. */
  at: number;
}
