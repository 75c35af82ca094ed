import { createHash, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Db } from '../db/types.js';

/** Salts rotate daily (UTC): an old hash cannot be linked to a new one once its salt is gone. */
export const SALT_PERIOD_MS = 86_400_000;
const KEEP_PERIODS = 2;

/**
 * The part of an address that names one client: the whole IPv4 address, or the /64 prefix of an
 * IPv6 address (one customer line usually gets a whole /64, so its addresses are one witness).
 */
export function clientPart(ip: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1];
  if (!isIPv6(ip)) return ip;
  const [head, tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g || '0', 16).toString(16))
    .join(':')}::/64`;
}

/**
 * Client identities for evidence counting: a salted SHA-256 of the client's address, never the
 * address itself. The salt of each day lives in the database (`client_salts`), so every instance
 * sharing it hashes alike; salts older than two days are deleted.
 */
export class ClientIds {
  private salts = new Map<number, string>();
  private cache = new Map<string, string>();
  private cachePeriod = -1;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Db,
    private readonly now: () => number,
  ) {}

  /** Loads (creating) today's salt; call before serving, then `start()`. */
  async refresh(): Promise<void> {
    const period = Math.floor(this.now() / SALT_PERIOD_MS);
    for (const p of [period, period + 1]) {
      if (this.salts.has(p)) continue;
      await this.db.run('INSERT INTO client_salts (period, salt) VALUES ($1, $2) ON CONFLICT (period) DO NOTHING', [p, randomBytes(32).toString('hex')]);
      const rows = await this.db.query<{ salt: string }>('SELECT salt FROM client_salts WHERE period = $1', [p]);
      if (rows[0]) this.salts.set(p, rows[0].salt);
    }
    await this.db.run('DELETE FROM client_salts WHERE period < $1', [period - KEEP_PERIODS + 1]);
    for (const p of this.salts.keys()) if (p < period - KEEP_PERIODS + 1) this.salts.delete(p);
  }

  /** Refreshes hourly (tomorrow's salt is always loaded a day ahead). */
  start(onError: (err: unknown) => void): void {
    this.timer = setInterval(() => void this.refresh().catch(onError), 3_600_000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** 16 hex digits naming the client of `ip` for today. */
  id(ip: string): string {
    const period = Math.floor(this.now() / SALT_PERIOD_MS);
    if (period !== this.cachePeriod || this.cache.size >= 100_000) {
      this.cache.clear();
      this.cachePeriod = period;
    }
    let id = this.cache.get(ip);
    if (id === undefined) {
      // Until the salt is loaded (never, once started), a per-process one still hides the address.
      let salt = this.salts.get(period);
      if (salt === undefined) this.salts.set(period, (salt = randomBytes(32).toString('hex')));
      id = createHash('sha256').update(salt).update(clientPart(ip)).digest('hex').slice(0, 16);
      this.cache.set(ip, id);
    }
    return id;
  }
}
