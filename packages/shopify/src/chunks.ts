/**
 * The loader's lazily loaded chunks, resolved against the loader's own URL (the chunks ship as
 * assets next to it). `document.currentScript` is only set while the loader first runs: this
 * module captures it then.
 */
import type { Lifeboat } from '@lifeboat/sdk';
import type { DegradedPath } from './widget/guardWidget.js';
import type { RecommendationsOptions } from './recommendations/types.js';
import type { BreakerModule, checkStatus, retrying } from '@lifeboat/sdk/core';

export type DegradedChunk = DegradedPath & {
  retrying: typeof retrying;
  checkStatus: typeof checkStatus;
};

const base = (document.currentScript as HTMLScriptElement | null)?.src || location.href;
let chunk: Promise<DegradedChunk> | undefined;
let opossum: Promise<BreakerModule> | undefined;
const load = <T>(name: string) => import(/* @vite-ignore */ new URL(`lifeboat.shopify.${name}.js`, base).href) as Promise<T>;

/** `lifeboat.shopify.degraded.js`, fetched once. */
export const degraded = () => (chunk ??= load<DegradedChunk>('degraded'));

/** `lifeboat.shopify.recs.js`: the recommendations chain, for pages with a slot. */
export const recs = () => load<{ fillRecommendations(lifeboat: Lifeboat, opts?: Partial<RecommendationsOptions>): unknown }>('recs');

/** `lifeboat.shopify.validate.js`: the full zod validation with its messages (config/verdict.ts). */
export const validator = () => load<{ validate(raw: unknown): boolean }>('validate');

/** `lifeboat.shopify.breaker.js` (opossum and its glue), fetched once; a failed fetch is tried again next time. */
export const breaker = () =>
  (opossum ??= load<BreakerModule>('breaker').catch((e) => {
    opossum = undefined;
    throw e;
  }));
