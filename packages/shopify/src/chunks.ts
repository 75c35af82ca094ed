/**
 * The storefront's lazily loaded chunks, resolved against the URL of the file that runs this
 * (the chunks ship as assets next to the loader). In the loader (an IIFE) rollup turns
 * `import.meta.url` into `document.currentScript.src`, captured while the loader first runs; in the
 * core chunk (an ES module) it is that chunk's own URL, next to the loader.
 */
import type { Lifeboat } from '@lifeboat/sdk/core';
import type { DegradedPath } from './widget/guardWidget.js';
import type { RecommendationsOptions } from './recommendations/types.js';
import type { BreakerModule, retrying } from '@lifeboat/sdk/core';

export type DegradedChunk = DegradedPath & {
  retrying: typeof retrying;
};

const base = import.meta.url;
let chunk: Promise<DegradedChunk> | undefined;
let opossum: Promise<BreakerModule> | undefined;
const load = <T>(name: string) => import(/* @vite-ignore */ new URL(`lifeboat.shopify.${name}.js`, base).href) as Promise<T>;

/** `lifeboat.shopify.core.js`: the SDK core, the widget guard, the recommendations start (core.ts). */
export const core = () => load<typeof import('./core.js')>('core');

/** `lifeboat.shopify.degraded.js`, fetched once. */
export const degraded = () => (chunk ??= load<DegradedChunk>('degraded'));

/** `lifeboat.shopify.recs.js`: the recommendations chain, for pages with a slot. */
export const recs = () => load<{ fillRecommendations(lifeboat: Lifeboat, opts?: Partial<RecommendationsOptions>): unknown }>('recs');

/** `lifeboat.shopify.validate.js`: zod's explanation of a config the loader's check refused. */
export const validator = () => load<{ validate(raw: unknown): boolean }>('validate');

/** `lifeboat.shopify.breaker.js` (opossum and its glue), fetched once; a failed fetch is tried again next time. */
export const breaker = () =>
  (opossum ??= load<BreakerModule>('breaker').catch((e) => {
    opossum = undefined;
    throw e;
  }));
