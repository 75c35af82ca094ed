/**
 * The store origin: theme pages, the Ajax Cart API over a cookie-session cart, the Section
 * Rendering API, Shopify's product recommendations, and the Lifeboat loader at /lifeboat/.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Cart, CartError, CartSessions, type AddItem } from '../cart/cart.js';
import { productAvailable, productByHandle, productById, related, type Product } from '../catalog.js';
import { first, propertiesOf, registerBodyParsers, updatesOf, type Fields } from './body.js';
import * as pages from './pages.js';
import { parseSections, renderSection, renderSections } from './sections.js';
import { THEMES, type AssetSource, type ThemeName } from './themes.js';
import type { RealHorizon } from './realHorizon.js';

export interface StoreOptions {
  sessions: CartSessions;
  /** Defaults of the per-shopper switches (each can be flipped with a query parameter, kept in a cookie). */
  defaults: { lifeboat: boolean; smartcart: boolean; native: boolean; theme: ThemeName };
  /** The Lifeboat config embedded in pages (computed per request so tests can change it). */
  lifeboatConfig(): unknown;
  /** The cart app's script URL, for stores that include it without Lifeboat. */
  smartcartSrc(): string;
  /** Directory served at /lifeboat/ (packages/shopify/dist). */
  lifeboatDist: string;
  /** Each theme variant's static assets (`/assets/*` for Dawn, `/horizon/assets/*` for Horizon). */
  themeAssets: Record<ThemeName, AssetSource>;
  /** A real Horizon read from a checkout (conformance run): its pages get the fixture's Horizon markup. */
  realHorizon?: RealHorizon;
}

const LOCALES = ['fr', 'de', 'es'];
const CART_COOKIE = 'cart';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
};

type Req = FastifyRequest & { raw: FastifyRequest['raw'] & { lbLocale?: string } };

/** Shopify.routes.root for this request: '/' or '/fr/'. */
const rootOf = (req: FastifyRequest) => {
  const locale = (req.raw as Req['raw']).lbLocale;
  return locale ? `/${locale}/` : '/';
};

/** Whether the client wants JSON back (the Ajax API), not the no-JavaScript redirect. */
const wantsJson = (req: FastifyRequest) => {
  if (req.url.split('?')[0].endsWith('.js')) return true;
  const accept = String(req.headers.accept ?? '');
  // A JSON body never comes from a plain HTML form.
  const jsonBody = String(req.headers['content-type'] ?? '').startsWith('application/json');
  return jsonBody || /application\/(json|javascript)|text\/javascript/.test(accept) || req.headers['x-requested-with'] === 'XMLHttpRequest';
};

