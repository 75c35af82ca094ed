/** The mock "smart cart" vendor: its script at /smartcart.js and its v2 API, on an origin of its own. */
import { readFile } from 'node:fs/promises';
import { SCENARIOS } from './scenarios.js';
import { createVendorServer, type Vendor } from './server.js';

export async function createSmartCartVendor(opts: { scriptFile: string; origin: () => string }): Promise<Vendor> {
  const vendor = await createVendorServer(
    'Smart Cart',
    'Mock cart app. API modes affect /api/v2/*; script-404 and script-throws affect /smartcart.js.',
    undefined,
    SCENARIOS.filter((s) => s.vendor === 'cart'),
  );
  const { app } = vendor;

  app.get('/smartcart.js', async (_req, reply) => {
    const { mode, hijack } = vendor.chaos;
    if (mode === 'script-404') return reply.code(404).type('text/plain').send('Not Found');
    const source = await readFile(opts.scriptFile, 'utf8');
    const boot = `var __SMARTCART__ = ${JSON.stringify({ vendor: opts.origin(), chaos: mode, hijack: hijack ?? 'load' })};\n`;
    return reply.type('text/javascript; charset=utf-8').send(boot + source);
  });

  vendor.api('GET', '/api/v2/settings', (req) => ({
    status: 'ok',
    shop: (req.query as Record<string, string>).shop ?? null,
    version: 'v2',
    settings: { title: 'Your cart', accent: '#5a31f4', freeShippingThreshold: 5000 },
  }));
  vendor.api('POST', '/api/v2/events', () => ({ ok: true }));
  vendor.api('GET', '/api/v2/health', () => ({ ok: true }));
  return vendor;
}
