/**
 * Child process of the benchmark: `bare` = node:http answering 204 after reading the body;
 * `collector` = the built collector (dist) on a fresh SQLite file. Prints `{"port":n}` on stdout.
 */
import { createServer } from 'node:http';

const [mode, db] = process.argv.slice(2);

if (mode === 'bare') {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.statusCode = 204;
      res.end();
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.stdout.write(`${JSON.stringify({ port: typeof addr === 'object' && addr ? addr.port : 0 })}\n`);
  });
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
} else {
  // Built output, as shipped (`npm run bench:collector` builds first).
  const { startCollector } = (await import(new URL('../dist/index.js', import.meta.url).href)) as typeof import('../src/index.js');
  const c = await startCollector({
    port: 0,
    db,
    logLevel: 'warn',
    config: {
      // Hardened as deployed: listed origins (each request's Origin is checked), declared guards,
      // incident detection on, every other default (journal, timeouts, caps, evidence rules).
      apps: [{ app: 'bench', publicKey: 'pk_bench_key_0001', origins: ['https://bench.example'], guards: ['cart', 'recs', 'search', 'reviews'] }],
      // One load generator on loopback is one "client" and one key: lift the rate limits for it,
      // and the connection cap above its 64 connections (sockets of the previous round may linger).
      ingest: { perKeyPerSecond: 10_000_000, perClientPerMinute: 1_000_000_000, maxConnectionsPerClient: 256 },
      // BENCH_JOURNAL=off measures without the write-ahead journal (kill -9 then loses ≤ one flush interval)
      ...(process.env.BENCH_JOURNAL === 'off' ? { journal: { dir: null } } : {}),
    },
  });
  process.stdout.write(`${JSON.stringify({ port: Number(new URL(c.url).port) })}\n`);
  process.on('SIGTERM', () => void c.close().then(() => process.exit(0)));
}
