import { afterEach, describe, expect, it, vi } from 'vitest';

const transport = vi.hoisted(() => ({ detach: vi.fn(), flush: vi.fn(), attach: vi.fn() }));
const status = vi.hoisted(() => ({ detach: vi.fn(), attach: vi.fn() }));
vi.mock('./transport/attach.js', () => ({ attachTransport: transport.attach }));
vi.mock('./status/attach.js', () => ({ attachStatus: status.attach }));

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
