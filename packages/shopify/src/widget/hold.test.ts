import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdGround, type Gate } from './hold.js';

const targets = { addToCart: ['form[action$="/cart/add"]'], cartIcon: ['#cart-icon-bubble'] };

describe('holdGround', () => {
  let gate: Gate;
  let widgetSaw: string[];
  let themeSaw: string[];
  const widget = (e: Event) => {
    widgetSaw.push(e.type);
    e.preventDefault();
    e.stopImmediatePropagation();
  };
  beforeEach(() => {
    document.body.innerHTML = `<form action="/cart/add" method="post"><input name="id" value="1"><button id="add">Add</button></form>
      <a id="cart-icon-bubble" href="/cart">cart</a><a id="other" href="/pages/x">x</a>`;
    widgetSaw = [];
    themeSaw = [];
    const form = document.querySelector('form')!;
    form.addEventListener('submit', (e) => {
      themeSaw.push('submit');
      e.preventDefault();
    });
    document.getElementById('cart-icon-bubble')!.addEventListener('click', (e) => {
      themeSaw.push('click');
      e.preventDefault();
    });
    // The widget's hijack, installed after Lifeboat's listeners the way a cart app does at load.
    gate = holdGround(targets);
    document.addEventListener('submit', widget, true);
    document.addEventListener('click', widget, true);
  });
  afterEach(() => {
    gate.stop();
    document.removeEventListener('submit', widget, true);
    document.removeEventListener('click', widget, true);
  });

  it('holds an add-to-cart and a cart-icon click before the widget sees them', () => {
    document.querySelector('form')!.requestSubmit();
    document.getElementById('cart-icon-bubble')!.click();
    expect(widgetSaw).toEqual([]);
    expect(themeSaw).toEqual([]);
  });

  it('lets unrelated clicks through untouched', () => {
    document.getElementById('other')!.addEventListener('click', (e) => e.preventDefault());
    document.getElementById('other')!.click();
    expect(widgetSaw).toEqual(['click']);
  });

  it('replays held actions to the widget once it is ready, then stays out of the way', () => {
    document.querySelector('form')!.requestSubmit();
    document.getElementById('cart-icon-bubble')!.click();
    gate.pass();
    expect(widgetSaw).toEqual(['submit', 'click']);
    document.querySelector('form')!.requestSubmit();
    expect(widgetSaw).toEqual(['submit', 'click', 'submit']);
  });

  it('holds one action per element: a double click is one add', () => {
    document.querySelector('form')!.requestSubmit();
    document.querySelector('form')!.requestSubmit();
    const serve = vi.fn();
    gate.native(serve);
    expect(serve).toHaveBeenCalledTimes(1);
  });

  it('serves held and later actions natively after a failure, never through the widget', () => {
    document.querySelector('form')!.requestSubmit();
    const serve = vi.fn();
    gate.native(serve);
    expect(serve).toHaveBeenCalledWith(expect.objectContaining({ kind: 'add' }));
    document.getElementById('cart-icon-bubble')!.click();
    expect(serve).toHaveBeenLastCalledWith(expect.objectContaining({ kind: 'icon' }));
    expect(widgetSaw).toEqual([]);
  });
});
