/**
 * The fleet's last known word on a guard, read from the status client's IndexedDB cache. The
 * SDK applies that cache asynchronously and `lifeboat.ready` does not wait for it, so without
 * this read a page right after a kill switch would still request the widget (then take it over).
 * Coupled to packages/sdk/src/status/attach.ts (`${storageName}-status` / `status` / `doc`, a
 * day's limit); if that changes, the only cost is one script request and a take-over.
 */
import { createStore, get } from 'idb-keyval';
import type { Lifeboat } from '@lifeboat/sdk';

const DAY = 24 * 3_600_000;

/** True when the cached status document says `open` for `guard`. Waits at most `ms`. */
export async function fleetSaysOpen(lifeboat: Lifeboat, guard: string, ms = 150): Promise<boolean> {
  const c = lifeboat.config;
  if (lifeboat.fleet(guard)?.mode === 'open') return true;
  if (!c.collector || !c.publicKey || !c.status.enabled || typeof indexedDB === 'undefined') return false;
  try {
    const cached = await Promise.race([
      get<{ d?: { guards?: Record<string, { mode?: string }> }; t?: number }>('doc', createStore(`${c.storageName}-status`, 'status')),
      new Promise<undefined>((r) => setTimeout(r, ms)),
    ]);
    return !!cached && Date.now() - (cached.t ?? 0) < DAY && cached.d?.guards?.[guard]?.mode === 'open';
  } catch {
    return false;
  }
}
