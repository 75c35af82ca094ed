/**
 * The config's verdict, cached. The script tag's JSON is the same on every page of a store, so
 * the full zod validation (the validate chunk, ~11 kB gzip) runs once per browser per config
 * version: a pass stores a hash of the exact text (and the loader version, whose schema judged
 * it) in localStorage, and a page whose text has that hash trusts it without loading the chunk.
 * Storage blocked → every page validates.
 */
import { VERSION } from '@lifeboat/sdk/core';

/** A fixed key: the storage name is inside the config, which is not trusted yet. */
export const VERDICT_KEY = 'lifeboat:config-ok';

/** FNV-1a (32-bit) and the length: a few lines, and no two versions of a store's config meet. */
export function configHash(text: string): string {
  const s = `${VERSION}\n${text}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x1000193);
  return `${(h >>> 0).toString(36)}.${s.length.toString(36)}`;
}

/**
 * `true` at once when this exact text passed before; otherwise the validate chunk's verdict
 * (it prints the problems), remembered when it is a pass. Rejects when the chunk cannot be had;
 * nothing is stored then.
 */
export function configVerdict(text: string, raw: unknown, load: () => Promise<{ validate(raw: unknown): boolean }>): true | Promise<boolean> {
  const h = configHash(text);
  try {
    if (localStorage.getItem(VERDICT_KEY) === h) return true;
  } catch {}
  return load().then((v) => {
    const ok = v.validate(raw);
    if (ok)
      try {
        localStorage.setItem(VERDICT_KEY, h);
      } catch {}
    return ok;
  });
}
