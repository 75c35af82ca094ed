import type { IncidentSettings } from '../settings.js';
import { DETECTOR, type GuardMode } from './modes.js';

/**
 * The probe ramp driven by the probes' own answers. A guard under the detector's probe limit
 * (an incident whose automatic open was held back, or the recovery after one) admits the share
 * `probe` of page loads. Those that run are the fleet's probes: when the calls reported since the
 * limit last changed succeeded, the limit moves one step up `recoverySteps`; when they failed, it
 * drops back to the first step. A clock alone cannot tell a backend that is back from one that is
 * still at a tenth of its capacity; the probes can.
 */

/** What reached the collector since the limit last changed: calls that ran, and those that failed. */
export interface RampEvidence {
  attempts: number;
  bad: number;
}

export type RampMove = { kind: 'up'; probe: number } | { kind: 'done' } | { kind: 'down'; probe: number } | { kind: 'wait' };

/**
 * Time a step holds before its evidence may move it up, and the span of that evidence (the
 * calls that reached the collector in the last RAMP_DWELL_MS): the beacons of the page loads
 * admitted at the new share must have arrived (the SDK's transport flushes every 30 s), and
 * failures from before the backend came back must not hold the ramp down for ever. A failing
 * step drops back as soon as enough calls show it.
 */
export const RAMP_DWELL_MS = 30_000;

/** Cumulative counts of one guard, sampled at each tick since its limit last changed. */
export interface RampSample extends RampEvidence {
  at: number;
}

/**
 * The evidence of the last RAMP_DWELL_MS from the samples (oldest first, the newest last): the
 * newest minus the latest sample at least that old (the first one if none is).
 */
export function recentEvidence(samples: RampSample[], now: number): RampEvidence {
  const last = samples[samples.length - 1];
  let base = samples[0];
  for (const x of samples) if (x.at <= now - RAMP_DWELL_MS) base = x;
  return { attempts: last.attempts - base.attempts, bad: last.bad - base.bad };
}

/** Whether the detector's ramp drives this row's probe share. */
export const ramping = (m: GuardMode): boolean =>
  m.setBy === DETECTOR && m.mode === 'auto' && m.incident !== null && (m.probe !== null || m.recoveryStarted !== null);

/** The ramp's position: the step the row's probe is on (the first when it has none yet). */
export function stepOf(probe: number | null, steps: number[]): number {
  if (probe === null) return 0;
  let i = 0;
  while (i < steps.length - 1 && steps[i] < probe) i++;
  return i;
}

/**
 * One decision of the ramp, pure. `since` is when the limit last changed. Too few calls say
 * nothing (`minCalls`, the incident gate): the step waits (the recovery's clock still moves it,
 * see `recoveryAt`).
 */
export function rampMove(m: GuardMode, ev: RampEvidence, s: IncidentSettings, now: number, since: number): RampMove {
  const steps = s.recoverySteps;
  const i = stepOf(m.probe, steps);
  if (ev.attempts < Math.max(1, s.minCalls)) return { kind: 'wait' };
  const share = ev.bad / ev.attempts;
  if (share >= s.failureShare) return i === 0 && m.probe !== null ? { kind: 'wait' } : { kind: 'down', probe: steps[0] };
  // Up only on clean evidence: a step whose probes still fail now and then (a backend at the
  // edge of its capacity) is where the ramp should stay, not a reason to add load.
  if (share >= s.resolveShare / 4 || now - since < RAMP_DWELL_MS) return { kind: 'wait' };
  // A recovery's last step that held is the end of it; an incident's limit stays at the top
  // step (every page load admitted) until the incident resolves.
  if (i + 1 >= steps.length) return m.recoveryStarted !== null ? { kind: 'done' } : { kind: 'wait' };
  return { kind: 'up', probe: steps[i + 1] };
}
