import { describe, expect, it } from 'vitest';
import { parseStatusDocument } from '@lifeboat/schema';
import { buildStatusDocument, recoveryAt } from './document.js';
import type { GuardMode } from './modes.js';

const r = { steps: [0.1, 0.5, 1], stepMs: 60_000 };
const row = (o: Partial<GuardMode>): GuardMode => ({
  app: 'a', guard: 'cart', mode: 'auto', reason: null, incident: null, probe: null, banner: null, setBy: 'incident', updatedAt: 1000, recoveryStarted: null, ...o,
});

describe('status document', () => {
  it('is valid v1, leaves plain rows out and dates itself by the last change', () => {
    const doc = buildStatusDocument([row({ guard: 'recs', updatedAt: 5000 }), row({ mode: 'open', reason: 'down', banner: 'Basic mode', incident: 'inc_1', updatedAt: 2000 })], 9_999_999, r);
    expect(parseStatusDocument(doc).ok).toBe(true);
    expect(doc).toEqual({ v: 1, generatedAt: 5000, guards: { cart: { mode: 'open', reason: 'down', banner: 'Basic mode', incident: 'inc_1' } } });
  });
  it('ramps the probe fraction during recovery, then drops the guard', () => {
    const m = row({ reason: 'recovering', incident: 'inc_1', recoveryStarted: 100_000, updatedAt: 100_000 });
    expect(buildStatusDocument([m], 100_000, r).guards.cart.probe).toBe(0.1);
    expect(buildStatusDocument([m], 160_000, r)).toMatchObject({ generatedAt: 160_000, guards: { cart: { probe: 0.5 } } });
    expect(buildStatusDocument([m], 239_999, r).guards.cart.probe).toBe(1);
    expect(buildStatusDocument([m], 280_000, r)).toEqual({ v: 1, generatedAt: 280_000, guards: {} });
    expect(recoveryAt(0, 180_000, r)).toEqual({ done: true, since: 180_000 });
  });
  it('is empty with generatedAt 0 for an app that never had a mode', () => {
    expect(buildStatusDocument([], 123, r)).toEqual({ v: 1, generatedAt: 0, guards: {} });
  });
});
