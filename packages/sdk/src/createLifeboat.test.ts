import { afterEach, describe, expect, it, vi } from 'vitest';

const transport = vi.hoisted(() => ({ detach: vi.fn(), flush: vi.fn(), attach: vi.fn() }));
const status = vi.hoisted(() => ({ detach: vi.fn(), attach: vi.fn() }));
vi.mock('./transport/beacons.js', () => ({ attachTransport: transport.attach }));
vi.mock('./status/statusClient.js', () => ({ attachStatus: status.attach }));

import { createLifeboat } from './createLifeboat.js';

const full = { collector: 'https://collector.example.com', publicKey: 'pk_demo_smartcart' };

afterEach(() => vi.clearAllMocks());

describe('createLifeboat attaches the transport and the status client', () => {
  const setUp = () => {
    transport.attach.mockImplementation(() => Object.assign(transport.detach, { flush: transport.flush }));
    status.attach.mockImplementation(() => status.detach);
  };

  it('with collector and publicKey: both attach; flush() reaches the transport; destroy() detaches both', () => {
    setUp();
    const lb = createLifeboat(full);
    expect(transport.attach).toHaveBeenCalledWith(lb, undefined, expect.anything());
    expect(status.attach).toHaveBeenCalledWith(lb, undefined, expect.anything());
    const onFlush = vi.fn();
    lb.on('flush', onFlush);
    lb.flush();
    expect(transport.flush).toHaveBeenCalledOnce();
    expect(onFlush).toHaveBeenCalledOnce();
    lb.destroy();
    expect(transport.detach).toHaveBeenCalledOnce();
    expect(status.detach).toHaveBeenCalledOnce();
    lb.destroy();
    expect(transport.detach).toHaveBeenCalledOnce();
  });

  it.each([
    [{}, 0, 0],
    [{ collector: full.collector }, 0, 0],
    [{ publicKey: full.publicKey }, 0, 0],
    [{ ...full, beacons: { enabled: false } }, 0, 1],
    [{ ...full, status: { enabled: false } }, 1, 0],
  ])('config %j: transport %i, status %i', (config, t, s) => {
    setUp();
    createLifeboat(config).destroy();
    expect(transport.attach).toHaveBeenCalledTimes(t);
    expect(status.attach).toHaveBeenCalledTimes(s);
  });

  it('an integration that throws on attach is an sdk-error; the instance works', async () => {
    transport.attach.mockImplementation(() => {
      throw new Error('transport bug');
    });
    status.attach.mockImplementation(() => status.detach);
    const lb = createLifeboat(full);
    const errors: string[] = [];
    lb.on('sdk-error', (e) => errors.push(e.code));
    await expect(lb.run('cart', () => 1)).resolves.toMatchObject({ value: 1 });
    expect(() => lb.flush()).not.toThrow();
    lb.destroy();
    expect(status.detach).toHaveBeenCalledOnce();
    // attach-failed was emitted before this listener existed; a failing detach is reported:
    status.attach.mockImplementation(() => () => {
      throw new Error('detach bug');
    });
    transport.attach.mockImplementation(() => () => {});
    const lb2 = createLifeboat(full);
    lb2.on('sdk-error', (e) => errors.push(e.code));
    lb2.destroy();
    expect(errors).toContain('detach-failed');
  });
});

describe('one channel per event kind', () => {
  it('a guard’s fallback event carries what was served; a reported fallback is that event too', async () => {
    const lb = createLifeboat({ defaults: { persist: false } });
    const seen: unknown[] = [];
    lb.on('fallback', (e) => seen.push({ guard: e.guard, reason: e.reason, served: e.served }));
    lb.on('report', (e) => seen.push(e.event));
    await lb.run('smartcart', () => Promise.reject(new Error('boom')), { fallback: () => undefined, served: 'native-cart' });
    lb.report({ type: 'fallback', guard: 'recs', reason: 'error', served: 'cache' });
    expect(seen).toEqual([
      { guard: 'smartcart', reason: 'error', served: 'native-cart' },
      { guard: 'recs', reason: 'error', served: 'cache' },
    ]);
    lb.destroy();
  });

  it('an sdk-error reported by an integration reaches lifeboat.on("sdk-error"), not "report"', () => {
    const lb = createLifeboat({ defaults: { persist: false } });
    const errors: unknown[] = [];
    const reports: unknown[] = [];
    lb.on('sdk-error', (e) => e.code !== 'storage-unavailable' && errors.push({ code: e.code, message: e.message, guard: e.guard }));
    lb.on('report', (e) => reports.push(e.event));
    lb.report({ type: 'sdk-error', code: 'native-failed', message: 'cart form missing', guard: 'smartcart' });
    expect(errors).toEqual([{ code: 'native-failed', message: 'cart form missing', guard: 'smartcart' }]);
    expect(reports).toEqual([]);
    lb.destroy();
  });
});
