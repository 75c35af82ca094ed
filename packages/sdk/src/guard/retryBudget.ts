/** Counts calls and spends retries; see {@link retryBudget}. */
export interface RetryBudget {
  /** Counts a call (it earns `share` of a retry). */
  call(now: number): void;
  /** Spends one retry if the window allows it. */
  take(now: number): boolean;
}

/**
 * Retries may be at most `share` of calls over a sliding window (`windowMs` in `n` slots): a token
 * bucket where every call deposits `share` of a token and a retry spends one. A backend that fails
 * everything is therefore hit at most (1 + share) × as often as without retries.
 */
export function retryBudget(share: number, windowMs: number, n: number): RetryBudget {
  const size = windowMs / n;
  const calls: number[] = new Array(n).fill(0);
  const retries: number[] = new Array(n).fill(0);
  let slot = -1;
  // Index of `now`'s slot, clearing the slots that fell out of the window since the last look.
  const at = (now: number) => {
    const k = Math.floor(now / size);
    if (k > slot) {
      for (let j = Math.max(slot + 1, k - n + 1); j <= k; j++) calls[j % n] = retries[j % n] = 0;
      slot = k;
    }
    return slot % n;
  };
  const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
  return {
    call(now) {
      calls[at(now)]++;
    },
    take(now) {
      const s = at(now);
      if (sum(retries) + 1 > share * sum(calls)) return false;
      retries[s]++;
      return true;
    },
  };
}
