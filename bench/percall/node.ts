import CircuitBreaker from 'opossum';
import * as cockatiel from 'cockatiel';
import { createLifeboat } from '../../packages/sdk/src/index.js';
import { makeCases, measure, type Deps } from './cases.js';

/** Per-call cost in this Node process (the SDK's sources, as the npm build ships them). */
export async function perCallNode(opts: { calls?: number; rounds?: number } = {}) {
  const { cases, close } = makeCases({ CircuitBreaker, cockatiel, createLifeboat } as unknown as Deps);
  try {
    return { node: process.version, rows: await measure(cases, opts) };
  } finally {
    close();
  }
}
