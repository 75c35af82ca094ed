import { describe, expect, it, vi } from 'vitest';
import { checkStatus as real } from '@lifeboat/sdk/core';

const load = vi.fn();
vi.mock('../chunks.js', () => ({ degraded: () => load() }));
const { chunkCheck: checkStatus } = await import('./check.js');

describe('parts/check (the loader’s status document check)', () => {
  it('checks with the degraded chunk’s checkStatus, same outcomes', async () => {
    load.mockResolvedValue({ checkStatus: real });
    const doc = { v: 1, generatedAt: 2, guards: { cart: { mode: 'open' }, 'bad name': { mode: 'open' } } };
    expect(await checkStatus(doc)).toEqual(real(doc));
    expect(await checkStatus({ v: 2, guards: {} })).toBeUndefined();
  });
  it('rejects when the chunk cannot be had (the status client keeps the last document)', async () => {
    load.mockRejectedValue(new Error('chunk 404'));
    await expect(checkStatus({ v: 1, guards: {} })).rejects.toThrow('chunk 404');
  });
});
