import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/types.js';
import type { Incident } from '../incidents/incidentStore.js';
import { num } from '../store/columnValues.js';
import type { AlertSettings, WebhookTarget } from '../settings.js';
import { backoffMs } from './backoff.js';
import { payloadFor, type AlertEvent } from './payload.js';

export interface OutboxOptions {
  db: Db;
  now(): number;
  log: Pick<FastifyBaseLogger, 'warn' | 'error' | 'info'>;
  settings: AlertSettings;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** How often due retries are looked for, ms. */
  pollMs?: number;
}

/**
 * Webhook alerts through a table: the detector only inserts rows (cheap, in its own flow), a
 * separate loop delivers them. A restart picks up what was not delivered; a row is claimed with
 * a conditional UPDATE so two processes never send the same alert at once.
 */
export class AlertOutbox {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly o: OutboxOptions) {}

  /** Queues one alert per configured webhook. Never throws into the detector. */
  async enqueue(event: AlertEvent, inc: Incident, mode: string): Promise<void> {
    const at = this.o.now();
    for (const target of this.o.settings.webhooks) {
      try {
        await this.o.db.run(
          `INSERT INTO alert_outbox (created_at, incident, event, url, format, payload, state, attempts, next_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', 0, $7)`,
          [at, inc.id, event, target.url, target.format, JSON.stringify(payloadFor(target, event, inc, mode, at)), at],
        );
      } catch (err) {
        this.o.log.error({ err, incident: inc.id, url: redact(target) }, 'alert could not be queued');
      }
    }
    this.kick();
  }

  /** Delivers soon, off the caller's path. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.deliverDue()
      .then(() => undefined)
      .catch((err) => this.o.log.error({ err }, 'alert delivery loop failed'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  start(): void {
    const every = this.o.pollMs ?? Math.min(1000, Math.max(50, this.o.settings.retryBaseMs));
    this.timer = setInterval(() => this.kick(), every);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Forgets delivered and abandoned alerts older than `keepMs` (pending ones are never dropped). */
  async prune(keepMs = 30 * 86_400_000): Promise<number> {
    return this.o.db.run(`DELETE FROM alert_outbox WHERE state <> 'pending' AND created_at < $1`, [this.o.now() - keepMs]);
  }

  /** Sends every due alert once; returns how many were delivered. */
  async deliverDue(): Promise<number> {
    const now = this.o.now();
    const due = await this.o.db.query(
      `SELECT id, url, payload, attempts, next_at FROM alert_outbox WHERE state = 'pending' AND next_at <= $1 ORDER BY id LIMIT 50`,
      [now],
    );
    let delivered = 0;
    for (const row of due) {
      if (this.stopped) break;
      const id = num(row.id);
      const lease = now + this.o.settings.timeoutMs + 5000;
      // Claim: whoever moves next_at first sends; a crash mid-send lets the lease expire.
      const claimed = await this.o.db.run(`UPDATE alert_outbox SET next_at = $1 WHERE id = $2 AND state = 'pending' AND next_at = $3`, [
        lease,
        id,
        num(row.next_at),
      ]);
      if (claimed !== 1) continue;
      const attempts = num(row.attempts) + 1;
      const error = await this.send(String(row.url), String(row.payload));
      const at = this.o.now();
      if (error === null) {
        delivered++;
        await this.o.db.run(`UPDATE alert_outbox SET state = 'sent', attempts = $1, sent_at = $2, last_error = NULL WHERE id = $3`, [attempts, at, id]);
      } else if (attempts >= this.o.settings.maxAttempts) {
        this.o.log.error({ alert: id, attempts, error }, 'alert given up after the last attempt');
        await this.o.db.run(`UPDATE alert_outbox SET state = 'failed', attempts = $1, last_error = $2 WHERE id = $3`, [attempts, error, id]);
      } else {
        const next = at + backoffMs(attempts, this.o.settings.retryBaseMs, this.o.settings.retryMaxMs);
        this.o.log.warn({ alert: id, attempts, error, retryAt: next }, 'alert delivery failed; will retry');
        await this.o.db.run(`UPDATE alert_outbox SET attempts = $1, next_at = $2, last_error = $3 WHERE id = $4`, [attempts, next, error, id]);
      }
    }
    return delivered;
  }

  /** null on a 2xx answer, else a short reason. */
  private async send(url: string, body: string): Promise<string | null> {
    const f = this.o.fetch ?? fetch;
    try {
      const res = await f(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'lifeboat-collector' },
        body,
        signal: AbortSignal.timeout(this.o.settings.timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.ok ? null : `HTTP ${res.status}`;
    } catch (err) {
      return err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : 'send failed';
    }
  }
}

/** Webhook URLs often carry a secret (Slack's do): log only the origin. */
export function redact(t: WebhookTarget): string {
  try {
    return new URL(t.url).origin;
  } catch {
    return '(invalid url)';
  }
}
