import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { KEY, ORIGIN, callsBatch, testConfig } from './support/beacons.js';
import { postBeacon } from './support/http.js';

/** Opens a socket to the collector; resolves once connected. */
const open = (url: string): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const s = connect({ host: hostname, port: Number(port) }, () => resolve(s));
    s.on('error', () => undefined);
    s.once('error', reject);
  });
const closed = (s: Socket) => new Promise<void>((r) => (s.destroyed ? r() : s.once('close', () => r())));

describe('slow and greedy clients', () => {
  let c: RunningCollector | undefined;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.destroy();
    await c?.close();
    c = undefined;
  });

  it('closes slowloris connections (headers and body trickling in) once ingest.requestTimeoutMs has passed', async () => {
    c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: testConfig({ journal: { dir: null }, ingest: { requestTimeoutMs: 1000 } }) });
    const { host } = new URL(c.url);
    const trickle: NodeJS.Timeout[] = [];
    const started = Date.now();
    for (let i = 0; i < 20; i++) {
      const s = await open(c.url);
      sockets.push(s);
      // Half of them never finish the headers, half never finish the body; each sends a byte every 200 ms.
      s.write(i % 2 ? `POST /v1/beacons?key=${KEY} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\n\r\n{` : `POST /v1/beacons?key=${KEY} HTTP/1.1\r\nHost: ${host}\r\n`);
      trickle.push(setInterval(() => !s.destroyed && s.write(i % 2 ? ' ' : 'X'), 200));
    }
    await Promise.all(sockets.map(closed));
    trickle.forEach(clearInterval);
    // Closed by the server, well before the 20 s the issue saw them survive.
    expect(Date.now() - started).toBeLessThan(10_000);
    // And the collector still serves real pages.
    expect((await postBeacon(c.url, KEY, callsBatch(), { origin: ORIGIN })).status).toBe(202);
  });

  it('caps open connections per client address; the extra ones are closed at once and counted', async () => {
    c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: testConfig({ journal: { dir: null }, ingest: { maxConnectionsPerClient: 5 } }) });
    for (let i = 0; i < 8; i++) sockets.push(await open(c.url));
    const states = await Promise.all(sockets.map((s) => Promise.race([closed(s).then(() => 'closed'), new Promise((r) => setTimeout(() => r('open'), 500))])));
    expect(states.filter((x) => x === 'closed')).toHaveLength(3);
    expect(await c.ctx.registry.getSingleMetricAsString('lifeboat_connections_refused_total')).toMatch(/ 3$/m);
    // Once they go, the client may connect again.
    for (const s of sockets.splice(0)) s.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect((await postBeacon(c.url, KEY, callsBatch(), { origin: ORIGIN })).status).toBe(202);
  });
});
