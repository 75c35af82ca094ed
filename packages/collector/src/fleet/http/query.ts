import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import { EVENT_KIND_INFO, ROW_KINDS } from '@lifeboat/schema';
import type { Db } from '../../db/types.js';
import { buildStatusDocument, type Recovery } from '../status/document.js';
import { guardsOf, healthSeries, recentEvents, shopHealth } from '../health/series.js';
import { getIncident, listIncidents, timeline, type Incident } from '../incidents/incidentStore.js';
import { modesOf } from '../status/modes.js';
import type { KnownGuards } from '../guards/known.js';
import type { FleetSettings } from '../settings.js';
import { appParamOf, BadRequest, enumParam, intParam, nameParam, rangeParams, shopParam } from './params.js';

const DAY = 86_400_000;
/** What the events list shows without a `kind`: the kinds marked `listed` in the schema's table. */
const LISTED_KINDS = ROW_KINDS.filter((k) => EVENT_KIND_INFO[k].listed);

/**
 * Query API (read or admin token): health over time per guard and per shop, incidents with
 * their timelines, recent transitions and fallbacks, current modes. See openapi.yaml.
 */
export function queryRoutes(
  app: FastifyInstance,
  o: { db: Db; now(): number; settings: FleetSettings; recovery: Recovery; read: preHandlerAsyncHookHandler; guards: KnownGuards },
) {
  // Only known guards are shown: a name made up by a forger gets no chart and no row.
  const known = (app: string) => (g: { guard: string }) => o.guards.isKnown(app, g.guard);
  const opts = { preHandler: o.read };
  const appOf = appParamOf(o.settings.apps.map((a) => a.app));
  const withTimeline = async (i: Incident) => ({ ...i, timeline: await timeline(o.db, i.id) });

  app.get('/v1/apps', opts, async () => {
    const from = o.now() - DAY;
    const open = await Promise.all(o.settings.apps.map((a) => listIncidents(o.db, { app: a.app, state: 'open', limit: 1000 })));
    return {
      apps: await Promise.all(
        o.settings.apps.map(async (a, i) => ({ app: a.app, guards: (await guardsOf(o.db, a.app, from)).filter((g) => o.guards.isKnown(a.app, g)), openIncidents: open[i].length })),
      ),
    };
  });

  app.get<{ Params: { app: string } }>('/v1/apps/:app/health', opts, async (req) => {
    const name = appOf(req.params);
    const q = req.query as Record<string, unknown>;
    const { from, to } = rangeParams(q, o.now(), 3_600_000, 31 * DAY);
    const stepMs = intParam(q, 'step', { min: 1, max: 1440, fallback: Math.max(1, Math.ceil((to - from) / 60_000 / 360)) }) * 60_000;
    const series = (await healthSeries(o.db, { app: name, from, to, stepMs, guard: nameParam(q, 'guard'), shop: shopParam(q) })).filter(known(name));
    return { app: name, from, to, stepMs, series };
  });

  app.get<{ Params: { app: string } }>('/v1/apps/:app/shops', opts, async (req) => {
    const name = appOf(req.params);
    const q = req.query as Record<string, unknown>;
    const { from, to } = rangeParams(q, o.now(), 3_600_000, 31 * DAY);
    const shops = await shopHealth(o.db, { app: name, from, to, guard: nameParam(q, 'guard'), limit: intParam(q, 'limit', { min: 1, max: 1000, fallback: 100 }), keep: known(name) });
    return { app: name, from, to, shops };
  });

  app.get<{ Params: { app: string } }>('/v1/apps/:app/incidents', opts, async (req) => {
    const name = appOf(req.params);
    const q = req.query as Record<string, unknown>;
    const incidents = await listIncidents(o.db, {
      app: name,
      guard: nameParam(q, 'guard'),
      state: enumParam(q, 'state', ['open', 'resolved'] as const),
      limit: intParam(q, 'limit', { min: 1, max: 500, fallback: 50 }),
    });
    return { app: name, incidents: await Promise.all(incidents.map(withTimeline)) };
  });

  app.get<{ Params: { app: string; id: string } }>('/v1/apps/:app/incidents/:id', opts, async (req, reply) => {
    const name = appOf(req.params);
    const inc = /^inc_[0-9a-f]{16}$/.test(req.params.id) ? await getIncident(o.db, req.params.id) : undefined;
    if (!inc || inc.app !== name) return reply.code(404).send({ error: 'not_found', message: `no incident "${req.params.id}" in app "${name}"` });
    return withTimeline(inc);
  });

  app.get<{ Params: { app: string } }>('/v1/apps/:app/events', opts, async (req) => {
    const name = appOf(req.params);
    const q = req.query as Record<string, unknown>;
    const { from, to } = rangeParams(q, o.now(), 3_600_000, 31 * DAY);
    const kind = enumParam(q, 'kind', ROW_KINDS);
    const events = await recentEvents(o.db, {
      app: name,
      kinds: kind ? [kind] : LISTED_KINDS,
      from,
      to,
      guard: nameParam(q, 'guard'),
      shop: shopParam(q),
      limit: intParam(q, 'limit', { min: 1, max: 1000, fallback: 100 }),
    });
    return { app: name, from, to, events };
  });

  app.get<{ Params: { app: string } }>('/v1/apps/:app/modes', opts, async (req) => {
    const name = appOf(req.params);
    const rows = await modesOf(o.db, name);
    return { app: name, modes: rows, status: buildStatusDocument(rows, o.now(), o.recovery) };
  });
}
