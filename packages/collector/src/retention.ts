import type { CollectorContext } from './context.js';

const DAY_MS = 86_400_000;

/**
 * Deletes raw rows (events, reports, dead letters) older than `retention.rawDays`, client
 * evidence older than a day, and rollups older than
 * `retention.rollupDays` (0 keeps forever). With several processes on one PostgreSQL, only the
 * holder of the advisory lock runs it.
 */
export async function runRetention(ctx: CollectorContext): Promise<{ events: number; reports: number; rollups: number; sources: number; deadLetters: number } | null> {
  const { rawDays, rollupDays } = ctx.config.retention;
  const now = ctx.now();
  const r = await ctx.db.withLeaderLock('lifeboat:retention', async () => {
    const out = { events: 0, reports: 0, rollups: 0, sources: 0, deadLetters: 0 };
    if (rawDays > 0) {
      out.events = await ctx.db.run('DELETE FROM events WHERE at < $1', [now - rawDays * DAY_MS]);
      out.reports = await ctx.db.run('DELETE FROM reports WHERE at < $1', [now - rawDays * DAY_MS]);
      out.deadLetters = await ctx.db.run('DELETE FROM dead_letters WHERE at < $1', [now - rawDays * DAY_MS]);
    }
    // Client evidence only matters for the incident window: a day is plenty, whatever rawDays says.
    out.sources = await ctx.db.run('DELETE FROM guard_sources WHERE minute < $1', [now - DAY_MS]);
    if (rollupDays > 0) {
      out.rollups = await ctx.db.run('DELETE FROM rollups WHERE minute < $1', [now - rollupDays * DAY_MS]);
      await ctx.db.run('DELETE FROM browser_minutes WHERE minute < $1', [now - rollupDays * DAY_MS]);
      await ctx.db.run('DELETE FROM status_minutes WHERE minute < $1', [now - rollupDays * DAY_MS]);
    }
    return out;
  });
  return r.ran ? r.value! : null;
}

/** Runs retention now and then every `retention.everyMs`; stops on close. */
export function startRetention(ctx: CollectorContext): void {
  const tick = () =>
    runRetention(ctx).then(
      (r) => r && (r.events || r.reports || r.rollups || r.sources || r.deadLetters) && ctx.log.info({ deleted: r }, 'retention'),
      (err: unknown) => ctx.log.error({ err }, 'retention failed'),
    );
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, ctx.config.retention.everyMs);
  first.unref();
  timer.unref();
  ctx.onClose(() => {
    clearTimeout(first);
    clearInterval(timer);
  });
}
