import { BEACON_DEFAULTS, STATUS_DEFAULTS } from '@lifeboat/schema';
import type { FastifyInstance, preHandlerAsyncHookHandler } from 'fastify';
import type { Db } from '../db/types.js';
import { getIncident } from '../fleet/incidents/incidentStore.js';
import { appParamOf, BadRequest, intParam, nameParam, rangeParams, shopParam } from '../fleet/http/params.js';
import type { KnownGuards } from '../fleet/guards/known.js';
import type { FleetSettings } from '../fleet/settings.js';
import { alertsOf, browserSeries, marks, rollout } from './queries.js';

const DAY = 86_400_000;

/**
 * How long until most browsers obey a new status document, and why: a browser on a page re-reads
 * the document once its copy is older than the SDK's `status.maxAge`, a cache may answer with the
 * old body for the document's `max-age`, and the browser's next beacon (every
 * `beacons.flushInterval`) is what reports it. Browsers that are not on a page pick it up on the
 * next page they open.
 */
export function expectedRollout(s: FleetSettings): { ms: number; parts: { name: string; ms: number }[] } {
  const parts = [
    { name: 'status document max-age (collector status.maxAgeSeconds)', ms: s.status.maxAgeSeconds * 1000 },
    { name: 'SDK status.maxAge (default)', ms: STATUS_DEFAULTS.maxAge },
    { name: 'SDK beacons.flushInterval (default)', ms: BEACON_DEFAULTS.flushInterval },
  ];
  return { ms: parts.reduce((a, p) => a + p.ms, 0), parts };
}

/**
 * Read-role endpoints the dashboard draws from, beside the query API: browsers and shops per
 * guard over time, the rollout of a status change, the marks every chart carries (incidents,
 * mode changes) and an incident's alerts. See openapi.yaml.
 */
export function dashboardApi(app: FastifyInstance, o: { db: Db; now(): number; settings: FleetSettings; read: preHandlerAsyncHookHandler; guards: KnownGuards }) {
  const opts = { preHandler: o.read };
  const appOf = appParamOf(o.settings.apps.map((a) => a.app));

  app.get<{ Params: { app: string } }>('/v1/apps/:app/browsers', opts, async (req) => {
    const name = appOf(req.params);
    const q = req.query as Record<string, unknown>;
    const { from, to } = rangeParams(q, o.now(), 3_600_000, 31 * DAY);
    const stepMs = intParam(q, 'step', { min: 1, max: 1440, fallback: Math.max(1, Math.ceil((to - from) / 60_000 / 360)) }) * 60_000;
    // Only known guards, as /health: a name made up by a forger gets no chart.
    const series = (await browserSeries(o.db, { app: name, from, to, stepMs, guard: nameParam(q, 'guard'), shop: shopParam(q) })).filter((s) => o.guards.isKnown(name, s.guard));
    return { app: name, from, to, stepMs, series };
  });

  app.get<{ Params: { app: string } }>('/v1/apps/:app/rollout', opts, async (req) => {
    const name = appOf(req.params);
    const q = req.query as Record<string, unknown>;
    const now = o.now();
    const since = intParam(q, 'since', { min: 0, max: 8.64e15, fallback: now - 3_600_000 });
    const to = intParam(q, 'to', { min: since + 1, max: 8.64e15, fallback: Math.max(now, since + 1) });
    if (to - since > 31 * DAY) throw new BadRequest('query.since', 'the rollout may span at most 31 days: raise since or lower to');
    return { app: name, since, to, expected: expectedRollout(o.settings), points: await rollout(o.db, { app: name, since, to }) };
  });

  app.get<{ Params: { app: string } }>('/v1/apps/:app/marks', opts, async (req) => {
    const name = appOf(req.params);
    const { from, to } = rangeParams(req.query as Record<string, unknown>, o.now(), 3_600_000, 31 * DAY);
    return { app: name, from, to, ...(await marks(o.db, { app: name, from, to })) };
  });

  app.get<{ Params: { app: string; id: string } }>('/v1/apps/:app/incidents/:id/alerts', opts, async (req, reply) => {
    const name = appOf(req.params);
    const inc = /^inc_[0-9a-f]{16}$/.test(req.params.id) ? await getIncident(o.db, req.params.id) : undefined;
    if (!inc || inc.app !== name) return reply.code(404).send({ error: 'not_found', message: `no incident "${req.params.id}" in app "${name}"` });
    return { app: name, incident: inc.id, alerts: await alertsOf(o.db, inc.id) };
  });
}
