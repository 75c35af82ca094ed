// @vitest-environment node
// A Node command: Node's fetch and fs, not a page's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractConfigText, validateCommand } from './validateCommand.js';

const dir = mkdtempSync(join(tmpdir(), 'lifeboat-validate-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

async function run(args: string[], stdin?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await validateCommand(args, { out: (l) => out.push(l), err: (l) => err.push(l), stdin: stdin === undefined ? undefined : async () => stdin });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const good = { guards: { smartcart: { timeout: 3000 } }, widgets: [{ name: 'smartcart', script: 'https://cdn.example/app.js', fallback: 'native-cart', ready: { event: 'smartcart:ready' } }] };
const page = (json: string, id = 'lifeboat-config') =>
  `<!doctype html><html><head><script src="/lifeboat.shopify.js" async></script>\n<script type="application/json" id="${id}">\n${json}\n</script></head><body></body></html>`;

describe('lifeboat validate', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/products/mug') res.writeHead(200, { 'content-type': 'text/html' }).end(page(JSON.stringify({ guards: { cart: { timeout: 'soon' } } })));
      else if (req.url === '/config.json') res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ guards: { cart: {} } }));
      else res.writeHead(404).end('not here');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = server.address();
    base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('accepts a valid config file and says what it holds', async () => {
    const r = await run([file('good.json', JSON.stringify(good))]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('valid Shopify config (1 guard, 1 widget)');
  });

  it('names every wrong field with the fix, exit 1', async () => {
    const r = await run([file('bad.json', JSON.stringify({ guards: { cart: { timeout: -5, retires: 2 } } }))]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('2 problems');
    expect(r.err).toMatch(/config\.guards\.cart\.timeout: must be at least \d+ \(got -5\)/);
    expect(r.err).toContain('config.guards.cart: unknown field "retires": remove it or check the spelling');
  });

  it('reads the config out of a theme page, from a file or a URL', async () => {
    expect((await run([file('page.html', page(JSON.stringify(good)))])).code).toBe(0);
    const r = await run([`${base}/products/mug`]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('config.guards.cart.timeout: expected a number (got "soon")');
    expect((await run([`${base}/config.json`])).code).toBe(0);
  });

  it('--sdk checks the createLifeboat config, which has no widgets', async () => {
    const r = await run(['--sdk', file('sdk.json', JSON.stringify(good))]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('unknown field "widgets"');
    expect((await run(['--sdk', file('sdk-good.json', JSON.stringify({ guards: { cart: {} } }))])).out).toContain('valid SDK config (1 guard)');
  });

  it('a Shopify widget must say how its readiness is known', async () => {
    const w = { widgets: [{ ...good.widgets[0], ready: {} }] };
    const r = await run([file('ready.json', JSON.stringify(w))]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('config.widgets.0.ready: needs "event" or "selector"');
  });

  it('reads standard input for -', async () => {
    expect((await run(['-'], JSON.stringify(good))).code).toBe(0);
  });

  it('unreadable input is exit 2 with what to do', async () => {
    expect(await run([join(dir, 'missing.json')])).toMatchObject({ code: 2, err: expect.stringContaining('missing.json: no such file') });
    expect(await run([file('broken.json', '{"guards": ')])).toMatchObject({ code: 2, err: expect.stringContaining('the config is not valid JSON') });
    expect(await run([file('plain.html', '<html><body>no config</body></html>')])).toMatchObject({
      code: 2,
      err: expect.stringContaining('no <script type="application/json" id="lifeboat-config"> on the page (use --id'),
    });
    expect(await run([`${base}/nope`])).toMatchObject({ code: 2, err: expect.stringContaining('answered HTTP 404') });
    expect((await run([])).err).toContain('which config?');
    expect((await run(['--strict', 'x.json'])).err).toContain('unknown option --strict');
  });

  it('finds the tag by another id, whatever the attribute order', () => {
    const html = `<script id='store-cfg' type="application/json">{"guards":{}}</script><script id="lifeboat-config-old">x</script>`;
    expect(extractConfigText(html, 'p', 'store-cfg')).toBe('{"guards":{}}');
    expect(() => extractConfigText(html, 'p')).toThrow(/no <script/);
  });
});
