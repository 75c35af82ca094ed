import type { Incident } from '../incidents/incidentStore.js';
import type { WebhookTarget } from '../settings.js';

export type AlertEvent = 'opened' | 'resolved';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

/** One line a person reads in a chat channel or a pager. */
export function alertText(event: AlertEvent, inc: Incident, mode: string): string {
  const where = `${inc.app}/${inc.guard}`;
  if (event === 'opened') {
    const why = inc.cause === 'breakers' ? 'breakers opened across shops' : `${pct(inc.lastShare)} of calls failing or timing out`;
    return `Lifeboat incident ${inc.id} OPENED on ${where}: ${why} (${inc.lastShops} shops, ${inc.lastCalls} calls). Status mode: ${mode}.`;
  }
  const minutes = inc.resolvedAt !== null ? Math.round((inc.resolvedAt - inc.openedAt) / 60_000) : 0;
  return `Lifeboat incident ${inc.id} RESOLVED on ${where} after ${minutes} min (peak ${pct(inc.peakShare)}, ${inc.peakShops} shops). Coordinated recovery started.`;
}

/** The generic JSON payload (`format: "json"`). Stable field names: receivers script against them. */
export function jsonPayload(event: AlertEvent, inc: Incident, mode: string, at: number) {
  return {
    type: `lifeboat.incident.${event}`,
    at: iso(at),
    text: alertText(event, inc, mode),
    incident: {
      id: inc.id,
      app: inc.app,
      guard: inc.guard,
      state: inc.state,
      cause: inc.cause,
      openedAt: iso(inc.openedAt),
      resolvedAt: iso(inc.resolvedAt),
      failureShare: inc.lastShare,
      calls: inc.lastCalls,
      shops: inc.lastShops,
      peakShare: inc.peakShare,
      peakShops: inc.peakShops,
    },
    statusMode: mode,
  };
}

/** Slack incoming-webhook shape: `text` is the fallback, `blocks` the rich layout. */
export function slackPayload(event: AlertEvent, inc: Incident, mode: string) {
  const text = alertText(event, inc, mode);
  const icon = event === 'opened' ? ':rotating_light:' : ':white_check_mark:';
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${icon} ${text}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `incident \`${inc.id}\` · app \`${inc.app}\` · guard \`${inc.guard}\` · opened ${iso(inc.openedAt)}` }],
      },
    ],
  };
}

export function payloadFor(target: WebhookTarget, event: AlertEvent, inc: Incident, mode: string, at: number): unknown {
  return target.format === 'slack' ? slackPayload(event, inc, mode) : jsonPayload(event, inc, mode, at);
}
