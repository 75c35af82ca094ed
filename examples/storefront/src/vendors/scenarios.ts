/**
 * Incident replays for the demo's chaos panel: a scripted timeline of a vendor's failure
 * (healthy → failing → healed) that runs by itself while shoppers use the store, so the whole
 * chain — native cart, beacons, incident, status document, recovery — can be watched in order.
 *
 * @example
 * ```ts
 * const runner = new ScenarioRunner(SCENARIOS.filter((s) => s.vendor === 'cart'), (c) => (vendor.chaos = c));
 * runner.start('cart-down', { timeScale: 0.05 }); // the same timeline, 20× faster (a test)
 * runner.state();                                 // { running: true, phase: 'down', msLeft: 5400, … }
 * ```
 */
import type { Chaos } from './chaos.js';

export interface ScenarioPhase {
  /** Short id, e.g. 'down'. */
  name: string;
  /** What a person watching should expect in this phase. */
  label: string;
  /** Length at `timeScale: 1`, ms. The last phase's length is how long the replay watches the recovery. */
  ms: number;
  /** The vendor's chaos mode during the phase. */
  chaos: Chaos;
}

export interface Scenario {
  id: string;
  title: string;
  /** Which mock vendor's chaos it drives. */
  vendor: 'cart' | 'recs';
  /** The Lifeboat guard the vendor's widget runs under (what the collector's incident names). */
  guard: string;
  about: string;
  phases: ScenarioPhase[];
}

/** The two incidents Lifeboat exists for, replayed over a few minutes instead of an hour. */
export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'cart-down',
    title: 'Cart app down (Dec 18 2024)',
    vendor: 'cart',
    guard: 'smartcart',
    about:
      "The cart app's v2 backend is overloaded by a busy process and a scheduled daily job: its API stops answering, then answers 500s, then heals. The real incident lasted 57 minutes and was noticed from shop owners' reports.",
    phases: [
      { name: 'healthy', label: 'Healthy: the smart cart drawer opens on add-to-cart', ms: 20_000, chaos: { mode: 'healthy' } },
      { name: 'hang', label: "The cart app's backend hangs: no answer at all", ms: 60_000, chaos: { mode: 'hang' } },
      { name: '500', label: "The cart app's backend answers 500 (database overloaded)", ms: 60_000, chaos: { mode: '500' } },
      { name: 'healed', label: 'Healed: the backend answers again; watch the recovery', ms: 150_000, chaos: { mode: 'healthy' } },
    ],
  },
  {
    id: 'recs-overloaded',
    title: 'Recommendations overloaded',
    vendor: 'recs',
    guard: 'recs',
    about:
      'A marketing campaign overloads the recommendation service: answers get slower (a slow database query), then it fails outright; scaling up does not help until the query is fixed. The real incident slowed checkout for about an hour.',
    phases: [
      { name: 'healthy', label: 'Healthy: "You may also like" comes from the service', ms: 20_000, chaos: { mode: 'healthy' } },
      { name: 'slow', label: 'Campaign traffic: answers take 600 ms', ms: 30_000, chaos: { mode: 'slow', ms: 600 } },
      { name: 'slower', label: 'Overloaded: answers take 2.5 s (past the time budget)', ms: 45_000, chaos: { mode: 'slow', ms: 2500 } },
      { name: '500', label: 'Failing: the service answers 500', ms: 90_000, chaos: { mode: '500' } },
      { name: 'healed', label: 'Healed: the slow query is fixed; watch the recovery', ms: 150_000, chaos: { mode: 'healthy' } },
    ],
  },
];

export interface ScenarioOptions {
  /** Multiplies every phase length (and a slow phase's delay is kept): 1 = real replay, 0.05 = 20× faster. From 0.001 to 10. */
  timeScale?: number;
}

export interface ScenarioState {
  running: boolean;
  /** The scenario running or last run; null before the first. */
  scenario: string | null;
  title: string | null;
  timeScale: number;
  /** Epoch ms the replay started. */
  startedAt: number | null;
  phase: string | null;
  label: string | null;
  phaseIndex: number;
  phases: number;
  /** ms left in the current phase / in the whole replay. */
  msLeft: number;
  totalMsLeft: number;
  /** When each phase began (epoch ms), in order. */
  log: { phase: string; at: number; chaos: Chaos }[];
  /** 'finished', 'stopped' (by a person, or a manual chaos mode) or null while running. */
  ended: 'finished' | 'stopped' | null;
}

