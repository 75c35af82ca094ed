// PLACEHOLDER owned by the status-client work (issue 4): replaced by the real client.
import type { Lifeboat } from '../types.js';

/** Reads the fleet status document (cached) and applies it to the instance. Returns a detach function. */
export function attachStatus(lifeboat: Lifeboat): () => void {
  void lifeboat;
  return () => {};
}
