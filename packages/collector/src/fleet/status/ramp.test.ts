import { describe, expect, it } from 'vitest';
import { INCIDENT_DEFAULTS } from '../settings.js';
import type { GuardMode } from './modes.js';
import { rampMove, recentEvidence, RAMP_DWELL_MS, stepOf } from './ramp.js';

const s = { ...INCIDENT_DEFAULTS, recoverySteps: [0.1, 0.5, 1], minCalls: 50, failureShare: 0.5, resolveShare: 0.2 };
const row = (o: Partial<GuardMode>): GuardMode => ({
  app: 'a', guard: 'cart', mode: 'auto', reason: 'Incident inc_1', incident: 'inc_1', probe: 0.1, banner: null, setBy: 'incident', updatedAt: 0, recoveryStarted: null, ...o,
});

describe('probe ramp', () => {
  it('moves up one step on clean evidence once the step has held, never sooner', () => {
    expect(rampMove(row({}), { attempts: 100, bad: 0 }, s, RAMP_DWELL_MS - 1, 0)).toEqual({ kind: 'wait' });
    expect(rampMove(row({}), { attempts: 100, bad: 0 }, s, RAMP_DWELL_MS, 0)).toEqual({ kind: 'up', probe: 0.5 });
    expect(rampMove(row({ probe: 0.5 }), { attempts: 100, bad: 4 }, s, RAMP_DWELL_MS, 0)).toEqual({ kind: 'up', probe: 1 });
  });
  it('stays on a step whose probes still fail now and then, and without enough calls', () => {
    expect(rampMove(row({ probe: 0.5 }), { attempts: 100, bad: 10 }, s, 10 * RAMP_DWELL_MS, 0)).toEqual({ kind: 'wait' });
    expect(rampMove(row({}), { attempts: 49, bad: 0 }, s, 10 * RAMP_DWELL_MS, 0)).toEqual({ kind: 'wait' });
  });
  it('drops back to the first step when the probes fail, at once', () => {
    expect(rampMove(row({ probe: 1 }), { attempts: 60, bad: 30 }, s, 1, 0)).toEqual({ kind: 'down', probe: 0.1 });
    expect(rampMove(row({ probe: 0.1 }), { attempts: 60, bad: 60 }, s, 1, 0)).toEqual({ kind: 'wait' });
  });
  it("ends a recovery whose top step held; an incident's limit waits at the top for the incident to resolve", () => {
    expect(rampMove(row({ probe: 1, recoveryStarted: 0 }), { attempts: 100, bad: 0 }, s, RAMP_DWELL_MS, 0)).toEqual({ kind: 'done' });
    expect(rampMove(row({ probe: 1 }), { attempts: 100, bad: 0 }, s, RAMP_DWELL_MS, 0)).toEqual({ kind: 'wait' });
  });
  it('reads the evidence of the last RAMP_DWELL_MS from cumulative samples', () => {
    const samples = [
      { at: 0, attempts: 0, bad: 0 },
      { at: 10_000, attempts: 500, bad: 500 },
      { at: 40_000, attempts: 600, bad: 510 },
    ];
    expect(recentEvidence(samples, 40_000)).toEqual({ attempts: 100, bad: 10 });
    expect(recentEvidence(samples.slice(0, 2), 10_000)).toEqual({ attempts: 500, bad: 500 });
    expect(stepOf(null, s.recoverySteps)).toBe(0);
    expect(stepOf(0.5, s.recoverySteps)).toBe(1);
    expect(stepOf(0.3, s.recoverySteps)).toBe(1);
  });
});
