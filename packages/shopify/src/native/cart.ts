/**
 * The store's native cart, in order of preference: Shopify's Standard Storefront Actions, the
 * theme's own drawer (Dawn `<cart-drawer>`, Horizon `<theme-drawer id="cart-drawer">`), then a
 * plain form POST and the `/cart` page. Every request uses the page's original `fetch` (a failed
 * widget may have patched it). What each theme is relied on for is listed in docs/shopify.md.
 */

interface ShopifyActions {
  updateCart?: (input: { lines: Array<{ merchandiseId: string; quantity: number }> }) => Promise<unknown>;
  openCart?: () => Promise<unknown> | unknown;
}
interface ShopifyGlobal {
  routes?: { root?: string };
  actions?: ShopifyActions;
}
type DrawerEl = HTMLElement & { open?: (opener?: Element) => void; renderContents?: (state: unknown) => void };

export interface NativeOptions {
  fetch?: typeof fetch;
  win?: Window & typeof globalThis;
  doc?: Document;
}

const shopify = (win: Window) => (win as unknown as { Shopify?: ShopifyGlobal }).Shopify;

/** `Shopify.routes.root` (locale prefix, e.g. `/fr/`), always ending in `/`. */
export function routesRoot(win: Window = window): string {
  const r = shopify(win)?.routes?.root || '/';
  return r.endsWith('/') ? r : `${r}/`;
}

const drawer = (doc: Document) => doc.querySelector<DrawerEl>('cart-drawer') ?? doc.querySelector<DrawerEl>('cart-notification');

/** Horizon's drawer: `<theme-drawer id="cart-drawer">` around `<cart-drawer-component>`. */
const horizonDrawer = (doc: Document) =>
  (doc.querySelector('cart-drawer-component')?.closest('theme-drawer') ?? doc.querySelector('theme-drawer#cart-drawer')) as DrawerEl | null;

/**
 * After an add the cart is not empty. Dawn's product form clears `is-empty` on `<cart-drawer>`
 * itself (the drawer's `renderContents` only clears it on `.drawer__inner`); left there, Dawn's
 * CSS hides the header and lines, and `open()` traps focus on `.drawer__inner-empty`, which a
 * render removed, and throws. Must run before the drawer's open transition ends.
 */
const notEmpty = (doc: Document) => drawer(doc)?.classList.remove('is-empty');

const INSTANT = 'theme-drawer__dialog-instant';
const nextFrame = (win: Window) => new Promise<void>((r) => (typeof win.requestAnimationFrame === 'function' ? win.requestAnimationFrame(() => r()) : setTimeout(r, 16)));

/**
 * Horizon slides its drawer in by animating the panel's `right`, which counts as a layout shift
 * when the drawer opens more than 500 ms after the shopper's input, as a native serve after the
 * readiness budget does (CLS 0.13 at 1280×800 on real Horizon). Its own restore path shows the
 * drawer without the slide with `theme-drawer__dialog-instant` (animation: none); the native
 * path does the same until the drawer has opened (its auto-open on the add, then openCart).
 */
async function withoutSlide<T>(win: Window, doc: Document, fn: () => Promise<T>): Promise<T> {
  const panel = horizonDrawer(doc)?.querySelector('dialog');
  if (!panel || panel.classList.contains(INSTANT)) return fn();
  panel.classList.add(INSTANT);
  try {
    return await fn();
  } finally {
    // Two frames, as Horizon's restore: the open state is rendered before the class goes.
    await nextFrame(win);
    await nextFrame(win);
    panel.classList.remove(INSTANT);
  }
}

/** Opens the theme drawer, or goes to the cart page. The cart icon always leads to a working cart. */
export async function openNativeCart(opts: NativeOptions = {}, opener?: Element): Promise<'actions' | 'drawer' | 'page'> {
  const win = opts.win ?? window;
  const doc = opts.doc ?? document;
  return withoutSlide(win, doc, () => openCart(win, doc, opener));
}

async function openCart(win: Window, doc: Document, opener?: Element): Promise<'actions' | 'drawer' | 'page'> {
  const actions = shopify(win)?.actions;
  if (typeof actions?.openCart === 'function') {
    try {
      await actions.openCart();
      return 'actions';
    } catch {}
  }
  const d = drawer(doc);
  if (d && d.localName === 'cart-drawer') {
    if (typeof d.open === 'function') d.open(opener);
    else d.classList.add('active');
    return 'drawer';
  }
  const h = horizonDrawer(doc);
  if (typeof h?.open === 'function') {
    h.open(opener);
    return 'drawer';
  }
  win.location.assign(`${routesRoot(win)}cart`);
  return 'page';
}

