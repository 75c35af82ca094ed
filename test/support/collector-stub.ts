import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One batch as the stub saw it. */
export interface Received {
  id: string;
  batch: { id: string; sentAt: number; events: Record<string, unknown>[]; [k: string]: unknown };
  at: number;
}

/**
 * `ok`: 202. `500` / `429`: answered so (429 with `Retry-After: 1`). `drop`: the body is read,
 * then the connection is cut with no answer and nothing recorded (a request lost in flight).
 */
export type StubMode = 'ok' | '500' | '429' | 'drop';

export interface CollectorStub {
  url: string;
  /** Every batch received with a 2xx, in arrival order, duplicates included. */
  received: Received[];
  /** Batches by id (what a de-duplicating collector counts). */
  byId(): Map<string, Received>;
  mode: StubMode;
  /** What `GET /v1/status/{key}.json` answers: a document (with an ETag and 304s), an HTTP error, or no answer at all. */
  status: { doc?: unknown; etag?: string; fail?: number | 'hang' };
  /** Status requests seen, with their If-None-Match. */
  statusRequests: { ifNoneMatch?: string }[];
  /** Stops listening (connection refused), keeping the port for `start()`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A tiny beacon sink for Chromium tests: `POST /v1/beacons?key=…` (text/plain JSON, CORS open),
 * recording batches by id. Listens on 127.0.0.1, port 0 unless given.
 */
export async function startCollectorStub(port = 0): Promise<CollectorStub> {
  let server: Server | undefined;
  const sockets = new Set<Socket>();
  const stub: CollectorStub = {
    url: '',
    received: [],
    mode: 'ok',
    status: {},
    statusRequests: [],
    byId: () => new Map(stub.received.map((r) => [r.id, r])),
    async start() {
      server = createServer((req, res) => void handle(req, res));
      server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
      stub.url = `http://127.0.0.1:${port}`;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        server = undefined;
      }),
    close: () => stub.stop(),
  };

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-expose-headers': 'ETag' };
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end();
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && path.startsWith('/v1/status/')) {
      const inm = req.headers['if-none-match'];
      stub.statusRequests.push({ ifNoneMatch: typeof inm === 'string' ? inm : undefined });
      const { doc, etag, fail } = stub.status;
      if (fail === 'hang') return;
      if (fail) return void res.writeHead(fail, cors).end();
      if (!doc) return void res.writeHead(404, cors).end();
      if (etag && inm === etag) return void res.writeHead(304, { ...cors, etag }).end();
      return void res.writeHead(200, { ...cors, 'content-type': 'application/json', 'cache-control': 'no-cache', ...(etag && { etag }) }).end(JSON.stringify(doc));
    }
    if (req.method !== 'POST' || path !== '/v1/beacons') return void res.writeHead(404, cors).end();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (stub.mode === 'drop') return void req.socket.destroy();
    if (stub.mode === '500') return void res.writeHead(500, cors).end();
    if (stub.mode === '429') return void res.writeHead(429, { ...cors, 'retry-after': '1' }).end();
    try {
      const batch = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      stub.received.push({ id: String(batch.id), batch, at: Date.now() });
      res.writeHead(202, cors).end();
    } catch {
      res.writeHead(400, cors).end();
    }
  }

  await stub.start();
  return stub;
}
