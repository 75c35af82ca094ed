/**
 * Serves the script-tag example on 127.0.0.1: the page, the Lifeboat loader and its chunks at
 * /lifeboat/ (packages/shopify/dist, from `npm run build:browser`), the demo widget at /widget/,
 * and a minimal store cart (POST /cart/add, GET /cart). No dependencies beyond Node.
 *
 * `npx tsx examples/script-tag/serve.ts [--widget=404] [--port=8080]`
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const DIST = here('../../packages/shopify/dist/');

/** `ok`: the widget's script is served; `404`: it is missing, as when a vendor's CDN breaks. */
export type WidgetMode = 'ok' | '404';

export interface ScriptTagDemo {
  url: string;
  /** Switches the widget's script between served and 404 (for the next page load). */
  setWidget(mode: WidgetMode): void;
  /** Items the store's own cart holds (added by the widget or by the native form post). */
  readonly cartCount: number;
  close(): Promise<void>;
}

const JS = 'text/javascript; charset=utf-8';

export async function startScriptTagDemo(opts: { port?: number; widget?: WidgetMode } = {}): Promise<ScriptTagDemo> {
  if (!existsSync(`${DIST}lifeboat.shopify.js`)) throw new Error('packages/shopify/dist is missing: run `npm run build:browser` first');
  let widget: WidgetMode = opts.widget ?? 'ok';
  let cartCount = 0;

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer) =>
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/' || path === '/index.html') return send(res, 200, 'text/html; charset=utf-8', await readFile(here('./index.html')));
    if (path === '/widget/minicart.js') {
      if (widget === '404') return send(res, 404, 'text/plain', 'not found');
      return send(res, 200, JS, await readFile(here('./widget/minicart.js')));
    }
    const chunk = /^\/lifeboat\/(lifeboat\.shopify(?:\.[a-z]+)?\.js(?:\.map)?)$/.exec(path);
    if (chunk) return send(res, 200, chunk[1].endsWith('.map') ? 'application/json' : JS, await readFile(DIST + chunk[1]));
    if (path === '/cart/add' && req.method === 'POST') {
      // The body (variant id, quantity) does not matter to the demo: one item per add.
      for await (const _ of req);
      cartCount += 1;
      // A form post goes on to the cart page, as on Shopify; a fetch from the widget gets JSON.
      if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        return res.writeHead(303, { location: '/cart' }).end();
      }
      return send(res, 200, 'application/json', JSON.stringify({ item_count: cartCount }));
    }
    if (path === '/cart') {
      return send(res, 200, 'text/html; charset=utf-8', `<!doctype html><html lang="en"><title>Cart</title><h1>Your cart</h1><p id="cart-count">${cartCount} item${cartCount === 1 ? '' : 's'}</p><a href="/">Continue shopping</a></html>`);
    }
    send(res, 404, 'text/plain', 'not found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setWidget: (mode) => void (widget = mode),
    get cartCount() {
      return cartCount;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const demo = await startScriptTagDemo({ port: Number(arg('port') ?? 8080), widget: arg('widget') === '404' ? '404' : 'ok' });
  console.log(`script-tag example at ${demo.url}/ (widget script: ${arg('widget') === '404' ? '404' : 'served'}); Ctrl-C to stop`);
}
