import { request } from 'node:http';
import { ORIGIN } from './beacons.js';

const withoutEmpty = (h: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== ''));

export interface Res {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json(): any;
}

/** A raw HTTP request (exact headers and bytes, unlike fetch, which adds and rewrites some). */
export function send(url: string, o: { method?: string; headers?: Record<string, string>; body?: Buffer | string; chunks?: Buffer[]; localAddress?: string } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    // localAddress: any 127.x.y.z is this machine, so tests can be many distinct clients.
    const req = request(url, { method: o.method ?? 'POST', headers: o.headers, agent: false, localAddress: o.localAddress }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) });
      });
    });
    // A server may answer (413) and close before the whole body is written: that is the answer.
    req.on('error', reject);
    if (o.chunks) {
      for (const c of o.chunks) req.write(c);
      req.end();
    } else req.end(o.body);
  });
}

/**
 * POST a beacon batch as a browser's sendBeacon does (text/plain, with the page's Origin: the
 * test apps' listed origin unless `headers.origin` says otherwise; `origin: ''` sends none).
 */
export const postBeacon = (base: string, key: string | null, body: unknown, headers: Record<string, string> = {}) =>
  send(`${base}/v1/beacons${key === null ? '' : `?key=${encodeURIComponent(key)}`}`, {
    headers: withoutEmpty({ 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, ...headers }),
    body: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  });
