import type { FastifyInstance, FastifyReply, preHandlerAsyncHookHandler } from 'fastify';
import * as z from 'zod/mini';
import { formatProblems, safeParseWith, STATUS_MODES } from '@lifeboat/schema';
import type { Db } from '../../db/types.js';
import { buildStatusDocument, type Recovery } from '../status/document.js';
import { listIncidents } from '../incidents/incidentStore.js';
import { modeOf, modesOf, readAudit, setMode } from '../status/modes.js';
import type { KnownGuards } from '../guards/known.js';
import type { FleetSettings } from '../settings.js';
import { BadRequest, intParam, nameParam } from './params.js';
import { json } from '../store/columnValues.js';

/** Body of the kill switch. Unknown fields are refused so a typo never passes silently. */
export const ModeBodySchema = z.strictObject({
  mode: z.enum(STATUS_MODES),
  reason: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  banner: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  probe: z.optional(z.number().check(z.gte(0), z.lte(1))),
});

/**
 * Admin API: the kill switch (`PUT …/mode`) and the audit trail. Every change goes through
 * `setMode`, which writes the audit record in the same transaction.
 */
export function adminRoutes(
  app: FastifyInstance,
  o: { db: Db; now(): number; settings: FleetSettings; recovery: Recovery; admin: preHandlerAsyncHookHandler; guards: KnownGuards; onChange?: () => void },
) {
  const apps = new Set(o.settings.apps.map((a) => a.app));
  const unknownGuard = (reply: FastifyReply, appName: string, guard: string) => {
    const list = o.guards.list(appName);
    return reply.code(404).send({
      error: 'unknown_guard',
      field: 'params.guard',
      message: `app "${appName}" has no guard "${guard}": known guards are ${list.length ? list.map((g) => `"${g}"`).join(', ') : '(none yet)'}; declare new ones in apps[].guards of the collector config`,
      known: list,
    });
  };

  app.put<{ Params: { app: string; guard: string } }>(
    '/v1/admin/apps/:app/guards/:guard/mode',
    { preHandler: o.admin },
    async (req, reply) => {
      const appName = nameParam(req.params, 'app', 'params');
      const guard = nameParam(req.params, 'guard', 'params')!;
      if (!appName || !apps.has(appName)) {
        return reply.code(404).send({ error: 'not_found', message: `unknown app "${req.params.app}": use an app name from the collector config` });
      }
      // A mistyped guard would be published to every store for nothing: refuse it, naming the known ones.
      if (!o.guards.isKnown(appName, guard)) return unknownGuard(reply, appName, guard);
      const parsed = safeParseWith(ModeBodySchema, req.body, 'body');
      if (!parsed.ok) {
        return reply.code(400).send({ error: 'invalid_body', message: formatProblems(parsed.problems), problems: parsed.problems });
      }
      const b = parsed.value;
      const now = o.now();
      // A hand-set mode during an incident names it, so the document and the audit connect them.
      const [open] = await listIncidents(o.db, { app: appName, guard, state: 'open', limit: 1 });
      const { before, after } = await setMode(
        o.db,
        {
          app: appName,
          guard,
          mode: b.mode,
          reason: b.reason ?? null,
          incident: open?.id ?? null,
          probe: b.probe ?? null,
          banner: b.banner ?? null,
          setBy: req.lifeboatActor ?? 'admin',
          recoveryStarted: null,
        },
        now,
        req.lifeboatActor ?? 'admin',
        'set-mode',
      );
      o.onChange?.();
      const doc = buildStatusDocument(await modesOf(o.db, appName), now, o.recovery);
      return { app: appName, guard, before: before ?? null, after, status: doc.guards[guard] ?? { mode: 'auto' } };
    },
  );

  app.get<{ Params: { app: string; guard: string } }>('/v1/admin/apps/:app/guards/:guard/mode', { preHandler: o.admin }, async (req, reply) => {
    const appName = nameParam(req.params, 'app', 'params')!;
    const guard = nameParam(req.params, 'guard', 'params')!;
    if (!apps.has(appName)) return reply.code(404).send({ error: 'not_found', message: `unknown app "${appName}"` });
    if (!o.guards.isKnown(appName, guard)) return unknownGuard(reply, appName, guard);
    return { app: appName, guard, mode: (await modeOf(o.db, appName, guard)) ?? null };
  });

  // Rows the store refused at flush time (see aggregate/flushWrites.ts writeIsolated), newest first.
  app.get('/v1/admin/dead-letters', { preHandler: o.admin }, async (req) => {
    const q = req.query as Record<string, unknown>;
    const appName = nameParam(q, 'app');
    if (appName && !apps.has(appName)) throw new BadRequest('query.app', `unknown app "${appName}"`);
    const limit = intParam(q, 'limit', { min: 1, max: 1000, fallback: 100 });
    const where = appName ? 'WHERE app = $1' : '';
    const params: unknown[] = appName ? [appName, limit] : [limit];
    const rows = await o.db.query<{ id: unknown; at: unknown; kind: string; app: string; reason: string; payload: string }>(
      `SELECT id, at, kind, app, reason, payload FROM dead_letters ${where} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    const [{ n }] = await o.db.query<{ n: unknown }>(`SELECT COUNT(*) AS n FROM dead_letters ${where}`, appName ? [appName] : []);
    return {
      total: Number(n),
      entries: rows.map((r) => ({ id: Number(r.id), at: Number(r.at), kind: r.kind, app: r.app, reason: r.reason, row: json(r.payload) })),
    };
  });

  app.get('/v1/admin/audit', { preHandler: o.admin }, async (req) => {
    const q = req.query as Record<string, unknown>;
    const appName = nameParam(q, 'app');
    if (appName && !apps.has(appName)) throw new BadRequest('query.app', `unknown app "${appName}"`);
    const entries = await readAudit(o.db, {
      app: appName,
      guard: nameParam(q, 'guard'),
      before: q.before === undefined ? undefined : intParam(q, 'before', { min: 0, max: 8.64e15, fallback: 0 }),
      limit: intParam(q, 'limit', { min: 1, max: 1000, fallback: 100 }),
    });
    return { entries };
  });
}
