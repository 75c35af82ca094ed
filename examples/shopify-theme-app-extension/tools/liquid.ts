/**
 * A deliberately tiny Liquid subset — just what blocks/lifeboat.liquid uses — so the block can
 * be previewed and tested without a Shopify store: `{{ x | json }}`, `times`, `split`, `replace`, `t`,
 * `asset_url`, `{% if a %}` / `{% if a != blank %}` / `{% else %}` / `{% endif %}`, comments,
 * and whitespace control. Not a Liquid engine.
 */

export interface LiquidScope {
  block: { settings: Record<string, unknown> };
  shop: { permanent_domain: string };
  /** Storefront translations (locales/*.json), for the `t` filter. */
  translations: Record<string, unknown>;
  /** Base URL the `asset_url` filter prefixes. */
  assetBase: string;
}

export interface BlockSchema {
  name: string;
  target: string;
  /** A file in assets/ that Shopify adds to every page the block is on (once per page, deferred). */
  javascript?: string;
  stylesheet?: string;
  settings: Array<{ type: string; id?: string; default?: unknown; min?: number; max?: number; step?: number }>;
}

/** The `{% schema %}` JSON of a block. */
export function blockSchema(source: string): BlockSchema {
  const m = /\{%-?\s*schema\s*-?%\}([\s\S]*?)\{%-?\s*endschema\s*-?%\}/.exec(source);
  if (!m) throw new Error('block has no {% schema %}');
  return JSON.parse(m[1]) as BlockSchema;
}

/** Settings as the theme editor starts them: each schema default. */
export function defaultSettings(schema: BlockSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of schema.settings) if (s.id) out[s.id] = s.default ?? (s.type === 'checkbox' ? false : '');
  return out;
}

type Node = string | { expr: string } | { cond: string; then: Node[]; else: Node[] };

const lookup = (path: string, scope: LiquidScope): unknown => {
  const lit = /^'([^']*)'$|^"([^"]*)"$/.exec(path);
  if (lit) return lit[1] ?? lit[2];
  if (/^-?\d+(\.\d+)?$/.test(path)) return Number(path);
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), scope);
};

const blank = (v: unknown) => v === undefined || v === null || v === '' || v === false || (Array.isArray(v) && v.length === 0);

function filter(value: unknown, name: string, args: unknown[], scope: LiquidScope): unknown {
  const arg = args[0];
  switch (name) {
    case 'replace':
      return String(value ?? '').split(String(args[0])).join(String(args[1]));
    case 'json':
      return JSON.stringify(value ?? null);
    case 'times':
      return Number(value) * Number(arg);
    case 'split':
      return String(value ?? '').split(String(arg)).filter((s) => s !== '');
    case 't':
      return String(lookup(String(value), scope.translations as unknown as LiquidScope) ?? `translation missing: ${String(value)}`);
    case 'asset_url':
      return `${scope.assetBase}${String(value)}`;
    default:
      throw new Error(`filter "${name}" is outside the supported subset`);
  }
}

function evaluate(expr: string, scope: LiquidScope): unknown {
  const [head, ...filters] = expr.split('|').map((s) => s.trim());
  let value = lookup(head, scope);
  for (const f of filters) {
    const colon = f.indexOf(':');
    const name = (colon < 0 ? f : f.slice(0, colon)).trim();
    const args = colon < 0 ? [] : (f.slice(colon + 1).match(/'[^']*'|"[^"]*"|[^,\s]+/g) ?? []).map((a) => lookup(a.trim(), scope));
    value = filter(value, name, args, scope);
  }
  return value;
}

function test(cond: string, scope: LiquidScope): boolean {
  const m = /^(\S+)\s*!=\s*blank$/.exec(cond.trim());
  if (m) return !blank(lookup(m[1], scope));
  return !blank(lookup(cond.trim(), scope));
}

function parse(source: string): Node[] {
  const text = source
    .replace(/\{%-?\s*schema\s*-?%\}[\s\S]*?\{%-?\s*endschema\s*-?%\}/, '')
    .replace(/\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g, '');
  const parts = text.split(/(\{\{-?[\s\S]*?-?\}\}|\{%-?[\s\S]*?-?%\})/);
  // Whitespace control: `{{-`/`{%-` trims the text before, `-}}`/`-%}` the text after.
  for (let i = 1; i < parts.length; i += 2) {
    if (/^\{[{%]-/.test(parts[i])) parts[i - 1] = parts[i - 1].replace(/\s+$/, '');
    if (/-[}%]\}$/.test(parts[i]) && i + 1 < parts.length) parts[i + 1] = parts[i + 1].replace(/^\s+/, '');
  }
  const root: Node[] = [];
  const stack: Array<{ node: Extract<Node, { cond: string }>; inElse: boolean }> = [];
  const target = () => (stack.length ? (stack[stack.length - 1].inElse ? stack[stack.length - 1].node.else : stack[stack.length - 1].node.then) : root);
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      if (part) target().push(part);
      return;
    }
    const inner = part.replace(/^\{[{%]-?|-?[}%]\}$/g, '').trim();
    if (part.startsWith('{{')) {
      target().push({ expr: inner });
      return;
    }
    const [tag, ...rest] = inner.split(/\s+/);
    if (tag === 'if') {
      const node = { cond: rest.join(' '), then: [], else: [] };
      target().push(node);
      stack.push({ node, inElse: false });
    } else if (tag === 'else') {
      if (!stack.length) throw new Error('{% else %} without {% if %}');
      stack[stack.length - 1].inElse = true;
    } else if (tag === 'endif') {
      if (!stack.pop()) throw new Error('{% endif %} without {% if %}');
    } else {
      throw new Error(`tag "${tag}" is outside the supported subset`);
    }
  });
  if (stack.length) throw new Error('{% if %} without {% endif %}');
  return root;
}

function renderNodes(nodes: Node[], scope: LiquidScope): string {
  return nodes
    .map((n) => {
      if (typeof n === 'string') return n;
      if ('expr' in n) return String(evaluate(n.expr, scope) ?? '');
      return renderNodes(test(n.cond, scope) ? n.then : n.else, scope);
    })
    .join('');
}

/** Renders a block with the given scope. */
export function renderLiquid(source: string, scope: LiquidScope): string {
  return renderNodes(parse(source), scope);
}