/** Validates `{ scenario, timeScale? }` from the chaos panel or HTTP; the error names the field. */
export function parseScenarioRequest(input: unknown, known: readonly Scenario[]): { scenario: string; timeScale: number } {
  const body = (input && typeof input === 'object' ? input : {}) as { scenario?: unknown; timeScale?: unknown };
  const ids = known.map((s) => s.id);
  if (typeof body.scenario !== 'string' || !ids.includes(body.scenario)) {
    throw new TypeError(`scenario must be one of ${ids.join(', ')}; got ${JSON.stringify(body.scenario)}`);
  }
  let timeScale = 1;
  if (body.timeScale !== undefined && body.timeScale !== '' && body.timeScale !== null) {
    timeScale = Number(body.timeScale);
    if (!Number.isFinite(timeScale) || timeScale < 0.001 || timeScale > 10) {
      throw new TypeError(`timeScale must be a number from 0.001 to 10; got ${JSON.stringify(body.timeScale)}`);
    }
  }
  return { scenario: body.scenario, timeScale };
}

/** Runs one scenario at a time, setting the vendor's chaos at each phase boundary. */
export class ScenarioRunner {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private current: Scenario | undefined;
  private s: Omit<ScenarioState, 'msLeft' | 'totalMsLeft'> & { phaseEndsAt: number; endsAt: number } = {
    running: false,
    scenario: null,
    title: null,
    timeScale: 1,
    startedAt: null,
    phase: null,
    label: null,
    phaseIndex: -1,
    phases: 0,
    log: [],
    ended: null,
    phaseEndsAt: 0,
    endsAt: 0,
  };

  constructor(
    readonly scenarios: readonly Scenario[],
    private readonly apply: (chaos: Chaos) => void,
  ) {}

  /** Starts `id` from its first phase, replacing any replay in progress. */
  start(id: string, opts: ScenarioOptions = {}): ScenarioState {
    const { scenario, timeScale } = parseScenarioRequest({ scenario: id, timeScale: opts.timeScale }, this.scenarios);
    this.clear();
    const sc = this.scenarios.find((x) => x.id === scenario)!;
    this.current = sc;
    const now = Date.now();
    this.s = {
      running: true,
      scenario: sc.id,
      title: sc.title,
      timeScale,
      startedAt: now,
      phase: null,
      label: null,
      phaseIndex: -1,
      phases: sc.phases.length,
      log: [],
      ended: null,
      phaseEndsAt: now,
      endsAt: now + sc.phases.reduce((a, p) => a + p.ms * timeScale, 0),
    };
    this.enter(0);
    return this.state();
  }

  /** Ends the replay where it is (the vendor keeps its current mode unless `heal`). */
  stop(opts: { heal?: boolean } = {}): ScenarioState {
    if (this.s.running) {
      this.clear();
      this.s.running = false;
      this.s.ended = 'stopped';
      if (opts.heal) this.apply({ mode: 'healthy' });
    }
    return this.state();
  }

  state(): ScenarioState {
    const now = Date.now();
    const { phaseEndsAt, endsAt, ...rest } = this.s;
    return {
      ...rest,
      log: rest.log.map((l) => ({ ...l, chaos: { ...l.chaos } })),
      msLeft: rest.running ? Math.max(0, phaseEndsAt - now) : 0,
      totalMsLeft: rest.running ? Math.max(0, endsAt - now) : 0,
    };
  }

  private enter(i: number) {
    const sc = this.current!;
    if (i >= sc.phases.length) {
      this.s.running = false;
      this.s.ended = 'finished';
      this.timer = undefined;
      return;
    }
    const p = sc.phases[i];
    const ms = p.ms * this.s.timeScale;
    const now = Date.now();
    this.apply({ ...p.chaos });
    Object.assign(this.s, { phase: p.name, label: p.label, phaseIndex: i, phaseEndsAt: now + ms });
    this.s.log.push({ phase: p.name, at: now, chaos: { ...p.chaos } });
    this.timer = setTimeout(() => this.enter(i + 1), ms);
    this.timer.unref?.();
  }

  private clear() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
