import type { FastifyError, FastifyInstance } from 'fastify';
import type { CollectorContext } from '../context.js';
import { dashboardApi } from '../dashboard/api.js';
import { dashboardRoutes } from '../dashboard/dashboardRoutes.js';
import { dashboardSessions } from '../dashboard/session.js';
import { AlertOutbox } from './alerts/outbox.js';
import { IncidentDetector } from './incidents/detector.js';
import { fleetGauges } from './health/gauges.js';
import { adminRoutes } from './http/admin.js';
import { authorizer } from './http/auth.js';
import { BadRequest } from './http/params.js';
import { queryRoutes } from './http/query.js';
import { statusRoutes } from './http/statusRoutes.js';
import { KnownGuards } from './guards/known.js';
import { fleetSettings } from './settings.js';

/** What the plugin exposes on the context for tests and embedding (evaluate now, deliver now). */
export interface FleetHandle {
  detector: IncidentDetector;
  outbox: AlertOutbox;
  guards: KnownGuards;
}

const handles = new WeakMap<CollectorContext, FleetHandle>();

/** The detector and outbox a context's plugin started (tests drive `detector.tick()` directly). */
export const fleetOf = (ctx: CollectorContext): FleetHandle | undefined => handles.get(ctx);

/**
 * The fleet side of the collector: incident detection (leader only), webhook alerts, the public
 * status document, the admin API (kill switch, audit), the query API, `/metrics` gauges and the
 * dashboard. `src/app.ts` registers it after ingest; its tables come from `fleetMigrations`.
 *
 * @example
 * ```ts
 * const app = Fastify();
 * await fleetPlugin(app, ctx);
 * ```
 */
export async function fleetPlugin(app: FastifyInstance, ctx: CollectorContext): Promise<void> {
  const settings = fleetSettings(ctx.config);
  const recovery = { steps: settings.incidents.recoverySteps, stepMs: settings.incidents.recoveryStepMs };
  const now = () => ctx.now();
  const outbox = new AlertOutbox({ db: ctx.db, now, log: ctx.log, settings: settings.alerts });
  const guards = ctx.guards ?? new KnownGuards(ctx.db, settings.apps, settings.incidents, now);
  await guards.load();
  const detector = new IncidentDetector({ db: ctx.db, now, log: ctx.log, settings: settings.incidents, apps: settings.apps.map((a) => a.app), outbox, gauges: fleetGauges(ctx.registry), guards });
  handles.set(ctx, { detector, outbox, guards });

  // Dashboard sessions: the authorizer accepts their cookie (dashboard/session.ts); the routes that open and end them are below.
  const sessions = ctx.sessions ?? dashboardSessions(settings, now);
  const auth = ctx.authorize ?? authorizer(settings, undefined, sessions.check);
  await app.register(async (scope) => {
    // Our own error answers: a named field for bad input, never a stack trace.
    scope.setErrorHandler((err: FastifyError | BadRequest, req, reply) => {
      const status = err.statusCode ?? 500;
      if (status >= 500) {
        req.log.error({ err }, 'fleet route failed');
        return reply.code(500).send({ error: 'internal', message: 'internal error; see the collector log' });
      }
      const field = err instanceof BadRequest ? err.field : undefined;
      return reply.code(status).send({ error: status === 404 ? 'not_found' : 'bad_request', message: err.message, ...(field ? { field } : {}) });
    });
    const deps = { db: ctx.db, now, settings, recovery, guards };
    const status = statusRoutes(scope, deps);
    detector.onChange = () => status.invalidate();
    adminRoutes(scope, { ...deps, admin: auth('admin'), onChange: () => status.invalidate() });
    queryRoutes(scope, { ...deps, read: auth('read') });
    await sessions.routes(scope);
    dashboardApi(scope, { ...deps, read: auth('read') });
    dashboardRoutes(scope);
  });

  outbox.start();
  detector.start();
  ctx.onClose(async () => {
    await detector.stop();
    await outbox.stop();
  });
}
