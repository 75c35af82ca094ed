/**
 * What both mock vendors share: an origin of their own, CORS for their API, a log of every
 * request (to assert "not requested"), and a chaos control at /__chaos applied to /api/*.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import { CHAOS_MODES, DEFAULT_SLOW_MS, parseChaos, type Chaos, type RequestRecord } from './chaos.js';
import { esc } from '../store/html.js';
import { parseScenarioRequest, ScenarioRunner, type Scenario } from './scenarios.js';

export interface Vendor {
  app: FastifyInstance;
  name: string;
  chaos: Chaos;
  requests: RequestRecord[];
  /** Incident replays of this vendor (the chaos panel's "Scenarios"). */
  scenarios: ScenarioRunner;
  /** Registers a GET/POST API route whose answers go through the current chaos mode. */
  api(method: 'GET' | 'POST', path: string, handler: (req: FastifyRequest) => unknown): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function createVendorServer(
  name: string,
  about: string,
  modes: readonly string[] = CHAOS_MODES,
  scenarios: readonly Scenario[] = [],
): Promise<Vendor> {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(formbody);
  // Beacons-style text/plain JSON: the cart app posts events without a CORS preflight.
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_req, body, done) => {
    try {
      done(null, body ? JSON.parse(String(body)) : {});
    } catch {
      done(null, { text: String(body) });
    }
  });

  const vendor: Vendor = {
    app,
    name,
    chaos: { mode: 'healthy' },
    requests: [],
    scenarios: new ScenarioRunner(scenarios, (c) => (vendor.chaos = c)),
    api(method, path, handler) {
      app.route({
        method,
        url: path,
        handler: async (req, reply) => {
          const { mode, ms } = vendor.chaos;
          if (mode === 'hang') {
            // Never answer; the connection is dropped when the server closes.
            reply.hijack();
            return;
          }
          if (mode === 'slow') await sleep(ms ?? DEFAULT_SLOW_MS);
          if (mode === '500') return reply.code(500).send({ error: 'Internal Server Error', message: `${name} backend is overloaded` });
          if (mode === 'error-200') return reply.code(200).send({ status: 500, error: `${name} backend error: database timeout` });
          return handler(req);
        },
      });
    },
  };

  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/__chaos')) vendor.requests.push({ path, url: req.url, method: req.method, at: Date.now() });
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-methods', 'GET, POST, OPTIONS');
    reply.header('access-control-allow-headers', 'content-type');
    reply.header('cache-control', 'no-store');
    reply.header('timing-allow-origin', '*');
  });
  app.options('/*', (_req, reply) => reply.code(204).send());

  // ---- chaos control (HTML forms, no inline handlers, works without JavaScript) --------------
  app.get('/__chaos', (_req, reply) => reply.type('text/html; charset=utf-8').send(chaosPage(vendor, about, modes)));
  app.get('/__chaos.json', () => vendor.chaos);
  app.post('/__chaos', async (req, reply) => {
    let chaos: Chaos;
    try {
      chaos = parseChaos(req.body);
    } catch (err) {
      return reply.code(400).send({ error: (err as Error).message });
    }
    // A person pressing a mode takes over from a replay in progress.
    vendor.scenarios.stop();
    vendor.chaos = chaos;
    const accept = String(req.headers.accept ?? '');
    if (accept.includes('text/html')) return reply.redirect('/__chaos', 303);
    return vendor.chaos;
  });

  // ---- incident replays: start, stop, and where the replay is -------------------------------
  app.get('/__chaos/scenario.json', () => ({
    ...vendor.scenarios.state(),
    chaos: vendor.chaos,
    available: scenarios.map((s) => ({ id: s.id, title: s.title, guard: s.guard, about: s.about, phases: s.phases })),
  }));
  app.post('/__chaos/scenario', async (req, reply) => {
    let parsed: { scenario: string; timeScale: number };
    try {
      parsed = parseScenarioRequest(req.body, scenarios);
    } catch (err) {
      return reply.code(400).send({ error: (err as Error).message });
    }
    const state = vendor.scenarios.start(parsed.scenario, { timeScale: parsed.timeScale });
    if (String(req.headers.accept ?? '').includes('text/html')) return reply.redirect('/__chaos', 303);
    return state;
  });
  app.post('/__chaos/scenario/stop', async (req, reply) => {
    const heal = ['1', 'true', true].includes((req.body as { heal?: unknown } | undefined)?.heal as never);
    const state = vendor.scenarios.stop({ heal });
    if (String(req.headers.accept ?? '').includes('text/html')) return reply.redirect('/__chaos', 303);
    return state;
  });

  return vendor;
}

