import { describe, expect, it } from 'vitest';
import { waitReady, WidgetNotReady } from './readiness.js';

const setup = () => {
  const script = document.createElement('script');
  const ctl = new AbortController();
  return { script, url: 'https://vendor.example/w.js', signal: ctl.signal, ctl };
};

describe('waitReady', () => {
  it('resolves on the ready event', async () => {
    const s = setup();
    const p = waitReady({ event: 'w:ready' }, { ...s, budget: 1000 });
    document.dispatchEvent(new Event('w:ready'));
    await expect(p).resolves.toBeUndefined();
  });

  it('resolves when the selector appears', async () => {
    const s = setup();
    const p = waitReady({ selector: '#w-root' }, { ...s, budget: 1000 });
    const el = document.createElement('div');
    el.id = 'w-root';
    document.body.append(el);
    await expect(p).resolves.toBeUndefined();
    el.remove();
  });

  it('resolves when a check function resolves', async () => {
    const s = setup();
    await expect(waitReady({ check: async () => true }, { ...s, budget: 1000 })).resolves.toBeUndefined();
  });

  it('fails on a script load error', async () => {
    const s = setup();
    const p = waitReady({ event: 'w:ready' }, { ...s, budget: 1000 });
    s.script.dispatchEvent(new Event('error'));
    await expect(p).rejects.toMatchObject({ kind: 'load-error' });
  });

  it('fails on an error thrown by the script (attributed by URL), not by others', async () => {
    const s = setup();
    const p = waitReady({ event: 'w:ready' }, { ...s, budget: 1000 });
    window.dispatchEvent(new ErrorEvent('error', { message: 'other', filename: 'https://theme.example/theme.js' }));
    window.dispatchEvent(new ErrorEvent('error', { message: 'boom', filename: s.url }));
    await expect(p).rejects.toMatchObject({ kind: 'script-error', message: 'boom' });
  });

  it('fails when not ready within the budget', async () => {
    const s = setup();
    const p = waitReady({ event: 'w:ready' }, { ...s, budget: 30 });
    await expect(p).rejects.toBeInstanceOf(WidgetNotReady);
    await expect(p).rejects.toMatchObject({ kind: 'budget' });
  });

  it('fails when the guard aborts', async () => {
    const s = setup();
    const p = waitReady({ event: 'w:ready' }, { ...s, budget: 1000 });
    s.ctl.abort();
    await expect(p).rejects.toMatchObject({ kind: 'aborted' });
  });
});
