import type { IncomingMessage, ServerResponse } from 'node:http';
import { defineConfig, type Plugin } from 'vite';

const REVIEWS = {
  average: 4.6,
  count: 128,
  reviews: [
    { author: 'Ana', rating: 5, text: 'Sturdy and holds a week of groceries.' },
    { author: 'Jon', rating: 4, text: 'Lovely fabric; the strap could be longer.' },
  ],
};

/**
 * The demo's reviews backend at `/api/reviews`: healthy by default; `fail=500` answers 500 and
 * `fail=hang` never answers (the guard's timeout is what ends the wait). Returns false for other
 * paths. Exported so the example's test serves the built page with the same backend.
 */
export function reviewsBackend(req: IncomingMessage, res: ServerResponse): boolean {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname !== '/api/reviews') return false;
  const fail = url.searchParams.get('fail');
  if (fail === 'hang') return true;
  if (fail === '500') {
    res.writeHead(500, { 'content-type': 'text/plain' }).end('reviews backend down');
    return true;
  }
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(REVIEWS));
  return true;
}

const demoBackend = (): Plugin => ({
  name: 'demo-reviews-backend',
  configureServer(server) {
    server.middlewares.use((req, res, next) => (reviewsBackend(req, res) ? undefined : next()));
  },
  configurePreviewServer(server) {
    server.middlewares.use((req, res, next) => (reviewsBackend(req, res) ? undefined : next()));
  },
});

export default defineConfig({
  plugins: [demoBackend()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
