import { resolveConfig, type ResolvedCollectorConfig } from '../collectorConfig.js';

/**
 * The fleet side's view of the collector config. The config (collectorConfig.ts) is the one place where
 * fields, bounds and defaults are written; this only picks the sections the fleet reads.
 */

export interface FleetApp {
  app: string;
  publicKey: string;
  /** Declared guard names (`apps[].guards`). */
  guards: string[];
}

export type IncidentSettings = ResolvedCollectorConfig['incidents'];
export type AlertSettings = ResolvedCollectorConfig['alerts'];
export type WebhookTarget = AlertSettings['webhooks'][number];

export interface FleetSettings {
  apps: FleetApp[];
  tokens: { read: string[]; admin: string[] };
  incidents: IncidentSettings;
  alerts: AlertSettings;
  status: { maxAgeSeconds: number };
}

const defaults = resolveConfig({ apps: [] });
/** The incident defaults, as collectorConfig.ts fills them in. */
export const INCIDENT_DEFAULTS: IncidentSettings = defaults.incidents;
/** The alert defaults (without webhooks), as collectorConfig.ts fills them in. */
export const ALERT_DEFAULTS: Omit<AlertSettings, 'webhooks'> = (({ webhooks: _w, ...rest }) => rest)(defaults.alerts);

/** The fleet's sections of a resolved collector config. */
export function fleetSettings(config: ResolvedCollectorConfig): FleetSettings {
  return {
    apps: config.apps.map((a) => ({ app: a.app, publicKey: a.publicKey, guards: a.guards })),
    tokens: config.tokens,
    incidents: config.incidents,
    alerts: config.alerts,
    status: config.status,
  };
}
