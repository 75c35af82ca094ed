/**
 * The widget's backend: a finite capacity (requests per second, varied by the incident script)
 * serving one FIFO queue. Latency is the wait in the queue plus a base service time, so it grows
 * with load. Work queued longer than `dropAfterMs` is dropped by the server; work whose caller
 * gave up is still served (the server cannot know): that waste is what a stampede costs.
 */
export interface BackendOptions {
  /** Requests per second served when healthy. */
  capacity: number;
  /** Capacity as a share of `capacity` at time t (ms since the start). */
  capacityAt(t: number): number;
  baseLatencyMs: number;
  dropAfterMs: number;
  /** Serving granularity, ms. */
  tickMs: number;
}

interface Job {
  at: number;
  done: (ok: boolean) => void;
  /** The caller gave up (timeout or abort): serving it is waste. */
  gone: boolean;
  probe: boolean;
}

export interface BackendTick {
  offered: number;
  served: number;
  goodput: number;
  dropped: number;
  queue: number;
}

export class Backend {
  private q: Job[] = [];
  private head = 0;
  private carry = 0;
  /** Counters since the last `take()`. */
  private c = { offered: 0, served: 0, goodput: 0, dropped: 0 };

  constructor(
    private readonly o: BackendOptions,
    private readonly start: number,
  ) {
    setInterval(() => this.serve(), o.tickMs);
  }

  /** One request; resolves when served (true) or dropped by the server (false). */
  request(signal?: AbortSignal, probe = false): Promise<boolean> {
    this.c.offered++;
    return new Promise((done) => {
      const job: Job = { at: Date.now(), done, gone: false, probe };
      signal?.addEventListener('abort', () => (job.gone = true), { once: true });
      this.q.push(job);
    });
  }

  /** Requests per second at `at` (epoch ms). */
  capacityAt(at: number): number {
    return this.o.capacity * Math.max(0, this.o.capacityAt(at - this.start));
  }

  get queue() {
    return this.q.length - this.head;
  }

  private serve() {
    const now = Date.now();
    const rate = this.o.capacity * Math.max(0, this.o.capacityAt(now - this.start));
    this.carry += (rate * this.o.tickMs) / 1000;
    while (this.head < this.q.length) {
      const j = this.q[this.head];
      if (now - j.at > this.o.dropAfterMs) {
        this.head++;
        this.c.dropped++;
        j.done(false);
        continue;
      }
      if (this.carry < 1) break;
      this.carry--;
      this.head++;
      this.c.served++;
      if (!j.gone) this.c.goodput++;
      const latency = this.o.baseLatencyMs;
      setTimeout(j.done, latency, true);
    }
    // Unused capacity is not banked.
    if (this.head === this.q.length) this.carry = Math.min(this.carry, 1);
    if (this.head > 4096 && this.head * 2 > this.q.length) {
      this.q = this.q.slice(this.head);
      this.head = 0;
    }
  }

  /** Counters since the last call, and the queue now. */
  take(): BackendTick {
    const r = { ...this.c, queue: this.queue };
    this.c = { offered: 0, served: 0, goodput: 0, dropped: 0 };
    return r;
  }
}
