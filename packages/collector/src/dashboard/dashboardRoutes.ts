import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { html } from './assets/html.js';
import { css } from './assets/style.js';

/**
 * Scripts and styles only from us: no inline script or style, no eval. uPlot styles its elements
 * through the CSSOM (`el.style.x = …`), which `style-src` does not govern.
 */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Built by the root rollup config (`npm run build`), beside this module's compiled copy in dist/dashboard/. */
const BUNDLE = new URL('../../dist/dashboard/dashboard.js', import.meta.url);

/** Read once, lazily; a missing bundle is reported, not cached. */
const assets: { js?: string; uplotCss?: string } = {};
function bundle(): string | undefined {
  if (assets.js === undefined) {
    try {
      assets.js = readFileSync(BUNDLE, 'utf8');
    } catch {
      return undefined;
    }
  }
  return assets.js;
}
function uplotCss(): string {
  assets.uplotCss ??= readFileSync(createRequire(import.meta.url).resolve('uplot/dist/uPlot.min.css'), 'utf8');
  return assets.uplotCss;
}

/**
 * `GET /dashboard`: the page, its script bundle (uPlot included) and styles. The page signs in
 * through `/dashboard/session` and reads the query API with the session cookie.
 */
export function dashboardRoutes(app: FastifyInstance) {
  const send = (reply: FastifyReply, type: string, body: string) =>
    reply
      .type(type)
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  app.get('/dashboard', async (_req, reply) => send(reply, 'text/html; charset=utf-8', html));
  app.get('/dashboard/dashboard.js', async (_req, reply) => {
    const js = bundle();
    if (js === undefined) return reply.code(503).type('text/plain').send('the dashboard bundle is not built: run npm run build (rollup -c)');
    return send(reply, 'text/javascript; charset=utf-8', js);
  });
  app.get('/dashboard/app.css', async (_req, reply) => send(reply, 'text/css; charset=utf-8', css));
  app.get('/dashboard/uplot.css', async (_req, reply) => send(reply, 'text/css; charset=utf-8', uplotCss()));
}
