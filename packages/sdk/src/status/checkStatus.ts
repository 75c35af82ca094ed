import { NAME_PATTERN } from '@lifeboat/schema/lite';
import type { GuardStatus, StatusDocument } from '../types.js';

const MODES = ['auto', 'open', 'closed'];
const text = (v: unknown, max: number) => (typeof v == 'string' ? v.slice(0, max) : undefined);

/**
 * A status document as the SDK can trust it, or undefined when it is not one (`v` is not 1, no
 * `guards`). Checked by hand, not with zod, to keep zod out of the per-page loader. Bad entries
 * are left out one by one: a guard the fleet names wrongly stays under the browser's judgement.
 */
export function checkStatus(x: unknown): StatusDocument | undefined {
  const d = x as Record<string, unknown> | null;
  if (!d || d.v !== 1 || !d.guards || typeof d.guards != 'object') return undefined;
  const guards: Record<string, GuardStatus> = {};
  for (const [name, raw] of Object.entries(d.guards)) {
    const g = raw as Record<string, unknown> | null;
    if (NAME_PATTERN.test(name) && g && MODES.includes(g.mode as string))
      guards[name] = {
        mode: g.mode as GuardStatus['mode'],
        reason: text(g.reason, 200),
        banner: text(g.banner, 200),
        incident: g.incident === null ? null : text(g.incident, 64),
        probe: typeof g.probe == 'number' && g.probe >= 0 && g.probe <= 1 ? g.probe : undefined,
      };
  }
  return { v: 1, generatedAt: +(d.generatedAt as number) || 0, guards };
}
