// PLACEHOLDER owned by the beacons work (issue 3): replaced by the real transport.
import type { Lifeboat } from '../types.js';

/** Sends the instance's events as beacons to `config.collector`. Returns a detach function. */
export function attachTransport(lifeboat: Lifeboat): () => void {
  void lifeboat;
  return () => {};
}
