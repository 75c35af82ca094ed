/** Shapes of the collector's answers the dashboard reads (see openapi.yaml). */
export interface HealthPoint {
  t: number;
  calls: number;
  success: number;
  failure: number;
  timeout: number;
  reject: number;
  fallback: number;
  failureShare: number | null;
  p50: number | null;
  p95: number | null;
}
export interface HealthAnswer {
  from: number;
  to: number;
  stepMs: number;
  series: { guard: string; points: HealthPoint[] }[];
}
export interface BrowserTotals {
  batches: number;
  open: number;
  shops: number;
  affectedShops: number;
  calls: number;
  success: number;
  failure: number;
  timeout: number;
  reject: number;
  fallback: number;
  p50: number | null;
  p95: number | null;
}
export interface BrowsersAnswer {
  from: number;
  to: number;
  stepMs: number;
  series: { guard: string; points: { t: number; batches: number; open: number; shops: number; affectedShops: number }[]; total: BrowserTotals }[];
}
export interface TimelineEntry {
  at: number;
  kind: 'opened' | 'updated' | 'calming' | 'resolved';
  share: number;
  openShare: number;
  calls: number;
  shops: number;
  note: string | null;
}
export interface Incident {
  id: string;
  app: string;
  guard: string;
  state: 'open' | 'resolved';
  cause: string;
  openedAt: number;
  resolvedAt: number | null;
  peakShare: number;
  peakShops: number;
  lastShare: number;
  lastShops: number;
  autoOpened: boolean;
  timeline: TimelineEntry[];
}
export interface MarksAnswer {
  incidents: { id: string; guard: string; state: string; openedAt: number; resolvedAt: number | null }[];
  changes: { at: number; guard: string | null; mode: string | null; action: string; actor: string; incident: string | null }[];
}
export interface ModeRow {
  guard: string;
  mode: 'auto' | 'open' | 'closed';
  reason: string | null;
  incident: string | null;
  probe: number | null;
  banner: string | null;
  setBy: string;
  updatedAt: number;
}
export interface ModesAnswer {
  modes: ModeRow[];
  status: { generatedAt: number; guards: Record<string, { mode: string; reason?: string; banner?: string; probe?: number; incident?: string }> };
}
export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  guard: string | null;
  before: { mode?: string; reason?: string | null; banner?: string | null } | null;
  after: { mode?: string; reason?: string | null; banner?: string | null } | null;
}
export interface ShopRow {
  shop: string;
  guard: string;
  calls: number;
  failure: number;
  timeout: number;
  fallback: number;
  failureShare: number | null;
}
export interface FleetEvent {
  id: number;
  at: number;
  kind: string;
  shop: string;
  guard: string | null;
  data: Record<string, unknown> | null;
}
export interface RolloutAnswer {
  since: number;
  to: number;
  expected: { ms: number; parts: { name: string; ms: number }[] };
  points: { t: number; batches: number; obeying: number }[];
}
export interface AlertDelivery {
  event: string;
  target: string;
  format: string;
  state: string;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  lastError: string | null;
}