const secs = (ms: number) => (ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${Math.ceil(ms / 1000)} s`);

function scenarioSection(vendor: Vendor): string {
  const list = vendor.scenarios.scenarios;
  if (!list.length) return '';
  const st = vendor.scenarios.state();
  const status = st.running
    ? `<p id="scenario-state" role="status">Running <strong>${esc(st.title ?? '')}</strong>${st.timeScale !== 1 ? ` (time ×${st.timeScale})` : ''}: phase ${st.phaseIndex + 1}/${st.phases} <strong id="scenario-phase">${esc(st.phase ?? '')}</strong> — ${esc(st.label ?? '')}; <span id="scenario-left">${secs(st.msLeft)}</span> left in this phase, ${secs(st.totalMsLeft)} in the replay.</p>
<form method="post" action="/__chaos/scenario/stop"><input type="hidden" name="heal" value="1"><button type="submit">Stop and heal</button></form>`
    : `<p id="scenario-state" role="status">${st.ended ? `${esc(st.title ?? '')}: ${st.ended}.` : 'No replay running.'}</p>`;
  const forms = list
    .map(
      (s) => `<form method="post" action="/__chaos/scenario"><input type="hidden" name="scenario" value="${esc(s.id)}">
<button type="submit"${st.running && st.scenario === s.id ? ' aria-pressed="true"' : ''}>${esc(s.title)}</button>
<label>time ×<input type="number" name="timeScale" value="1" min="0.001" max="10" step="any"></label>
<p>${esc(s.about)}</p><ol>${s.phases.map((p) => `<li>${esc(p.label)} (${secs(p.ms)})</li>`).join('')}</ol></form>`,
    )
    .join('\n');
  return `<h2>Scenarios — incidents replayed</h2>
<p>Shoppers must be calling this vendor to see anything: run <code>npm run shoppers -- --vendors</code> meanwhile (or <code>npm run incident -- &lt;scenario&gt;</code>, which starts the replay with its own shoppers and prints the measured times), and watch the collector's dashboard: shoppers move to the native widget, the incident opens, the status document changes, then recovery.</p>
${status}
${forms}`;
}

function chaosPage(vendor: Vendor, about: string, modes: readonly string[]): string {
  const buttons = modes
    .map(
      (m) => `<form method="post" action="/__chaos"><input type="hidden" name="mode" value="${esc(m)}">${
        m === 'slow' ? `<input type="number" name="ms" value="${vendor.chaos.ms ?? DEFAULT_SLOW_MS}" min="0" step="100" aria-label="delay in ms"> ms ` : ''
      }<button type="submit"${vendor.chaos.mode === m ? ' aria-pressed="true"' : ''}>${esc(m)}</button></form>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(vendor.name)} chaos</title>${vendor.scenarios.state().running ? '<meta http-equiv="refresh" content="2">' : ''}
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:640px}form{margin:.4rem 0}button{padding:.4rem 1rem}button[aria-pressed=true]{background:#121212;color:#fff}</style></head>
<body><h1>${esc(vendor.name)} — chaos control</h1><p>${esc(about)}</p>
<p>Current mode: <strong id="mode">${esc(vendor.chaos.mode)}${vendor.chaos.mode === 'slow' ? ` (${vendor.chaos.ms ?? DEFAULT_SLOW_MS} ms)` : ''}</strong></p>
${buttons}
<p>Requests received: ${vendor.requests.length}</p>
${scenarioSection(vendor)}</body></html>`;
}
