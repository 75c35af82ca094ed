import type { BreakerRecord } from './record.js';

/** A transition as tabs tell each other. */
export interface TabMessage {
  name: string;
  record: BreakerRecord;
}

/** The tabs of one shop origin, over BroadcastChannel; a no-op where there is none. */
export interface TabChannel {
  post(message: TabMessage): void;
  close(): void;
}

/** Opens `name`; `receive` gets what other tabs post (never this tab's own messages). */
export function openTabChannel(name: string, receive: (message: unknown) => void): TabChannel {
  let ch: BroadcastChannel | undefined;
  try {
    ch = new BroadcastChannel(name);
    ch.onmessage = (e: MessageEvent) => receive(e.data);
    // Node (tests, server rendering): an open channel must not keep the process alive.
    (ch as { unref?: () => void }).unref?.();
  } catch {
    // No BroadcastChannel (old Safari, some webviews): each tab keeps its own view.
  }
  return {
    post(m) {
      try {
        ch?.postMessage(m);
      } catch {
        // a closed channel: nothing to tell
      }
    },
    close() {
      ch?.close();
      ch = undefined;
    },
  };
}