/** Swaps rendered sections (`{id: html}`) into the page the way Dawn's drawer does. */
export function renderSections(sections: Record<string, string | null> | undefined, doc: Document = document): void {
  if (!sections) return;
  for (const [id, html] of Object.entries(sections)) {
    if (html == null) continue;
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    const targets = [doc.getElementById(`shopify-section-${id}`), id === 'cart-drawer' ? doc.getElementById('CartDrawer') : doc.getElementById(id)];
    const target = targets.find(Boolean);
    if (!target) continue;
    const source = parsed.getElementById(target.id) ?? parsed.querySelector('.shopify-section') ?? parsed.body;
    target.innerHTML = source.innerHTML;
  }
  const d = drawer(doc);
  if (d && d.querySelector('.drawer__inner-empty, .cart__empty-text') == null) d.classList.remove('is-empty');
}

export type AddOutcome = 'actions' | 'drawer' | 'page' | 'declined';

/** What the store said when it declined (sold out, quantity), shown where the theme shows errors. */
function showDecline(form: HTMLFormElement, message: string, doc: Document) {
  const slot =
    form.closest('product-form')?.querySelector<HTMLElement>('.product-form__error-message') ??
    form.querySelector<HTMLElement>('[role=alert], .product-form__error-message');
  if (slot) {
    slot.textContent = message;
    slot.closest<HTMLElement>('[hidden]')?.removeAttribute('hidden');
    slot.hidden = false;
  } else {
    const p = doc.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = message;
    form.append(p);
  }
}

/** Adds the product form's item to the native cart and shows it. */
export async function nativeAddToCart(form: HTMLFormElement, opts: NativeOptions = {}, submitter?: HTMLElement | null): Promise<AddOutcome> {
  const win = opts.win ?? window;
  const doc = opts.doc ?? document;
  const f = opts.fetch ?? win.fetch.bind(win);
  let data: FormData;
  try {
    // The clicked button's name/value belongs to the submission, as in a real form post.
    data = new FormData(form, submitter ?? null);
  } catch {
    data = new FormData(form);
  }
  const actions = shopify(win)?.actions;
  const updateCart = actions?.updateCart?.bind(actions);
  const id = data.get('id');
  if (typeof updateCart === 'function' && id) {
    try {
      return await withoutSlide(win, doc, async () => {
        const r = (await updateCart({
          lines: [{ merchandiseId: `gid://shopify/ProductVariant/${id}`, quantity: Number(data.get('quantity') ?? 1) || 1 }],
        })) as { userErrors?: Array<{ message?: string }> } | undefined;
        if (r?.userErrors?.length) {
          showDecline(form, r.userErrors[0].message ?? 'Could not add to cart', doc);
          return 'declined' as const;
        }
        notEmpty(doc);
        await openNativeCart(opts);
        return 'actions' as const;
      });
    } catch {}
  }
  const d = drawer(doc);
  if (d) {
    try {
      data.append('sections', 'cart-drawer,cart-icon-bubble');
      data.append('sections_url', win.location.pathname);
      const res = await f(`${routesRoot(win)}cart/add`, {
        method: 'POST',
        body: data,
        headers: { Accept: 'application/javascript', 'X-Requested-With': 'XMLHttpRequest' },
        credentials: 'same-origin',
      });
      const body = (await res.json().catch(() => ({}))) as { status?: number | string; description?: string; message?: string; sections?: Record<string, string> };
      const status = Number(body.status ?? res.status);
      if (status >= 400 && status < 500) {
        showDecline(form, body.description || body.message || 'Could not add to cart', doc);
        return 'declined';
      }
      if (res.ok && !(status >= 500)) {
        if (typeof d.renderContents === 'function') d.renderContents(body);
        else renderSections(body.sections, doc);
        notEmpty(doc);
        if (typeof d.renderContents !== 'function') await openNativeCart(opts);
        return 'drawer';
      }
    } catch {}
  }
  // Without JavaScript's help: the browser posts the form and the store redirects to /cart.
  // HTMLFormElement.submit() fires no submit event, so no widget listener can cancel it.
  HTMLFormElement.prototype.submit.call(form);
  return 'page';
}
