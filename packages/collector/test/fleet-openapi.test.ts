import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCollector, type RunningCollector } from '../src/app.js';
import { baseConfig } from './fleet-support.js';

/**
 * The paths and methods of openapi.yaml. Its layout is fixed (two-space indents; a path at
 * level 1 under `paths:`, its methods at level 2), so lines are enough: no YAML parser needed.
 */
export function documentedRoutes(yaml: string): Set<string> {
  const out = new Set<string>();
  let inPaths = false;
  let path = '';
  for (const line of yaml.split('\n')) {
    if (/^\S/.test(line)) inPaths = line.startsWith('paths:');
    if (!inPaths) continue;
    const p = /^ {2}(\/\S*):\s*$/.exec(line);
    if (p) path = p[1];
    const m = /^ {4}(get|put|post|delete|patch|options|head):\s*$/.exec(line);
    if (m && path) out.add(`${m[1].toUpperCase()} ${path}`);
  }
  return out;
}

/** Fastify's route tree (`printRoutes`) as `METHOD /path/{param}` strings, HEAD left out (fastify adds it to every GET). */
export function registeredRoutes(tree: string): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── (\S+)(?: \(([^)]*)\))?/.exec(line);
    if (!m) continue;
    const depth = m[1].length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + m[2];
    stack[depth] = full;
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
      if (method !== 'HEAD') out.add(`${method} ${full.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return out;
}

describe('openapi.yaml', () => {
  let c: RunningCollector;
  beforeAll(async () => {
    c = await startCollector({ port: 0, db: ':memory:', logLevel: 'silent', config: baseConfig() });
  });
  afterAll(() => c?.close());

  it('documents every route the collector registers, and nothing it does not', () => {
    const yaml = readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8');
    expect(yaml.startsWith('openapi: 3.1.')).toBe(true);
    const documented = documentedRoutes(yaml);
    const registered = registeredRoutes(c.app.printRoutes({ commonPrefix: false }));
    expect(registered.size).toBeGreaterThan(15);
    expect([...registered].filter((r) => !documented.has(r)), 'registered but not in openapi.yaml').toEqual([]);
    expect([...documented].filter((r) => !registered.has(r)), 'in openapi.yaml but not registered').toEqual([]);
    for (const r of ['POST /v1/beacons', 'POST /v1/reports', 'GET /healthz', 'GET /readyz', 'GET /metrics', 'GET /v1/status/{key}.json', 'PUT /v1/admin/apps/{app}/guards/{guard}/mode']) {
      expect(registered.has(r), r).toBe(true);
    }
  });

  it('the fleet gauges are on the collector /metrics', async () => {
    const text = await (await fetch(`${c.url}/metrics`)).text();
    for (const name of ['lifeboat_guard_failure_share', 'lifeboat_guard_calls', 'lifeboat_incident_open']) expect(text).toContain(`# TYPE ${name} gauge`);
  });
});
