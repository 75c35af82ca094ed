import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { BeaconBatchSchema } from './beacon.js';
import { BANNER_DEFAULTS, BEACON_DEFAULTS, GUARD_DEFAULTS, LifeboatConfigSchema, STATUS_DEFAULTS } from './config.js';
import { ShopifyConfigSchema } from './shopify.js';
import { StatusDocumentSchema } from './status.js';

const BASE = 'https://lifeboat.dev/schema/';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/**
 * Field descriptions for vendors reading the JSON Schema. Kept here rather than as zod metadata:
 * `z.describe()` adds a check that every parse would run, and the collector parses a lot.
 */
const AGE = 'ms between the event and the moment this copy of the batch was sent; the collector computes event time = receive time − age';
const BATCH: Record<string, string> = {
  v: 'Format version.',
  id: 'Unique per batch; a re-send carries the same id and the collector counts it once.',
  sentAt: "The browser's clock when this copy was sent (epoch ms).",
  statusAt: 'generatedAt of the status document the page obeyed when the batch was made (epoch ms); absent when it had none.',
  app: "The vendor's app.",
  shop: "The shop's domain (a host name, never a URL).",
  page: 'Page type; never the URL or its query.',
  sdk: 'Version of the SDK that sent the batch.',
  events: 'What happened since the last flush.',
};
const EVENTS: Record<string, Record<string, string>> = {
  calls: {
    '': "One guard's calls on this page since the last flush.",
    latency: 'Calls per latency bucket: ≤25, ≤50, ≤100, ≤250, ≤500, ≤1000, ≤2500, ≤5000, ≤10000 ms, then slower.',
    rate: 'Present when this healthy summary was sampled: the probability it was kept with. Weight its counts by 1/rate.',
  },
  transition: { '': "A breaker's state change, with why." },
  fallback: { '': 'A fallback served instead of the work.', served: 'Which fallback served (native-cart, cache, shopify-api, empty, …).' },
  banner: { '': "The shopper's degraded-mode notice shown or dismissed." },
  ready: { '': "A widget became ready (ok) or was given up on.", ms: "ms from the widget's script being requested to ready or given up." },
  'sdk-error': { '': "The SDK's own trouble.", code: 'A stable code such as storage-unavailable.', message: 'Short text without personal data (no URLs).' },
};
const STATUS: Record<string, string> = {
  v: 'Format version.',
  generatedAt: 'Server time the document was produced (epoch ms).',
  guards: 'What the fleet says per guard; a guard not named here is auto.',
};
const GUARD: Record<string, string> = {
  mode: 'auto: the browser decides; open: fail fast to the fallback; closed: run normally.',
  reason: 'Why, for people.',
  incident: 'The incident this mode comes from, if any.',
  probe: 'The share of page loads (0..1) allowed to call the backend: under auto during a recovery ramp, under open to keep probing an incident; the rest get the fallback (reason status).',
  banner: "Text for the shopper's degraded-mode notice.",
};

function describe(schema: Json, docs: Record<string, string>) {
  for (const [k, text] of Object.entries(docs)) {
    if (k === '') schema.description = text;
    else if (schema.properties?.[k]) schema.properties[k].description = text;
  }
}

/**
 * The TSDoc comments of one `z.strictObject({...})` in config.ts, by field: the config's
 * documentation has one source, read here so the JSON Schema cannot drift from it.
 */
function tsdoc(schemaName: string, defaults: Record<string, unknown> = {}, file = 'config.ts'): Record<string, string> {
  const src = readFileSync(join(import.meta.dirname, file), 'utf8');
  const start = src.search(new RegExp(`export const ${schemaName} = z\\.(strictObject|extend)\\(`));
  const body = src.slice(start, src.indexOf('\n});', start));
  const out: Record<string, string> = {};
  for (const [, text, key] of body.matchAll(/\/\*\*([\s\S]*?)\*\/\s*\n\s*(\w+):/g)) {
    const clean = text.replace(/^\s*\*\s?/gm, ' ').replace(/\s+/g, ' ').replace(/\{@link (\w+)\}/g, '$1').trim();
    out[key] = defaults[key] === undefined ? clean : `${clean} Default: ${JSON.stringify(defaults[key])}.`;
  }
  return out;
}

const describeConfig = (s: Json) => {
  describe(s, tsdoc('LifeboatConfigSchema'));
  const guard = tsdoc('GuardOptionsSchema', GUARD_DEFAULTS);
  describe(s.properties.defaults, guard);
  describe(s.properties.guards.additionalProperties, guard);
  describe(s.properties.beacons, tsdoc('BeaconOptionsSchema', BEACON_DEFAULTS));
  describe(s.properties.status, tsdoc('StatusOptionsSchema', STATUS_DEFAULTS));
  describe(s.properties.banner, tsdoc('BannerOptionsSchema', BANNER_DEFAULTS));
};

const annotate: Record<string, (s: Json) => void> = {
  config: describeConfig,
  'shopify-config': (s) => {
    describeConfig(s);
    describe(s, tsdoc('ShopifyConfigSchema', {}, 'shopify.ts'));
    const widget = s.properties.widgets.items;
    describe(widget, tsdoc('WidgetSchema', {}, 'shopify.ts'));
    describe(widget.properties.ready, tsdoc('WidgetReadySchema', {}, 'shopify.ts'));
    describe(widget.properties.capture, tsdoc('WidgetCaptureSchema', {}, 'shopify.ts'));
    describe(s.properties.recommendations, tsdoc('RecommendationsSchema', {}, 'shopify.ts'));
  },
  'beacon-batch': (s) => {
    describe(s, BATCH);
    for (const variant of s.properties.events.items.oneOf as Json[]) {
      describe(variant, { age: AGE, ...EVENTS[variant.properties.type.const] });
    }
  },
  'status-document': (s) => {
    describe(s, STATUS);
    describe(s.properties.guards.additionalProperties, GUARD);
  },
};

const targets = {
  config: { schema: LifeboatConfigSchema, title: 'Lifeboat SDK config', description: 'Options of createLifeboat() and of the script tag\'s JSON config element.' },
  'beacon-batch': { schema: BeaconBatchSchema, title: 'Lifeboat beacon batch v1', description: 'POST {collector}/v1/beacons?key={publicKey}, sent as text/plain.' },
  'shopify-config': {
    schema: ShopifyConfigSchema,
    title: 'Lifeboat Shopify config',
    description: 'The script tag / app embed JSON (<script type="application/json" id="lifeboat-config">): the SDK config plus widgets and recommendations.',
  },
  'status-document': { schema: StatusDocumentSchema, title: 'Lifeboat status document v1', description: 'GET {collector}/v1/status/{publicKey}.json: the fleet kill switch.' },
} as const;

/**
 * The JSON Schema of each public contract, keyed by file name (`beacon-batch.schema.json`), as
 * the pretty-printed text checked in under docs/json-schema. Generated from the zod schemas so
 * the two can never disagree; `npm run schema:json` writes them and a unit test checks they are current.
 *
 * @example
 * ```ts
 * for (const [file, text] of Object.entries(jsonSchemaFiles())) writeFileSync(`docs/json-schema/${file}`, text);
 * ```
 */
export function jsonSchemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, t] of Object.entries(targets)) {
    const { $schema, ...rest } = z.toJSONSchema(t.schema as z.ZodMiniType) as Json;
    annotate[name]?.(rest);
    const doc = { $schema, $id: `${BASE}${name}.schema.json`, title: t.title, description: t.description, ...rest };
    out[`${name}.schema.json`] = `${JSON.stringify(doc, null, 2)}\n`;
  }
  return out;
}
