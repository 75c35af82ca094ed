/** Chaos modes of a mock vendor: how its API (and for the cart app, its script) misbehaves. */

export const CHAOS_MODES = ['healthy', 'slow', 'hang', '500', 'error-200', 'script-404', 'script-throws'] as const;
export type ChaosMode = (typeof CHAOS_MODES)[number];

export interface Chaos {
  mode: ChaosMode;
  /** Delay of every API answer in 'slow' mode, in ms (default 5000). */
  ms?: number;
}

export const DEFAULT_SLOW_MS = 5000;

/** Validates a chaos setting; the error names the field and the allowed values. */
export function parseChaos(input: unknown): Chaos {
  if (!input || typeof input !== 'object') throw new TypeError(`chaos must be an object like { mode: 'hang' }, got ${JSON.stringify(input)}`);
  const { mode, ms } = input as { mode?: unknown; ms?: unknown };
  if (typeof mode !== 'string' || !(CHAOS_MODES as readonly string[]).includes(mode)) {
    throw new TypeError(`chaos.mode must be one of ${CHAOS_MODES.join(', ')}; got ${JSON.stringify(mode)}`);
  }
  if (ms !== undefined && ms !== '' && ms !== null) {
    const n = Number(ms);
    if (!Number.isFinite(n) || n < 0 || n > 600_000) throw new TypeError(`chaos.ms must be a number of milliseconds from 0 to 600000; got ${JSON.stringify(ms)}`);
    return { mode: mode as ChaosMode, ms: n };
  }
  return { mode: mode as ChaosMode };
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
