/**
 * A newcomer's first minutes, as the README tells them: a fresh clone, the README's first command
 * (`npm install && npm start`), a store that answers, the collector's dashboard, then
 * a shopper in Chromium (the smart cart opens; with the cart app hanging, the theme's own cart and
 * the notice take over), `npx lifeboat-collector --help`, a clean stop, and `git status` still clean. Prints how long
 * each step took. Run by .ci/run; locally:
 *
 *   npx tsx test/newcomer-clone.ts                       # real `npm install` (needs the registry, ~2 min)
 *   npx tsx test/newcomer-clone.ts --copy-node-modules   # reuses this checkout's node_modules instead
 *
 * It clones the committed HEAD (uncommitted changes are not in it). Ports: 3100–3102 and 8887, so
 * it does not clash with a demo already running on the README's ports.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './support/chromium.js';

const repo = fileURLToPath(new URL('../', import.meta.url));
const copyModules = process.argv.includes('--copy-node-modules');
const ports = { STORE_PORT: '3100', CART_VENDOR_PORT: '3101', RECS_VENDOR_PORT: '3102', COLLECTOR_PORT: '8887' };
const store = `http://127.0.0.1:${ports.STORE_PORT}`;
const collector = `http://127.0.0.1:${ports.COLLECTOR_PORT}`;

const t0 = performance.now();
const at = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const say = (m: string) => console.log(`[newcomer ${at().padStart(7)}] ${m}`);
let failures = 0;
const check = (ok: boolean, what: string) => {
  say(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

/** The README's first shell block, as lines of commands (comments stripped). */
function readmeCommands(): string[] {
  const readme = readFileSync(`${repo}README.md`, 'utf8');
  const block = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
  return block.split('\n').map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
}

const run = (cmd: string, args: string[], cwd: string) => {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...ports } });
  return { ...r, secs: (performance.now() - started) / 1000 };
};

async function until(what: string, ok: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await ok().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  say(`gave up waiting for ${what} after ${timeoutMs / 1000} s`);
  return false;
}
const answers = (url: string) => async () => (await fetch(url)).status === 200;

const dir = mkdtempSync(`${tmpdir()}/lifeboat-newcomer-`);
let start: ChildProcess | undefined;
try {
  const commands = readmeCommands();
  check(commands[0] === 'npm install && npm start', `README's first command is \`npm install && npm start\` (got \`${commands[0]}\`)`);
  check(commands[1] === 'npm test', `README's second command is \`npm test\` (got \`${commands[1]}\`)`);

  let r = run('git', ['clone', '--quiet', repo, dir], tmpdir());
  check(r.status === 0, `git clone (${r.secs.toFixed(1)} s)`);

  if (copyModules) {
    r = run('cp', ['-a', `${repo}node_modules`, `${dir}/node_modules`], dir);
    check(r.status === 0, `node_modules copied from this checkout instead of \`npm install\` (${r.secs.toFixed(1)} s)`);
  } else {
    r = run('npm', ['install', '--no-audit', '--no-fund'], dir);
    check(r.status === 0, `npm install (${r.secs.toFixed(1)} s)`);
    check(!/EBADENGINE/.test(`${r.stdout}${r.stderr}`), 'npm install printed no EBADENGINE warning');
  }

  // `npm start` in its own process group, so stopping it stops the store and its build workers.
  let output = '';
  const startedAt = performance.now();
  start = spawn('npm', ['start'], { cwd: dir, detached: true, env: { ...process.env, ...ports }, stdio: ['ignore', 'pipe', 'pipe'] });
  start.stdout!.on('data', (d: Buffer) => (output += d));
  start.stderr!.on('data', (d: Buffer) => (output += d));
  const served = await until('the store', answers(`${store}/`), 180_000);
  const toStore = (performance.now() - startedAt) / 1000;
  check(served && toStore <= 60, `npm start → store HTTP 200 in ${toStore.toFixed(1)} s (README promises ≤ 60 s)`);
  check(await until('a product page', answers(`${store}/products/linen-tote`), 10_000), 'a product page answers');
  check(await until('the loader', answers(`${store}/lifeboat/lifeboat.shopify.js`), 10_000), 'the Lifeboat loader is served');
  check(await until('the dashboard', answers(`${collector}/dashboard`), 10_000), 'the collector dashboard answers');
  check(!/warning/i.test(output.split('store answering')[0] ?? ''), 'npm start printed no build warning before the store answered');

  // What the README's "What to try" promises a shopper, in real Chromium.
  const cartVendor = `http://127.0.0.1:${ports.CART_VENDOR_PORT}`;
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${store}/products/linen-tote`, { waitUntil: 'domcontentloaded' });
    await page.click('#ProductSubmitButton-main');
    const smart = await page.locator('#smartcart-root.smartcart--open .smartcart-line').first().waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
    check(smart, 'add to cart on a healthy day: the smart cart drawer opens');
    const chaos = await fetch(`${cartVendor}/__chaos`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ mode: 'hang' }) });
    check(chaos.ok, 'the cart app set to "hang" through its chaos control');
    await page.goto(`${store}/products/linen-tote`, { waitUntil: 'domcontentloaded' });
    await page.click('#ProductSubmitButton-main');
    const native = await page.locator('cart-drawer.active #CartDrawer .cart-item').first().waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
    check(native, 'with the cart app hanging, add to cart opens the theme\'s own cart drawer');
    const notice = await page.locator('#lifeboat-banner').waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false);
    check(notice, 'and the shopper sees the basic-mode notice');
  } finally {
    await browser.close();
  }

  const built = await until('"everything is built"', async () => output.includes('everything is built'), 180_000);
  check(built, `the background builds finished (${at()})`);
  r = run('npx', ['lifeboat-collector', '--help'], dir);
  check(r.status === 0 && /Usage: lifeboat-collector/.test(r.stdout), 'npx lifeboat-collector --help');

  process.kill(-start.pid!, 'SIGTERM');
  const code = await new Promise<number | null>((res) => start!.on('exit', res));
  start = undefined;
  check(code === 0 || code === null, `npm start stopped cleanly on SIGTERM (exit ${code})`);

  r = run('git', ['status', '--porcelain'], dir);
  check(r.status === 0 && r.stdout.trim() === '', `git status is clean${r.stdout.trim() ? `:\n${r.stdout}` : ''}`);
} finally {
  if (start?.pid) process.kill(-start.pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
say(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
