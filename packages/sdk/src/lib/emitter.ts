/** A listener of one event type. */
export type Listener<E> = (event: E) => void;

/** The smallest emitter the SDK needs: typed, exception-proof, cheap to ask "anyone listening?". */
export interface Emitter<M> {
  on<K extends keyof M>(type: K, listener: Listener<M[K]>): () => void;
  emit<K extends keyof M>(type: K, event: M[K]): void;
  /** True when `type` has listeners: lets hot paths skip building events nobody reads. */
  has(type: keyof M): boolean;
  clear(): void;
}

/**
 * Creates an emitter whose listeners can never break the emitter's caller: an exception is handed
 * to `onError` and the remaining listeners still run. Listener arrays are copied on write, so a
 * listener may unsubscribe while an event is being delivered.
 */
export function createEmitter<M>(onError: (type: keyof M, error: unknown) => void): Emitter<M> {
  let map: { [K in keyof M]?: Listener<M[K]>[] } = {};
  return {
    on(type, listener) {
      map[type] = [...(map[type] ?? []), listener];
      return () => {
        const rest = map[type]?.filter((l) => l !== listener);
        if (rest?.length) map[type] = rest;
        else delete map[type];
      };
    },
    emit(type, event) {
      const list = map[type];
      if (list)
        for (const l of list)
          try {
            l(event);
          } catch (e) {
            onError(type, e);
          }
    },
    has: (type) => !!map[type],
    clear() {
      map = {};
    },
  };
}
