import type { Db } from '../../db/types.js';
import type { GuardWindow } from '../health/window.js';
import type { FleetApp, IncidentSettings } from '../settings.js';
import { num } from '../store/columnValues.js';

/**
 * The guards each app has: those declared in `apps[].guards`, plus those reported by at least
 * `guardMinShops` distinct shops from at least `minClients` distinct clients (recorded in
 * `known_guards`, shared by every instance), up to `maxGuardsPerApp`. Only known guards get an
 * incident, a mode, a chart or a metric series, so a name made up by a forger costs nothing.
 */
export class KnownGuards {
  private readonly declared = new Map<string, Set<string>>();
  private known = new Map<string, Set<string>>();
  /** Undeclared, unknown names stored per app and minute (`admit`), to bound what a forger can write. */
  private strangers = new Map<string, { minute: number; names: Set<string> }>();

  constructor(
    private readonly db: Db,
    apps: FleetApp[],
    private readonly s: Pick<IncidentSettings, 'guardMinShops' | 'minClients' | 'maxGuardsPerApp'>,
    private readonly now: () => number,
  ) {
    for (const a of apps) this.declared.set(a.app, new Set(a.guards));
    for (const a of apps) this.known.set(a.app, new Set(a.guards));
  }

  /** Reads the discovered guards every instance has recorded. */
  async load(): Promise<void> {
    const rows = await this.db.query<{ app: string; guard: string }>('SELECT app, guard FROM known_guards ORDER BY since, guard');
    const next = new Map<string, Set<string>>();
    for (const [app, guards] of this.declared) next.set(app, new Set(guards));
    for (const r of rows) {
      const set = next.get(r.app);
      if (set && set.size < Math.max(this.s.maxGuardsPerApp, this.declared.get(r.app)!.size)) set.add(r.guard);
    }
    this.known = next;
  }

  isKnown(app: string, guard: string): boolean {
    return this.known.get(app)?.has(guard) ?? false;
  }

  /** The app's known guards, sorted. */
  list(app: string): string[] {
    return [...(this.known.get(app) ?? [])].sort();
  }

  /**
   * Whether ingest may store calls of `guard`: a known guard always; another name only while the
   * app has stored fewer than `maxGuardsPerApp` such names this minute (evidence for discovery).
   */
  admit(app: string, guard: string, minute: number): boolean {
    if (this.isKnown(app, guard)) return true;
    let st = this.strangers.get(app);
    if (!st || minute > st.minute) this.strangers.set(app, (st = { minute, names: new Set() }));
    if (st.names.has(guard)) return true;
    if (st.names.size >= this.s.maxGuardsPerApp) return false;
    st.names.add(guard);
    return true;
  }

  /** Records the undeclared guards whose window now holds enough distinct evidence; returns them. */
  async discover(windows: GuardWindow[]): Promise<GuardWindow[]> {
    const found: GuardWindow[] = [];
    const candidates = windows
      .filter((w) => this.known.has(w.app) && !this.isKnown(w.app, w.guard) && w.shops >= this.s.guardMinShops && w.clients >= Math.max(1, this.s.minClients))
      .sort((a, b) => b.shops - a.shops || b.clients - a.clients);
    for (const w of candidates) {
      const set = this.known.get(w.app)!;
      if (set.size >= this.s.maxGuardsPerApp) continue;
      await this.db.run('INSERT INTO known_guards (app, guard, since, shops, clients) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (app, guard) DO NOTHING', [
        w.app,
        w.guard,
        this.now(),
        w.shops,
        w.clients,
      ]);
      set.add(w.guard);
      found.push(w);
    }
    return found;
  }

  /** How many guards were discovered (not declared) per app; for tests and the docs' limits. */
  async discoveredCount(app: string): Promise<number> {
    const [r] = await this.db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM known_guards WHERE app = $1', [app]);
    return num(r?.n);
  }
}
