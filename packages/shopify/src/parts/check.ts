/**
 * The loader's status check part. It runs only when the collector sends a new document — a
 * browser's first fetch and after a change; the ETag makes the rest 304s or no request at all —
 * so it comes from the degraded chunk, which a kill switch needs anyway (take-over, notice). If
 * the chunk cannot be had, the status client treats it as any failed read: the last known
 * document stays in force.
 */
import type { StatusDocument } from '@lifeboat/schema/lite';
import { degraded } from '../chunks.js';

export const chunkCheck = (x: unknown): Promise<StatusDocument | undefined> => degraded().then((d) => d.checkStatus(x));
