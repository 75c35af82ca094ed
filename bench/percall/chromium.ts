import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../test/support/chromium.js';
import { startServer } from '../../test/support/static-server.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Per-call cost in headless Chromium: the built lifeboat.browser.js against opossum and cockatiel bundled for the page. */
export async function perCallChromium(opts: { calls?: number; rounds?: number } = {}) {
  const bundle = await build({
    entryPoints: [`${root}bench/percall/browser-entry.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    external: ['/lifeboat.browser.js'],
    alias: { events: 'eventemitter3' }, // as in rollup.config.js
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  });
  const benchJs = bundle.outputFiles[0].text;
  const sdk = await readFile(`${root}packages/sdk/dist/lifeboat.browser.js`, 'utf8');
  const server = await startServer({
    pages: { '/': '<!doctype html><meta charset="utf-8"><title>bench</title><script type="module" src="/bench.js"></script>' },
    routes: (req, res) => {
      const body = req.url === '/bench.js' ? benchJs : req.url === '/lifeboat.browser.js' ? sdk : undefined;
      if (body === undefined) return false;
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
      return true;
    },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => 'runBench' in window);
    const version = browser.version();
    const rows = await page.evaluate((o) => (window as unknown as { runBench: (o: object) => Promise<unknown> }).runBench(o), opts);
    return { chromium: version, rows: rows as Array<{ case: string; nsPerCall: number; ratioToOpossum: number }> };
  } finally {
    await browser.close();
    await server.close();
  }
}
