// opossum 9 ships no types; this declares only what the guard core uses (see lib/circuit.js).
declare module 'opossum' {
  export interface CircuitBreakerOptions {
    timeout?: number | false;
    resetTimeout?: number;
    errorThresholdPercentage?: number;
    volumeThreshold?: number;
    rollingCountTimeout?: number;
    rollingCountBuckets?: number;
    capacity?: number;
    rollingPercentilesEnabled?: boolean;
    enableSnapshots?: boolean;
    /** An emitter whose 'rotate' event rotates the rolling window instead of a setInterval. */
    rotateBucketController?: {
      on(event: string, fn: () => void): unknown;
      removeListener(event: string, fn: () => void): unknown;
      listenerCount(event: string, fn?: () => void): number;
    };
    errorFilter?: (error: any, ...args: any[]) => boolean;
    name?: string;
    /** A Status made by `CircuitBreaker.newStatus` (or plain stats, then with default options). */
    status?: unknown;
    /** Restores a state, e.g. `{ closed: false, halfOpen: true }`. */
    state?: { closed?: boolean; halfOpen?: boolean; open?: boolean; lastTimerAt?: number };
  }
  export default class CircuitBreaker<A extends unknown[] = any[], R = unknown> {
    constructor(action: (...args: A) => R | Promise<R>, options?: CircuitBreakerOptions);
    fire(...args: A): Promise<R>;
    /** What `fire` calls (opossum reads it on every call, so it may be swapped between calls). */
    action: (...args: A) => R | Promise<R>;
    on(event: string, listener: (...args: any[]) => void): this;
    /** A function called (with the call's arguments and the error) instead of rejecting. */
    fallback(fn: (...args: unknown[]) => unknown): this;
    open(): void;
    close(): void;
    shutdown(): void;
    readonly opened: boolean;
    readonly closed: boolean;
    readonly halfOpen: boolean;
    readonly semaphore: { readonly count: number };
    readonly stats: { fires: number; failures: number; successes: number; timeouts: number; rejects: number };
    /** A rolling-window Status; `stats` primes its current bucket. */
    static newStatus(options: CircuitBreakerOptions & { stats?: Record<string, number> }): unknown;
  }
}
