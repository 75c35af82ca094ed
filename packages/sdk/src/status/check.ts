import { NAME_PATTERN } from '../../../schema/src/limits.js';
import type { GuardStatus, StatusDocument } from '../types.js';

const MODES = ['auto', 'open', 'closed'];
const text = (v: unknown) => (typeof v == 'string' ? v.slice(0, 200) : undefined);

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
    if (!NAME_PATTERN.test(name) || !g || !MODES.includes(g.mode as string)) continue;
    const s: GuardStatus = { mode: g.mode as GuardStatus['mode'] };
    if (text(g.reason) !== undefined) s.reason = text(g.reason);
    if (text(g.banner) !== undefined) s.banner = text(g.banner);
    if (g.incident === null || typeof g.incident == 'string') s.incident = g.incident && g.incident.slice(0, 64);
    if (typeof g.probe == 'number' && g.probe >= 0 && g.probe <= 1) s.probe = g.probe;
    guards[name] = s;
  }
  return { v: 1, generatedAt: typeof d.generatedAt == 'number' ? d.generatedAt : 0, guards };
}