export async function createStoreServer(opts: StoreOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    rewriteUrl(raw) {
      const url = raw.url ?? '/';
      const m = /^\/([a-z]{2})(?=\/|\?|$)/.exec(url);
      if (m && LOCALES.includes(m[1])) {
        (raw as Req['raw']).lbLocale = m[1];
        const rest = url.slice(3);
        return rest.startsWith('/') ? rest : `/${rest}`;
      }
      return url;
    },
  });
  await app.register(cookie);
  await registerBodyParsers(app);
  const { sessions } = opts;
  const real = { horizon: !!opts.realHorizon };

  /** The shopper's cart; a new one (and its cookie) when there is none yet. */
  function cartOf(req: FastifyRequest, reply: FastifyReply): Cart {
    const existing = sessions.get(req.cookies[CART_COOKIE]);
    if (existing) return existing;
    const cart = sessions.create();
    reply.setCookie(CART_COOKIE, cart.token, { path: '/', sameSite: 'lax', maxAge: 14 * 86400 });
    // Later handlers in the same request read the cookie; make the new cart visible to them.
    req.cookies[CART_COOKIE] = cart.token;
    return cart;
  }

  /** Switch from a query parameter (`?native=1`), remembered in a cookie, else the default. */
  function flag(req: FastifyRequest, reply: FastifyReply, name: 'lifeboat' | 'smartcart' | 'native'): boolean {
    const q = (req.query as Record<string, string | undefined>)[name];
    const cookieName = `demo_${name}`;
    if (q === '1' || q === '0') {
      reply.setCookie(cookieName, q, { path: '/', sameSite: 'lax' });
      return q === '1';
    }
    const c = req.cookies[cookieName];
    if (c === '1' || c === '0') return c === '1';
    return opts.defaults[name];
  }

  /** Theme variant from `?theme=horizon|dawn`, remembered in a cookie, else the default. */
  function themeOf(req: FastifyRequest, reply: FastifyReply): ThemeName {
    const q = (req.query as Record<string, string | undefined>).theme;
    if (q && (THEMES as readonly string[]).includes(q)) {
      reply.setCookie('demo_theme', q, { path: '/', sameSite: 'lax' });
      return q as ThemeName;
    }
    const c = req.cookies.demo_theme;
    return c && (THEMES as readonly string[]).includes(c) ? (c as ThemeName) : opts.defaults.theme;
  }

  function ctx(req: FastifyRequest, reply: FastifyReply): pages.PageContext {
    return {
      root: rootOf(req),
      cart: cartOf(req, reply).toJSON(),
      lifeboat: flag(req, reply, 'lifeboat') ? { config: opts.lifeboatConfig(), src: '/lifeboat/lifeboat.shopify.js' } : null,
      smartcartSrc: flag(req, reply, 'smartcart') ? opts.smartcartSrc() : null,
      nativeActions: flag(req, reply, 'native'),
      theme: themeOf(req, reply),
      realHorizon: opts.realHorizon,
    };
  }

  /** Section Rendering API on any page: `?sections=a,b` → JSON, `?section_id=a` → HTML. */
  function sendPage(req: FastifyRequest, reply: FastifyReply, render: (c: pages.PageContext) => string, status = 200) {
    const q = req.query as Record<string, unknown>;
    const cart = cartOf(req, reply).toJSON();
    if (q.sections !== undefined) {
      return reply.header('cache-control', 'no-store').send(renderSections(parseSections(q.sections), cart, rootOf(req), real));
    }
    if (typeof q.section_id === 'string') {
      const html = renderSection(q.section_id, cart, rootOf(req), real);
      return reply.code(html === null ? 404 : 200).type('text/html; charset=utf-8').send(html ?? '');
    }
    return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(render(ctx(req, reply)));
  }

  /** Cart endpoint answer: JSON (+ sections) for the Ajax API, a redirect for plain forms. */
  function answer(req: FastifyRequest, reply: FastifyReply, cart: Cart, body: unknown, fields: Fields) {
    const root = rootOf(req);
    if (!wantsJson(req)) {
      const returnTo = first(fields.return_to);
      const safe = typeof returnTo === 'string' && returnTo.startsWith('/') && !returnTo.startsWith('//') ? returnTo : `${root}cart`;
      return reply.redirect(safe, 302);
    }
    const sections = parseSections(fields.sections);
    const payload = sections.length && body && typeof body === 'object' ? { ...body, sections: renderSections(sections, cart.toJSON(), root, real) } : body;
    return reply.header('cache-control', 'no-store').send(payload);
  }

  function fail(req: FastifyRequest, reply: FastifyReply, err: unknown) {
    if (!(err instanceof CartError)) throw err;
    if (wantsJson(req)) return reply.code(err.status).send(err.toJSON());
    return sendPage(req, reply, (c) => pages.cartPage(c, err.description), err.status);
  }

  const fieldsOf = (req: FastifyRequest): Fields => {
    const body = req.body && typeof req.body === 'object' ? (req.body as Fields) : {};
    return { ...(req.query as Fields), ...body };
  };

  // ---- Ajax Cart API -------------------------------------------------------------------------
  for (const path of ['/cart.js', '/cart.json']) {
    app.get(path, (req, reply) => reply.header('cache-control', 'no-store').send(cartOf(req, reply).toJSON()));
  }

  for (const path of ['/cart/add.js', '/cart/add']) {
    app.post(path, (req, reply) => {
      const cart = cartOf(req, reply);
      const f = fieldsOf(req);
      try {
        if (Array.isArray(f.items)) {
          const added = cart.add(f.items as AddItem[]);
          return answer(req, reply, cart, { items: added }, f);
        }
        const quantity = first(f.quantity);
        const [item] = cart.add([
          { id: Number(first(f.id)), quantity: quantity === undefined || quantity === '' ? 1 : Number(quantity), properties: propertiesOf(f) },
        ]);
        return answer(req, reply, cart, item, f);
      } catch (err) {
        return fail(req, reply, err);
      }
    });
  }

  for (const path of ['/cart/change.js', '/cart/change']) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => {
      const cart = cartOf(req, reply);
      const f = fieldsOf(req);
      try {
        const quantity = first(f.quantity);
        cart.change({
          id: first(f.id) as string | undefined,
          line: first(f.line) === undefined ? undefined : Number(first(f.line)),
          quantity: quantity === undefined || quantity === '' ? undefined : Number(quantity),
          properties: propertiesOf(f),
        });
        return answer(req, reply, cart, cart.toJSON(), f);
      } catch (err) {
        return fail(req, reply, err);
      }
    };
    app.post(path, handler);
    app.get(path, handler); // Dawn's remove link: /cart/change?line=1&quantity=0
  }

  for (const path of ['/cart/update.js', '/cart/update']) {
    app.post(path, (req, reply) => {
      const cart = cartOf(req, reply);
      const f = fieldsOf(req);
      try {
        cart.update({ updates: updatesOf(f), note: f.note, attributes: f.attributes });
        return answer(req, reply, cart, cart.toJSON(), f);
      } catch (err) {
        return fail(req, reply, err);
      }
    });
  }

  for (const path of ['/cart/clear.js', '/cart/clear']) {
    const handler = (req: FastifyRequest, reply: FastifyReply) => {
      const cart = cartOf(req, reply);
      cart.clear();
      return answer(req, reply, cart, cart.toJSON(), fieldsOf(req));
    };
    app.post(path, handler);
    app.get(path, handler);
  }

  // ---- Cart page, checkout -------------------------------------------------------------------
  app.get('/cart', (req, reply) => sendPage(req, reply, (c) => pages.cartPage(c)));

  // The cart form (page or drawer): quantities in `updates[]`, then either stay or go to checkout.
  app.post('/cart', (req, reply) => {
    const cart = cartOf(req, reply);
    const f = fieldsOf(req);
    try {
      const updates = updatesOf(f);
      if (updates !== undefined) cart.update({ updates, note: f.note });
    } catch (err) {
      return fail(req, reply, err);
    }
    const root = rootOf(req);
    return reply.redirect(f.checkout !== undefined ? `${root}checkout` : `${root}cart`, 302);
  });

  app.get('/checkout', (req, reply) => {
    const cart = cartOf(req, reply);
    if (cart.toJSON().items.length) cart.checkedOutAt = Date.now();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(pages.checkoutPage(ctx(req, reply)));
  });

  // ---- Catalogue pages -----------------------------------------------------------------------
  app.get('/', (req, reply) => sendPage(req, reply, pages.homePage));
  app.get('/collections/:handle', (req, reply) => sendPage(req, reply, pages.collectionPage));
  app.get('/products/:handle', (req, reply) => {
    const raw = (req.params as { handle: string }).handle;
    if (raw.endsWith('.js') || raw.endsWith('.json')) {
      const p = productByHandle(raw.replace(/\.json$|\.js$/, ''));
      if (!p) return reply.code(404).send({ status: 404, message: 'Not Found', description: 'Product not found' });
      return reply.send(raw.endsWith('.json') ? { product: productJson(p) } : productJson(p));
    }
    const p = productByHandle(raw);
    if (!p) return sendPage(req, reply, pages.notFoundPage, 404);
    const variant = Number((req.query as Record<string, string>).variant) || undefined;
    return sendPage(req, reply, (c) => pages.productPage(c, p, variant));
  });

  // Shopify's own Product Recommendations API (the last step of Lifeboat's chain).
  app.get('/recommendations/products.json', (req, reply) => {
    const q = req.query as Record<string, string>;
    const p = productById(Number(q.product_id));
    if (!q.product_id || !p) {
      return reply.code(422).send({ status: 422, message: 'Invalid parameter', description: 'product_id is missing or unknown' });
    }
    const limit = Number(q.limit) || 10;
    const intent = q.intent === 'complementary' ? 'complementary' : 'related';
    // "complementary" needs merchant set-up; this demo merchant has none.
    const products = intent === 'related' ? related(p.id, limit).map(productJson) : [];
    return reply.send({ intent, products });
  });

  app.get('/images/:file', (req, reply) => {
    const handle = (req.params as { file: string }).file.replace(/\.svg$/, '');
    const p = productByHandle(handle);
    if (!p) return reply.code(404).send('not found');
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=3600').send(pages.productSvg(p));
  });

  app.get('/assets/:file', (req, reply) => serveAsset(reply, opts.themeAssets.dawn, (req.params as { file: string }).file));
  app.get('/horizon/assets/:file', (req, reply) => serveAsset(reply, opts.themeAssets.horizon, (req.params as { file: string }).file));

  // The Lifeboat loader and its lazy parts; 404 until `npm run build` made them (the store still works).
  app.get('/lifeboat/:file', (req, reply) => serveFile(reply, opts.lifeboatDist, (req.params as { file: string }).file, 'no-cache'));

  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !/\.(js|json|css|svg|png|map)$/.test(req.url.split('?')[0])) return sendPage(req, reply, pages.notFoundPage, 404);
    return reply.code(404).send({ status: 404, message: 'Not Found', description: `${req.method} ${req.url.split('?')[0]} does not exist` });
  });

  return app;
}

