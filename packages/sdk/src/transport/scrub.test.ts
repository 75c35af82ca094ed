import { describe, expect, it } from 'vitest';
import { parseBeaconBatch } from '@lifeboat/schema';
import { scrub } from './scrub.js';

describe('scrub', () => {
  it('takes an error’s message, or the value as text', () => {
    expect(scrub(new Error('Failed to fetch'))).toBe('Failed to fetch');
    expect(scrub(new TypeError('boom'))).toBe('boom');
    expect(scrub({ message: 'from a rejected promise' })).toBe('from a rejected promise');
    expect(scrub('plain text')).toBe('plain text');
    expect(scrub(42)).toBe('42');
    expect(scrub(undefined)).toBe('undefined');
    expect(scrub(null)).toBe('null');
  });

  it('leaves no URL, whatever its scheme, nor its path and query', () => {
    expect(scrub(new Error('GET https://shop.example/cart/add.js?id=1 failed'))).toBe('GET * failed');
    expect(scrub('import of chrome-extension://abc/x.js and blob:https://a.example/uuid')).toBe('import of * and *');
    expect(scrub('ws://shop.example:8080/socket closed')).toBe('* closed');
    expect(scrub('see //cdn.example/x?id=1')).toBe('see *');
  });

  it('leaves no e-mail address, query string, long digit run', () => {
    expect(scrub('failed for jo@example.com')).toBe('failed for *');
    expect(scrub('/cart?token=abc123 refused')).toBe('* refused');
    expect(scrub('?email=jo@example.com')).toBe('*');
    expect(scrub('order 123456789 and card 4111111111111111')).toBe('order * and card *');
    expect(scrub('status 504 after 1234 ms')).toBe('status 504 after 1234 ms');
  });

  it('keeps printable ASCII only (no names in other scripts, no control characters)', () => {
    expect(scrub('Zoë\nKowalski')).toBe('Zo**Kowalski');
    expect(scrub('注文 failed')).toBe('** failed');
  });

  it('cuts to 200 characters', () => {
    expect(scrub('x'.repeat(1000))).toHaveLength(200);
  });

  it('gives the same text when applied again (the storefront and the transport both apply it)', () => {
    const once = scrub('GET https://a.example/?q=1 for jo@example.com, order 123456 — Zoë ?a=b&c=d');
    expect(scrub(once)).toBe(once);
  });

  it('gives what the collector accepts as an sdk-error message', () => {
    const message = scrub(new Error(`https://x.example/${'é'.repeat(500)} ${'a://b '.repeat(100)}`));
    const batch = { v: 1, id: 'b7Yl0Jq3S9yq2m1x8c4T0w', sentAt: 1795000000000, app: 'smartcart', shop: 'demo-shop.myshopify.com', page: 'product', sdk: '0.1.0', events: [{ type: 'sdk-error', age: 0, code: 'x', message }] };
    const parsed = parseBeaconBatch(batch);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });
});
