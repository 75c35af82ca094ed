/**
 * The collector the demo store reports to: the real one from packages/collector when it can be
 * loaded, otherwise a stand-in that accepts beacons and has no status document (so Lifeboat keeps
 * its own judgement), with a printed reason.
 */
import Fastify from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface DemoCollector {
  url: string;
  /** 'collector' = packages/collector; 'stub' = the stand-in. */
  kind: 'collector' | 'stub';
  /** Beacon bodies the stand-in received (empty for the real collector; query it instead). */
  beacons: unknown[];
  close(): Promise<void>;
}

export interface DemoCollectorOptions {
  port?: number;
  db?: string;
  storeOrigin: string;
  /** Extra collector config merged over the demo's (apps, tokens, flushIntervalMs, …). */
  config?: Record<string, unknown>;
  /** Called with a one-line reason when the stand-in is used. */
  warn?: (msg: string) => void;
}

type StartCollector = (opts: Record<string, unknown>) => Promise<{ url: string; close(): Promise<void> }>;

export const DEMO_COLLECTOR_CONFIG = (storeOrigin: string) => ({
  // The same store as http://localhost:PORT too, so either address a person types works.
  // The demo's guards are declared, so they have charts and incidents from the first beacon.
  apps: [{ app: 'smartcart', publicKey: 'pk_demo_smartcart', origins: [storeOrigin, storeOrigin.replace('//127.0.0.1:', '//localhost:')], guards: ['smartcart', 'recs'] }],
  tokens: { read: ['rt_demo_read_token'], admin: ['at_demo_admin_token'] },
  flushIntervalMs: 1000,
  // One demo store is the whole fleet: let a single shop with a few calls raise an incident.
  // Every demo browser (and `npm run shoppers`) is on this machine: one client address.
  // …and every browser may probe while it lasts (the fleet-wide default lets one page load in
  // ten, which kept a single shopper from seeing the widget again for several open periods).
  incidents: { minShops: 1, minCalls: 3, minClients: 1, evaluateEveryMs: 5000, recoverySteps: [1] },
});

async function loadStartCollector(): Promise<StartCollector> {
  const candidates = ['../../../packages/collector/src/index.ts', '../../../packages/collector/dist/index.js'].map((p) =>
    fileURLToPath(new URL(p, import.meta.url)),
  );
  const errors: string[] = [];
  for (const file of candidates) {
    if (!existsSync(file)) continue;
    try {
      const mod = (await import(/* @vite-ignore */ file)) as { startCollector?: StartCollector };
      if (typeof mod.startCollector === 'function') return mod.startCollector;
      errors.push(`${file} has no startCollector export`);
    } catch (err) {
      errors.push(`${file}: ${(err as Error).message}`);
    }
  }
  throw new Error(errors.length ? errors.join('; ') : 'packages/collector is not there yet');
}

export async function startDemoCollector(opts: DemoCollectorOptions): Promise<DemoCollector> {
  const config = { ...DEMO_COLLECTOR_CONFIG(opts.storeOrigin), ...(opts.config ?? {}) };
  try {
    const startCollector = await loadStartCollector();
    const c = await startCollector({ host: '127.0.0.1', port: opts.port ?? 0, db: opts.db ?? ':memory:', config, logLevel: 'warn' });
    return { url: c.url, kind: 'collector', beacons: [], close: () => c.close() };
  } catch (err) {
    opts.warn?.(`[storefront] real collector unavailable (${(err as Error).message}); using a stand-in that only accepts beacons`);
  }
  return startStub(opts.port ?? 0);
}

async function startStub(port: number): Promise<DemoCollector> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const beacons: unknown[] = [];
  app.addContentTypeParser(['text/plain', 'application/json', 'application/reports+json'], { parseAs: 'string' }, (_r, body, done) => {
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      done(null, String(body));
    }
  });
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-headers', 'content-type');
    reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
  });
  app.options('/*', (_req, reply) => reply.code(204).send());
  app.post('/v1/beacons', (req, reply) => {
    beacons.push(req.body);
    return reply.code(204).send();
  });
  app.post('/v1/reports', (_req, reply) => reply.code(204).send());
  app.get('/v1/status/:file', (_req, reply) => reply.code(404).send({ error: 'stand-in collector has no status document' }));
  await app.listen({ host: '127.0.0.1', port });
  const addr = app.server.address();
  const url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : port}`;
  return { url, kind: 'stub', beacons, close: () => app.close() };
}
