import { Gauge, type Registry } from 'prom-client';
import type { GuardWindow } from './window.js';

export interface FleetGauges {
  update(windows: GuardWindow[], open: { app: string; guard: string }[]): void;
}

function gauge(registry: Registry, name: string, help: string): Gauge<'app' | 'guard'> {
  const existing = registry.getSingleMetric(name);
  if (existing) return existing as Gauge<'app' | 'guard'>;
  return new Gauge({ name, help, labelNames: ['app', 'guard'] as const, registers: [registry] });
}

/**
 * Per-guard fleet health on `/metrics`. Every process computes them from the shared tables on
 * each evaluation tick (not only the leader), so any instance Prometheus scrapes tells the truth.
 */
export function fleetGauges(registry: Registry): FleetGauges {
  const share = gauge(registry, 'lifeboat_guard_failure_share', 'Share of calls that failed or timed out across shops over the incident window (0..1).');
  const calls = gauge(registry, 'lifeboat_guard_calls', 'Calls (attempts + rejects) across shops over the incident window.');
  const open = gauge(registry, 'lifeboat_incident_open', '1 while a fleet-wide incident is open for the guard, else 0.');
  return {
    update(windows, incidents) {
      share.reset();
      calls.reset();
      open.reset();
      for (const w of windows) {
        share.set({ app: w.app, guard: w.guard }, w.failureShare);
        calls.set({ app: w.app, guard: w.guard }, w.calls);
        open.set({ app: w.app, guard: w.guard }, 0);
      }
      for (const i of incidents) open.set({ app: i.app, guard: i.guard }, 1);
    },
  };
}
