import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { html } from './assets/html.js';
import { script } from './assets/script.js';
import { css } from './assets/style.js';

/** Scripts only from us; uPlot sets element styles, which `style-src` must allow. */
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** uPlot from the installed package, read once, lazily (works from src under tsx and from dist). */
let uplot: { js: string; css: string } | undefined;
function uplotAssets() {
  if (!uplot) {
    const require = createRequire(import.meta.url);
    uplot = {
      js: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js'), 'utf8'),
      css: readFileSync(require.resolve('uplot/dist/uPlot.min.css'), 'utf8'),
    };
  }
  return uplot;
}

/**
 * `GET /dashboard`: a static page that reads the query API with a token the user types in.
 * The assets are TypeScript string modules, so `tsc` carries them into dist with no copy step.
 */
export function dashboardRoutes(app: FastifyInstance) {
  const send = (type: string, body: () => string) => async (_req: unknown, reply: import('fastify').FastifyReply) =>
    reply.type(type).header('cache-control', 'no-cache').header('content-security-policy', CSP).header('x-content-type-options', 'nosniff').send(body());
  app.get('/dashboard', send('text/html; charset=utf-8', () => html));
  app.get('/dashboard/app.js', send('text/javascript; charset=utf-8', () => script));
  app.get('/dashboard/app.css', send('text/css; charset=utf-8', () => css));
  app.get('/dashboard/uplot.js', send('text/javascript; charset=utf-8', () => uplotAssets().js));
  app.get('/dashboard/uplot.css', send('text/css; charset=utf-8', () => uplotAssets().css));
}
