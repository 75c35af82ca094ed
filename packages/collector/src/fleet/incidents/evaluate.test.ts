import { describe, expect, it } from 'vitest';
import { decide, trips, type OpenIncident } from './evaluate.js';
import { INCIDENT_DEFAULTS } from '../settings.js';
import type { GuardWindow } from '../health/window.js';

const s = { ...INCIDENT_DEFAULTS, windowMinutes: 2, failureShare: 0.5, openShare: 0.3, minCalls: 50, minShops: 3, resolveShare: 0.2 };
const win = (o: Partial<GuardWindow>): GuardWindow => {
  const w = { app: 'a', guard: 'cart', attempts: 100, bad: 0, reject: 0, calls: 100, shops: 5, affectedShops: 0, openShops: 0, clients: 5, affectedClients: 5, failureShare: 0, openShare: 0, ...o };
  return w;
};
const inc = (o: Partial<OpenIncident> = {}): OpenIncident => ({ id: 'inc_1', app: 'a', guard: 'cart', openedAt: 0, calmSince: null, peakShare: 0.6, peakShops: 4, ...o });

describe('trips', () => {
  it('opens on the failure share with enough calls and affected shops', () => {
    expect(trips(win({ failureShare: 0.5, affectedShops: 3 }), s)).toBe('failures');
  });
  it('needs the volume and the shops', () => {
    expect(trips(win({ failureShare: 0.9, affectedShops: 3, calls: 49 }), s)).toBeNull();
    expect(trips(win({ failureShare: 0.9, affectedShops: 2 }), s)).toBeNull();
    expect(trips(win({ failureShare: 0.49, affectedShops: 5 }), s)).toBeNull();
  });
  it('needs distinct clients: one machine claiming many shops is one witness', () => {
    expect(trips(win({ failureShare: 0.9, affectedShops: 5, affectedClients: 1 }), s)).toBeNull();
    expect(trips(win({ failureShare: 0.9, affectedShops: 5, affectedClients: 2 }), s)).toBeNull();
    expect(trips(win({ failureShare: 0.9, affectedShops: 5, affectedClients: 3 }), s)).toBe('failures');
  });
  it('opens on the share of shops whose breaker opened', () => {
    expect(trips(win({ attempts: 0, reject: 100, calls: 100, openShare: 0.3, affectedShops: 3 }), s)).toBe('breakers');
  });
  it('does nothing without a window', () => {
    expect(decide(undefined, undefined, s, 0)).toEqual({ kind: 'none' });
  });
});

describe('decide with an open incident', () => {
  it('holds while bad, marking a new peak', () => {
    expect(decide(win({ failureShare: 0.7, affectedShops: 4 }), inc(), s, 1000)).toEqual({ kind: 'hold', peak: true, calmSince: null });
    expect(decide(win({ failureShare: 0.6, affectedShops: 4 }), inc(), s, 1000)).toEqual({ kind: 'hold', peak: false, calmSince: null });
  });
  it('resolves only after a full calm window', () => {
    const calm = win({ failureShare: 0.1, affectedShops: 1 });
    expect(decide(calm, inc(), s, 10_000)).toEqual({ kind: 'calming', calmSince: 10_000 });
    expect(decide(calm, inc({ calmSince: 10_000 }), s, 10_000 + 119_999)).toEqual({ kind: 'calming', calmSince: 10_000 });
    expect(decide(calm, inc({ calmSince: 10_000 }), s, 10_000 + 120_000)).toEqual({ kind: 'resolve' });
  });
  it('a relapse above the resolve share restarts the calm period', () => {
    expect(decide(win({ failureShare: 0.25, affectedShops: 3 }), inc({ calmSince: 5 }), s, 100)).toMatchObject({ kind: 'hold', calmSince: null });
  });
  it('no traffic counts as calm (the guard may have been opened by the status document)', () => {
    expect(decide(undefined, inc(), s, 7)).toEqual({ kind: 'calming', calmSince: 7 });
  });
});
