import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.css': 'text/css',
};

export type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface TestServer {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

/**
 * A loopback server for browser tests: `routes` answer first (return true when handled),
 * then files under `root` are served. `pages` maps a path to inline HTML.
 */
export async function startServer(opts: {
  root?: string;
  pages?: Record<string, string>;
  routes?: Handler;
  port?: number;
}): Promise<TestServer> {
  const server = createServer(async (req, res) => {
    try {
      if (opts.routes && (await opts.routes(req, res))) return;
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const page = opts.pages?.[path];
      if (page !== undefined) {
        res.writeHead(200, { 'content-type': types['.html'], 'cache-control': 'no-store' });
        res.end(page);
        return;
      }
      if (opts.root) {
        const file = normalize(join(opts.root, path));
        if (!file.startsWith(normalize(opts.root))) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        res.end(body);
        return;
      }
      res.writeHead(404).end('not found');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (!res.headersSent) res.writeHead(code === 'ENOENT' || code === 'EISDIR' ? 404 : 500);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
