/**
 * The status document check in the loader build (rollup aliases the SDK's `status/check.ts`
 * here). It runs only when the collector sends a new document — a browser's first fetch and after
 * a change; the ETag makes the rest 304s or no request at all — so it comes from the degraded
 * chunk, which a kill switch needs anyway (take-over, notice). If the chunk cannot be had, the
 * status client treats it as any failed read: the last known document stays in force.
 */
import type { StatusDocument } from '@lifeboat/schema';
import { degraded } from '../chunks.js';

export const checkStatus = (x: unknown): Promise<StatusDocument | undefined> => degraded().then((d) => d.checkStatus(x));
