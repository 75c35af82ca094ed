import type { IncidentSettings } from '../settings.js';
import type { GuardWindow } from '../health/window.js';

/** The part of an open incident the decision needs. */
export interface OpenIncident {
  id: string;
  app: string;
  guard: string;
  openedAt: number;
  calmSince: number | null;
  peakShare: number;
  peakShops: number;
}

export type Decision =
  | { kind: 'none' }
  | { kind: 'open'; cause: 'failures' | 'breakers' }
  /** Still bad; `peak` when the share or the number of shops reached a new high worth a timeline entry. */
  | { kind: 'hold'; peak: boolean; calmSince: number | null }
  /** Below the resolve share; not yet for a full window. */
  | { kind: 'calming'; calmSince: number }
  | { kind: 'resolve' };

/** A new peak must beat the old one by this much to earn a timeline entry (no noise per tick). */
const PEAK_STEP = 0.05;

/** Whether the window trips the incident thresholds. */
export function trips(w: GuardWindow | undefined, s: IncidentSettings): 'failures' | 'breakers' | null {
  // Evidence one client cannot fake cheaply: enough calls, shops and distinct clients.
  if (!w || w.calls < s.minCalls || w.affectedShops < s.minShops || w.affectedClients < s.minClients) return null;
  if (w.attempts > 0 && w.failureShare >= s.failureShare) return 'failures';
  if (w.openShare >= s.openShare) return 'breakers';
  return null;
}

/**
 * One step of the per-guard incident state machine. Pure: the detector feeds it the window and
 * the open incident (if any) and writes what it returns.
 *
 * A window below the volume gate counts as calm: with too few calls a share says nothing, and a
 * guard whose traffic stopped (for instance because the status document opened it) must be
 * able to resolve and enter the coordinated recovery, where probes tell the truth again.
 */
export function decide(w: GuardWindow | undefined, open: OpenIncident | undefined, s: IncidentSettings, now: number): Decision {
  if (!open) {
    const cause = trips(w, s);
    return cause ? { kind: 'open', cause } : { kind: 'none' };
  }
  const enough = !!w && w.calls >= s.minCalls;
  const level = enough ? Math.max(w!.failureShare, w!.openShare) : 0;
  if (level < s.resolveShare) {
    const since = open.calmSince ?? now;
    if (now - since >= s.windowMinutes * 60_000) return { kind: 'resolve' };
    return { kind: 'calming', calmSince: since };
  }
  const peak = enough && (w!.failureShare >= open.peakShare + PEAK_STEP || w!.affectedShops > open.peakShops);
  return { kind: 'hold', peak, calmSince: null };
}