async function serveAsset(reply: FastifyReply, source: AssetSource, name: string) {
  const body = /^[\w.-]+$/.test(name) && !name.startsWith('.') ? await source(name) : undefined;
  if (!body) return reply.code(404).type('text/plain').send('not found');
  return reply.type(TYPES[extname(name)] ?? 'application/octet-stream').header('cache-control', 'public, max-age=60').send(body);
}

async function serveFile(reply: FastifyReply, dir: string, name: string, cacheControl: string) {
  if (!/^[\w.-]+$/.test(name) || name.startsWith('.')) return reply.code(404).send('not found');
  try {
    const body = await readFile(join(dir, name));
    return reply.type(TYPES[extname(name)] ?? 'application/octet-stream').header('cache-control', cacheControl).send(body);
  } catch {
    return reply.code(404).type('text/plain').send('not found');
  }
}

/** A product as Shopify's `/products/<handle>.js` and recommendations JSON give it. */
export function productJson(p: Product) {
  const prices = p.variants.map((v) => v.price);
  return {
    id: p.id,
    title: p.title,
    handle: p.handle,
    description: p.description,
    vendor: p.vendor,
    available: productAvailable(p),
    price: Math.min(...prices),
    price_min: Math.min(...prices),
    price_max: Math.max(...prices),
    variants: p.variants.map((v) => ({ id: v.id, title: v.title, price: v.price, available: v.available, sku: v.sku })),
    featured_image: `/images/${p.handle}.svg`,
    images: [`/images/${p.handle}.svg`],
    url: `/products/${p.handle}`,
  };
}

