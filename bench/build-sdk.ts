/**
 * Builds only the SDK's page bundle (packages/sdk/dist/lifeboat.browser.js) from the root
 * rollup.config.js: what the SDK's Chromium tests and benchmarks need, without waiting for the
 * other packages' builds. `npx tsx bench/build-sdk.ts`
 */
import { rollup, type RollupOptions, type OutputOptions } from 'rollup';

export async function buildSdkBrowser(): Promise<string> {
  // @ts-expect-error: rollup.config.js is plain JavaScript without declarations
  const configs = (await import('../rollup.config.js')).default as RollupOptions[];
  const target = configs.find((c) => (c.output as OutputOptions | undefined)?.file?.endsWith('lifeboat.browser.js'));
  if (!target) throw new Error('rollup.config.js has no lifeboat.browser.js target');
  const bundle = await rollup({ ...target, onwarn: target.onwarn ?? (() => {}) });
  const out = target.output as OutputOptions;
  await bundle.write(out);
  await bundle.close();
  return out.file!;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await buildSdkBrowser());
