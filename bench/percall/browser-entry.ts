// Bundled for the Chromium bench page (bench/percall/chromium.ts): opossum + cockatiel from
// node_modules, Lifeboat from the built /lifeboat.browser.js the page imports.
import CircuitBreaker from 'opossum';
import * as cockatiel from 'cockatiel';
// @ts-expect-error: served by the bench page, resolved by the browser
import { createLifeboat } from '/lifeboat.browser.js';
import { makeCases, measure, type Deps } from './cases.js';

(window as unknown as { runBench: (o: object) => Promise<unknown> }).runBench = async (opts: object) => {
  const { cases, close } = makeCases({ CircuitBreaker, cockatiel, createLifeboat } as unknown as Deps);
  try {
    return await measure(cases, opts);
  } finally {
    close();
  }
};
