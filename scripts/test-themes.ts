/**
 * Conformance run against real themes: `npm run test:themes -- --dawn <dir> --horizon <dir>`,
 * each <dir> a theme checkout (with assets/) or a git directory (bare, or a clone's .git), e.g.
 * a clone of github.com/Shopify/dawn. The demo store serves that theme's assets, read at run time
 * (never copied into this repository), with the demo's pages and vendors, and the storefront
 * matrix runs in Chromium: cart faults × hijack styles, a widget ready late, recommendations.
 * Without a path it skips and says why (CI has no theme checkout). Horizon's real JS and CSS run
 * on the fixture's Liquid-free Horizon markup (examples/storefront/src/store/realHorizon.ts).
 * What each theme relies on and where the fixtures differ: docs/real-themes.md.
 */
import { spawnSync } from 'node:child_process';
import { themeCheckout, themeTree } from '../examples/storefront/src/store/themes.js';
import { loadRealHorizon } from '../examples/storefront/src/store/realHorizon.js';

const USAGE = 'usage: npm run test:themes -- [--dawn <checkout or git dir>] [--horizon <checkout or git dir>] [--dist <another packages/shopify/dist>]';

function parse(argv: string[]): { dawn?: string; horizon?: string; dist?: string } {
  const out: { dawn?: string; horizon?: string; dist?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(dawn|horizon|dist)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${JSON.stringify(a)}; ${USAGE}`);
    const value = m[2] ?? argv[++i];
    if (!value) throw new Error(`--${m[1]} needs a path; ${USAGE}`);
    out[m[1] as 'dawn' | 'horizon' | 'dist'] = value;
  }
  return out;
}

async function main(): Promise<number> {
  let themes: { dawn?: string; horizon?: string; dist?: string };
  try {
    themes = parse(process.argv.slice(2));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }
  if (!themes.dawn && !themes.horizon) {
    console.log(`test:themes skipped: no real theme given (${USAGE}). The demo's own theme variants run in npm test.`);
    return 0;
  }
  // Fail early with the path and what is wrong, not halfway through the browser run.
  const must = { dawn: 'cart-drawer.js', horizon: 'base.css' } as const;
  for (const t of ['dawn', 'horizon'] as const) {
    const path = themes[t];
    if (!path) continue;
    try {
      const src = themeCheckout(path);
      if (!(await src(must[t]))) throw new Error(`it has no assets/${must[t]}: is it a ${t} theme?`);
      console.log(`${t}: ${src.describe}`);
    } catch (e) {
      console.error(`--${t} ${path}: ${(e as Error).message}`);
      return 2;
    }
  }
  if (themes.horizon) {
    try {
      const h = await loadRealHorizon(themeTree(themes.horizon));
      console.log(`horizon: ${h.modules.length} modules in the import map, ${h.css.length} bytes of {% stylesheet %} CSS`);
    } catch (e) {
      console.error(`--horizon ${themes.horizon}: ${(e as Error).message}`);
      return 2;
    }
  }
  const files = [
    'test/storefront/cart-faults.chromium.test.ts',
    'test/storefront/no-lifeboat.chromium.test.ts',
    'test/storefront/late-widget.chromium.test.ts',
    'test/storefront/recs-faults.chromium.test.ts',
  ];
  const r = spawnSync('npx', ['vitest', 'run', '--project', 'chromium', ...files], {
    stdio: 'inherit',
    // --dist: the same run against another build of the loader (e.g. before a fix).
    env: {
      ...process.env,
      ...(themes.dawn ? { LIFEBOAT_REAL_DAWN: themes.dawn } : {}),
      ...(themes.horizon ? { LIFEBOAT_REAL_HORIZON: themes.horizon } : {}),
      ...(themes.dist ? { LIFEBOAT_DIST: themes.dist } : {}),
    },
  });
  return r.status ?? 1;
}

main().then((code) => process.exit(code));
