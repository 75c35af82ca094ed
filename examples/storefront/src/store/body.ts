/**
 * Request bodies the way Shopify's cart endpoints accept them: JSON, urlencoded, or the
 * multipart FormData a product form sends (text fields only; the demo has no uploads).
 */
import type { FastifyInstance } from 'fastify';
import formbody from '@fastify/formbody';

export type Fields = Record<string, unknown>;

/** Text fields of a multipart/form-data body; repeated names become arrays. */
export function parseMultipart(body: string, contentType: string): Fields {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) throw new Error('multipart body without a boundary');
  const boundary = `--${m[1] ?? m[2]}`;
  const out: Fields = {};
  for (const part of body.split(boundary).slice(1)) {
    if (part.startsWith('--')) break;
    const sep = part.indexOf('\r\n\r\n');
    if (sep < 0) continue;
    const headers = part.slice(0, sep);
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined || /filename=/i.test(headers)) continue;
    const value = part.slice(sep + 4).replace(/\r\n$/, '');
    addField(out, name, value);
  }
  return out;
}

function addField(out: Fields, name: string, value: unknown) {
  const prev = out[name];
  if (prev === undefined) out[name] = value;
  else out[name] = Array.isArray(prev) ? [...prev, value] : [prev, value];
}

/** Registers parsers: urlencoded, multipart, empty-tolerant JSON, and text/plain that may hold JSON. */
export async function registerBodyParsers(app: FastifyInstance): Promise<void> {
  await app.register(formbody);
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 1 << 20 }, (req, body, done) => {
    try {
      done(null, parseMultipart(String(body), String(req.headers['content-type'])));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  // Themes send `Content-Type: application/json` with no body to /cart/clear.js; Shopify accepts it.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(['application/json', 'text/plain'], { parseAs: 'string' }, (req, body, done) => {
    const text = String(body).trim();
    if (!text) return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      if (String(req.headers['content-type']).startsWith('text/plain')) return done(null, { text });
      const err = Object.assign(new Error('Body is not valid JSON'), { statusCode: 400 });
      done(err, undefined);
    }
  });
}

/** `properties[Name]` form fields → `{Name: value}`; a JSON `properties` object passes through. */
export function propertiesOf(fields: Fields): Record<string, string> | undefined {
  if (fields.properties && typeof fields.properties === 'object') return fields.properties as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) {
    const m = /^properties\[(.+)\]$/.exec(k);
    if (m) out[m[1]] = String(Array.isArray(v) ? v[v.length - 1] : v);
  }
  return Object.keys(out).length ? out : undefined;
}

/** `updates[]=1&updates[]=2` or `updates[42001]=2` form fields → what /cart/update takes. */
export function updatesOf(fields: Fields): unknown {
  if (fields.updates !== undefined) return fields.updates;
  if (fields['updates[]'] !== undefined) {
    const v = fields['updates[]'];
    return Array.isArray(v) ? v : [v];
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    const m = /^updates\[(.+)\]$/.exec(k);
    if (m) out[m[1]] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

export const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
