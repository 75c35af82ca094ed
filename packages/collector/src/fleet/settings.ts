/**
 * The fleet side's view of the collector config, with every default filled in. Read from the
 * resolved config defensively so a section the ingest side does not know yet still works.
 */

export interface FleetApp {
  app: string;
  publicKey: string;
}

export interface WebhookTarget {
  url: string;
  format: 'json' | 'slack';
}

export interface IncidentSettings {
  enabled: boolean;
  /** Length of the evaluation window and of the calm period before resolving, in minutes. */
  windowMinutes: number;
  /** Open when (failure + timeout) / (success + failure + timeout) reaches this. */
  failureShare: number;
  /** …or when this share of the reporting shops saw their breaker open. */
  openShare: number;
  /** Calls (attempts + rejects) the window must hold. */
  minCalls: number;
  /** Shops that must be affected (failures or an opened breaker). */
  minShops: number;
  /** Resolve once both shares stayed below this for a full window. */
  resolveShare: number;
  /** Set the guard's mode to `open` while its incident is open. */
  autoOpen: boolean;
  evaluateEveryMs: number;
  /** Shopper notice published with an automatic `open`. */
  banner: string;
  /** Probe fractions of the coordinated recovery, one per step, ending at 1. */
  recoverySteps: number[];
  /** Length of one recovery step, ms. */
  recoveryStepMs: number;
}

export interface AlertSettings {
  webhooks: WebhookTarget[];
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  timeoutMs: number;
}

export interface FleetSettings {
  apps: FleetApp[];
  tokens: { read: string[]; admin: string[] };
  incidents: IncidentSettings;
  alerts: AlertSettings;
  status: { maxAgeSeconds: number };
}

export const INCIDENT_DEFAULTS: IncidentSettings = {
  enabled: true,
  windowMinutes: 2,
  failureShare: 0.5,
  openShare: 0.3,
  minCalls: 50,
  minShops: 3,
  resolveShare: 0.2,
  autoOpen: false,
  evaluateEveryMs: 10_000,
  banner: 'Some store features are running in basic mode. You can keep shopping and check out as usual.',
  recoverySteps: [0.1, 0.5, 1],
  recoveryStepMs: 60_000,
};

export const ALERT_DEFAULTS: Omit<AlertSettings, 'webhooks'> = {
  maxAttempts: 8,
  retryBaseMs: 1000,
  retryMaxMs: 5 * 60_000,
  timeoutMs: 5000,
};

export const STATUS_MAX_AGE_DEFAULT = 30;

type Loose = Record<string, unknown> | undefined;

const obj = (v: unknown): Loose => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
const pick = <T>(v: unknown, fallback: T, ok: (x: unknown) => boolean): T => (ok(v) ? (v as T) : fallback);
const isNum = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
const isBool = (x: unknown) => typeof x === 'boolean';
const isStr = (x: unknown) => typeof x === 'string' && x.length > 0;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => isStr(x)) : []);

/** Builds the settings from the collector's resolved config (any missing field takes its default). */
export function fleetSettings(config: unknown): FleetSettings {
  const c = obj(config) ?? {};
  const inc = obj(c.incidents) ?? {};
  const al = obj(c.alerts) ?? {};
  const st = obj(c.status) ?? {};
  const tk = obj(c.tokens) ?? {};
  const d = INCIDENT_DEFAULTS;
  const steps = Array.isArray(inc.recoverySteps)
    ? inc.recoverySteps.filter((x): x is number => isNum(x) && (x as number) > 0 && (x as number) <= 1)
    : d.recoverySteps;
  return {
    apps: (Array.isArray(c.apps) ? c.apps : [])
      .map(obj)
      .filter((a): a is Record<string, unknown> => !!a && isStr(a.app) && isStr(a.publicKey))
      .map((a) => ({ app: a.app as string, publicKey: a.publicKey as string })),
    tokens: { read: strings(tk.read), admin: strings(tk.admin) },
    incidents: {
      enabled: pick(inc.enabled, d.enabled, isBool),
      windowMinutes: pick(inc.windowMinutes, d.windowMinutes, isNum),
      failureShare: pick(inc.failureShare, d.failureShare, isNum),
      openShare: pick(inc.openShare, d.openShare, isNum),
      minCalls: pick(inc.minCalls, d.minCalls, isNum),
      minShops: pick(inc.minShops, d.minShops, isNum),
      resolveShare: pick(inc.resolveShare, d.resolveShare, isNum),
      autoOpen: pick(inc.autoOpen, d.autoOpen, isBool),
      evaluateEveryMs: pick(inc.evaluateEveryMs, d.evaluateEveryMs, isNum),
      banner: pick(inc.banner, d.banner, isStr),
      recoverySteps: steps.length > 0 ? steps : d.recoverySteps,
      recoveryStepMs: pick(inc.recoveryStepMs, d.recoveryStepMs, isNum),
    },
    alerts: {
      webhooks: (Array.isArray(al.webhooks) ? al.webhooks : [])
        .map(obj)
        .filter((w): w is Record<string, unknown> => !!w && isStr(w.url))
        .map((w) => ({ url: w.url as string, format: w.format === 'slack' ? 'slack' : 'json' })),
      maxAttempts: pick(al.maxAttempts, ALERT_DEFAULTS.maxAttempts, isNum),
      retryBaseMs: pick(al.retryBaseMs, ALERT_DEFAULTS.retryBaseMs, isNum),
      retryMaxMs: pick(al.retryMaxMs, ALERT_DEFAULTS.retryMaxMs, isNum),
      timeoutMs: pick(al.timeoutMs, ALERT_DEFAULTS.timeoutMs, isNum),
    },
    status: { maxAgeSeconds: pick(st.maxAgeSeconds, STATUS_MAX_AGE_DEFAULT, isNum) },
  };
}
