/**
 * Holding the ground: capture-phase listeners on `window` run before a cart app's listeners on
 * `document`, so a shopper's add-to-cart or cart-icon click made while the widget is not (yet)
 * healthy never reaches the widget's hijack. It is held, then served by the widget (if it became
 * ready) or natively.
 */

/** One shopper action that was held. */
export interface Held {
  kind: 'add' | 'icon';
  /** The product form (add) or the clicked cart link/button (icon). */
  el: HTMLElement;
  submitter?: HTMLElement | null;
}

/**
 * `hold`: keep events from the widget and queue them. `pass`: let everything through untouched
 * (the widget is healthy). `native`: keep events from the widget and serve them natively.
 */
export type GateMode = 'hold' | 'pass' | 'native';

export interface Gate {
  readonly mode: GateMode;
  /** Lets held and future events through to the widget (it is ready). */
  pass(): void;
  /** Serves held and future events with `serve` (the widget failed). */
  native(serve: (h: Held) => void): void;
  /** Removes the listeners. */
  stop(): void;
}

export interface CaptureTargets {
  addToCart: string[];
  cartIcon: string[];
}

/** What is held by default: suits Dawn-like themes. */
export const DEFAULT_CAPTURE: CaptureTargets = {
  addToCart: ['form[action$="/cart/add"]'],
  cartIcon: ['#cart-icon-bubble', 'a[href$="/cart"]'],
};

function closest(target: EventTarget | null, selectors: string[]): HTMLElement | null {
  const el = target instanceof Element ? target : null;
  if (!el || !selectors.length) return null;
  try {
    return el.closest<HTMLElement>(selectors.join(','));
  } catch {
    return null;
  }
}

/** Starts holding add-to-cart submits and cart-icon clicks. Call before injecting the widget's script. */
export function holdGround(targets: CaptureTargets, win: Window = window): Gate {
  let mode: GateMode = 'hold';
  let serve: ((h: Held) => void) | undefined;
  // One pending action per element: a shopper who clicks twice while waiting wants one result.
  const held = new Map<HTMLElement, Held>();
  // Set while we re-dispatch a held action to the widget, so our own listener lets it through.
  let replaying = false;

  const take = (e: Event, h: Held) => {
    e.preventDefault();
    e.stopImmediatePropagation();
    if (mode === 'native' && serve) serve(h);
    else held.set(h.el, h);
  };
  const onSubmit = (e: Event) => {
    if (mode === 'pass' || replaying) return;
    const form = closest(e.target, targets.addToCart);
    if (form) take(e, { kind: 'add', el: form, submitter: (e as SubmitEvent).submitter });
  };
  const onClick = (e: Event) => {
    if (mode === 'pass' || replaying) return;
    const el = closest(e.target, targets.cartIcon);
    if (el) take(e, { kind: 'icon', el });
  };
  win.addEventListener('submit', onSubmit, true);
  win.addEventListener('click', onClick, true);

  const drain = () => {
    const all = [...held.values()];
    held.clear();
    return all;
  };

  return {
    get mode() {
      return mode;
    },
    pass() {
      mode = 'pass';
      for (const h of drain()) {
        replaying = true;
        try {
          if (h.kind === 'add') (h.el as HTMLFormElement).requestSubmit((h.submitter as HTMLButtonElement) ?? undefined);
          else h.el.click();
        } catch {
          // A submitter that left the form: submit without it.
          try {
            if (h.kind === 'add') (h.el as HTMLFormElement).requestSubmit();
          } catch {}
        } finally {
          replaying = false;
        }
      }
    },
    native(fn) {
      mode = 'native';
      serve = fn;
      for (const h of drain()) fn(h);
    },
    stop() {
      win.removeEventListener('submit', onSubmit, true);
      win.removeEventListener('click', onClick, true);
      held.clear();
    },
  };
}
