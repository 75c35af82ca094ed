import { GUARD_DEFAULTS } from '@lifeboat/schema/lite';
import { describe, expect, it, vi } from 'vitest';
import { invoke, retrying } from '@lifeboat/sdk/core';
import { chunkAction } from './action.js';

describe('the loader build’s guard action', () => {
  it('a guard without retries calls the work once, nothing loaded', () => {
    const load = vi.fn();
    expect(chunkAction(load)(GUARD_DEFAULTS, () => true)).toBe(invoke);
    expect(load).not.toHaveBeenCalled();
  });

  it('a guard with retries gets the real retry loop from the chunk, loaded once', async () => {
    const load = vi.fn(async () => ({ retrying }));
    const o = { ...GUARD_DEFAULTS, retries: 1, retryDelay: 1, retryMaxDelay: 2, retryBudget: 1 };
    const act = chunkAction(load)(o, () => true);
    let n = 0;
    const flaky = () => (++n < 2 ? Promise.reject(Object.assign(new Error('503'), { status: 503 })) : Promise.resolve('ok'));
    await expect(act(flaky, new AbortController(), undefined)).resolves.toBe('ok');
    expect(n).toBe(2);
    await expect(act(() => Promise.resolve(1), new AbortController(), undefined)).resolves.toBe(1);
    expect(load).toHaveBeenCalledOnce();
  });
});
