import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { fleetOf } from '../src/fleet/plugin.js';
import { KEY, callsBatch, testConfig } from './support/beacons.js';
import { postBeacon, send } from './support/http.js';

const PROMTOOL = process.env.PROMTOOL ?? '/usr/bin/promtool';
const READ = 'rt_test_read_token_0001';

describe('/metrics', () => {
  let c: RunningCollector;
  beforeAll(async () => {
    c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: testConfig({ metrics: { requireToken: true }, incidents: { enabled: true, evaluateEveryMs: 3_600_000 } }) });
    // Some of everything, so every labelled series has values.
    await postBeacon(c.url, KEY, callsBatch({ success: 3, failure: 1 }));
    await postBeacon(c.url, KEY, '{not json');
    await c.ctx.aggregator.flush();
    await fleetOf(c.ctx)!.detector.tick();
  });
  afterAll(() => c?.close());

  const scrape = () => send(`${c.url}/metrics`, { method: 'GET', headers: { authorization: `Bearer ${READ}` } });

  if (!existsSync(PROMTOOL)) console.warn(`[metrics.test] skipping the promtool check: ${PROMTOOL} not found (apt-get install prometheus, or set PROMTOOL)`);
  it.skipIf(!existsSync(PROMTOOL))('passes promtool check metrics (names, types, help, no _total gauges)', async () => {
    const r = await scrape();
    expect(r.status).toBe(200);
    const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: r.text, encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
    expect(check.status).toBe(0);
  });

  it('uses the conventional names: process_* and nodejs_* unprefixed, lifeboat_* for ours', async () => {
    const text = (await scrape()).text;
    expect(text).toContain('# TYPE process_cpu_seconds_total counter');
    expect(text).not.toMatch(/process_process_|lifeboat_process_/);
    for (const line of text.split('\n').filter((l) => l.startsWith('# TYPE'))) {
      const [, , name, type] = line.split(' ');
      if (type === 'counter') expect(name).toMatch(/_total$/);
      else expect(name).not.toMatch(/_total$/);
    }
  });

  it('refuses public keys and bad tokens through the one authorizer, counting and logging each failure', async () => {
    const warn = vi.spyOn(c.app.log, 'warn');
    expect((await send(`${c.url}/metrics`, { method: 'GET', headers: { authorization: `Bearer ${KEY}` } })).status).toBe(403);
    expect((await send(`${c.url}/metrics`, { method: 'GET' })).status).toBe(401);
    for (let i = 0; i < 5; i++) expect((await send(`${c.url}/metrics`, { method: 'GET', headers: { authorization: `Bearer wrong_token_${i}_xxxxxxxx` } })).status).toBe(401);
    const text = (await scrape()).text;
    expect(text).toContain('lifeboat_auth_failures_total{reason="public_key"} 1');
    expect(text).toContain('lifeboat_auth_failures_total{reason="missing_token"} 1');
    expect(text).toContain('lifeboat_auth_failures_total{reason="unknown_token"} 5');
    // Logged, but folded under a guessing attack: one line per reason per 10 s.
    const lines = warn.mock.calls.filter((c) => c[1] === 'authentication failed');
    expect(lines.map((l) => (l[0] as { reason: string }).reason).sort()).toEqual(['missing_token', 'public_key', 'unknown_token']);
    expect(JSON.stringify(lines)).not.toContain('wrong_token');
    warn.mockRestore();
  });
});
