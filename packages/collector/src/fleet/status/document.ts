import type { GuardStatus, StatusDocument } from '@lifeboat/schema';
import { isPlain, type GuardMode } from './modes.js';
import { stepOf } from './ramp.js';

export interface Recovery {
  steps: number[];
  stepMs: number;
}

/**
 * Where a guard's coordinated recovery stands at `now`: the probe fraction and since when, or done.
 * `started` is when step `from` began. The clock is the slowest pace: without evidence a step
 * lasts `stepMs`; successful probes move it sooner (ramp.ts), failed ones send it back.
 */
export function recoveryAt(started: number, now: number, r: Recovery, from = 0): { probe: number; since: number } | { done: true; since: number } {
  const step = from + Math.max(0, Math.floor((now - started) / r.stepMs));
  if (step >= r.steps.length) return { done: true, since: started + (r.steps.length - from) * r.stepMs };
  return { probe: r.steps[step], since: started + (step - from) * r.stepMs };
}

/** {@link recoveryAt} of a row: from the step its probe is on, since that step was written. */
export function rowRecoveryAt(m: GuardMode, now: number, r: Recovery) {
  return m.probe === null ? recoveryAt(m.recoveryStarted!, now, r) : recoveryAt(m.updatedAt, now, r, stepOf(m.probe, r.steps));
}

/**
 * Builds the status document of one app from its `guard_modes` rows.
 *
 * `generatedAt` is the time the document's content last changed (0 if it never did), not the
 * time of the request: the body — and so its ETag — stays the same between changes, which is
 * what lets browsers and a CDN revalidate with 304s. A recovery step counts as a change.
 */
export function buildStatusDocument(rows: GuardMode[], now: number, r: Recovery): StatusDocument {
  const guards: Record<string, GuardStatus> = {};
  let changed = 0;
  for (const m of [...rows].sort((a, b) => (a.guard < b.guard ? -1 : a.guard > b.guard ? 1 : 0))) {
    changed = Math.max(changed, m.updatedAt);
    if (isPlain(m)) continue;
    const g: GuardStatus = { mode: m.mode };
    if (m.reason !== null) g.reason = m.reason.slice(0, 200);
    if (m.incident !== null) g.incident = m.incident;
    if (m.banner !== null) g.banner = m.banner.slice(0, 200);
    if (m.probe !== null) g.probe = m.probe;
    if (m.recoveryStarted !== null) {
      const at = rowRecoveryAt(m, now, r);
      changed = Math.max(changed, at.since);
      if ('done' in at) continue;
      g.probe = at.probe;
    }
    guards[m.guard] = g;
  }
  return { v: 1, generatedAt: changed, guards };
}
