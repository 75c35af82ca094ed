/**
 * The loader's gate for one widget, before the SDK core is here: the guard's persisted breaker
 * record and the cached fleet status document, read straight from IndexedDB (the layout the core
 * writes: `${storageName}`/`breakers` keyed by guard name, `${storageName}-status`/`status` under
 * `doc`). Only the plain case is decided here — nothing says no: inject now. Anything else (an open
 * breaker, a probe due, the fleet's word) is left to the guard itself, in the core chunk, exactly
 * as it decides it. A store that cannot be read within 500 ms counts as empty, as in the core.
 */
import { createStore, get } from 'idb-keyval';
import { CACHE_LIMIT, STORAGE_WAIT_MS } from '@lifeboat/sdk/core';

/** `go`: nothing stands in the way, load the widget now. `core`: let the guard decide. */
export type GateDecision = 'go' | 'core';


const read = <T>(db: string, store: string, key: string): Promise<T | undefined> =>
  new Promise((resolve) => {
    setTimeout(resolve, STORAGE_WAIT_MS);
    try {
      get<T>(key, createStore(db, store)).then(resolve, () => resolve(undefined));
    } catch {
      resolve(undefined);
    }
  });

type Rec = { state?: string };
type Doc = { t?: number; d?: { guards?: Record<string, { mode?: string; probe?: number } | undefined> } };

export async function gate(storageName: string, guard: string): Promise<GateDecision> {
  const [rec, doc] = await Promise.all([read<Rec>(storageName, 'breakers', guard), read<Doc>(`${storageName}-status`, 'status', 'doc')]);
  const fleet = doc && Date.now() - (doc.t ?? 0) < CACHE_LIMIT ? doc.d?.guards?.[guard] : undefined;
  if (fleet && (fleet.mode !== 'auto' || fleet.probe != null)) return fleet.mode === 'closed' ? 'go' : 'core';
  return rec && rec.state !== 'closed' ? 'core' : 'go';
}
