import { beforeEach, expect, it, vi } from 'vitest';
import { configHash, configVerdict, VERDICT_KEY } from './verdict.js';

beforeEach(() => localStorage.clear());

it('hashes the exact text: any change, even whitespace, is another hash', () => {
  const a = '{"app":"smartcart"}';
  expect(configHash(a)).toBe(configHash(a));
  expect(configHash(a)).not.toBe(configHash('{"app":"smartcarT"}'));
  expect(configHash(a)).not.toBe(configHash('{ "app":"smartcart"}'));
  expect(configHash('')).toMatch(/^[0-9a-z]+\.[0-9a-z]+$/);
});

it('miss → validator; a pass is stored and the next call is a synchronous hit', async () => {
  const load = vi.fn(async () => ({ validate: () => true }));
  const v = configVerdict('{"a":1}', { a: 1 }, load);
  expect(v).toBeInstanceOf(Promise);
  expect(await v).toBe(true);
  expect(localStorage.getItem(VERDICT_KEY)).toBe(configHash('{"a":1}'));
  expect(configVerdict('{"a":1}', { a: 1 }, load)).toBe(true);
  expect(load).toHaveBeenCalledTimes(1);
});

it('a failed verdict is not stored and leaves the last pass in place', async () => {
  localStorage.setItem(VERDICT_KEY, configHash('{"a":1}'));
  expect(await configVerdict('{"a":2}', { a: 2 }, async () => ({ validate: () => false }))).toBe(false);
  expect(localStorage.getItem(VERDICT_KEY)).toBe(configHash('{"a":1}'));
});

it('a chunk that does not load rejects and stores nothing', async () => {
  await expect(configVerdict('{}', {}, () => Promise.reject(new Error('404')))).rejects.toThrow('404');
  expect(localStorage.getItem(VERDICT_KEY)).toBeNull();
});
