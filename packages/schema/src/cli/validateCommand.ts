/**
 * `lifeboat validate <file|url>`: checks a store's Lifeboat config where it is written — in a
 * theme's build, a CI job or by hand against a live page — so shoppers' browsers never have to
 * pay for the full schema. Accepts the config as JSON, or an HTML page (file or URL) holding it in
 * `<script type="application/json" id="lifeboat-config">`, as the Shopify loader reads it.
 */
import { readFile } from 'node:fs/promises';
import { parseConfig } from '../index.js';
import { formatProblems, type Problem } from '../issues.js';
import { parseShopifyConfig } from '../shopify.js';

/** Where the command writes; a test passes its own. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /** Reads stdin for `-`. */
  stdin?(): Promise<string>;
}

export const USAGE = `Usage: lifeboat validate [--sdk] [--id <id>] <file|url|->

Checks a Lifeboat config and names each field that is wrong and how to fix it.

  <file>      a .json file holding the config, or an .html file holding it in
              <script type="application/json" id="lifeboat-config">
  <url>       an http(s) page of the store (the same script tag), or a URL answering JSON
  -           the config as JSON on standard input
  --sdk       check against the SDK's createLifeboat config (no widgets/recommendations/cartGuard);
              the default is the Shopify loader's config, which adds those
  --id <id>   the script tag's id when it is not "lifeboat-config"

Exit status: 0 valid, 1 invalid, 2 the input could not be read.`;

/** Exit status of the command: 0 valid, 1 invalid, 2 unreadable input or bad usage. */
export type ExitCode = 0 | 1 | 2;

class InputError extends Error {}

const SCRIPT_TAG = (id: string) =>
  new RegExp(`<script\\b(?=[^>]*\\bid\\s*=\\s*["']?${id.replace(/[^\w-]/g, '\\$&')}["'\\s>])[^>]*>([\\s\\S]*?)</script\\s*>`, 'i');

/** The config's text from a JSON or HTML body; `source` names it in errors. */
export function extractConfigText(body: string, source: string, id = 'lifeboat-config'): string {
  const t = body.trimStart();
  if (t.startsWith('{')) return body;
  if (!t.startsWith('<')) throw new InputError(`${source}: neither JSON (it does not start with "{") nor an HTML page`);
  const m = SCRIPT_TAG(id).exec(body);
  if (!m) throw new InputError(`${source}: no <script type="application/json" id="${id}"> on the page (use --id if the tag has another id)`);
  return m[1]!;
}

async function read(target: string, io: Io): Promise<string> {
  if (target === '-') {
    if (!io.stdin) throw new InputError('-: no standard input to read');
    return io.stdin();
  }
  if (/^https?:\/\//i.test(target)) {
    let res: Response;
    try {
      res = await fetch(target, { headers: { accept: 'text/html, application/json' }, signal: AbortSignal.timeout(15_000) });
    } catch (e) {
      throw new InputError(`${target}: could not be fetched (${(e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : (e as Error).message})`);
    }
    if (!res.ok) throw new InputError(`${target}: answered HTTP ${res.status}`);
    return res.text();
  }
  try {
    return await readFile(target, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(`${target}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (e as Error).message}`);
  }
}

function summary(config: Record<string, unknown>): string {
  const count = (v: unknown) => (v && typeof v === 'object' ? Object.keys(v).length : 0);
  const parts = [`${count(config.guards)} guard${count(config.guards) === 1 ? '' : 's'}`];
  if (Array.isArray(config.widgets)) parts.push(`${config.widgets.length} widget${config.widgets.length === 1 ? '' : 's'}`);
  if (config.recommendations) parts.push('recommendations');
  return parts.join(', ');
}

/**
 * Runs `lifeboat validate` with its arguments (after `validate`).
 *
 * @example
 * ```ts
 * import { validateCommand } from './validateCommand.js';
 * const code = await validateCommand(['theme/lifeboat.json'], { out: console.log, err: console.error });
 * process.exitCode = code;
 * ```
 */
export async function validateCommand(args: string[], io: Io): Promise<ExitCode> {
  let sdk = false;
  let id = 'lifeboat-config';
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.out(USAGE);
      return 0;
    }
    if (a === '--sdk') sdk = true;
    else if (a === '--id') {
      const v = args[++i];
      if (!v) return usage(io, '--id needs a value: the id of the config\'s script tag');
      id = v;
    } else if (a.startsWith('--')) return usage(io, `unknown option ${a}`);
    else targets.push(a);
  }
  if (targets.length !== 1) return usage(io, targets.length ? 'give one file or URL at a time' : 'which config? give a file, a URL or -');
  const target = targets[0]!;
  const source = target === '-' ? 'standard input' : target;
  let input: unknown;
  try {
    const text = extractConfigText(await read(target, io), source, id);
    try {
      input = JSON.parse(text);
    } catch (e) {
      throw new InputError(`${source}: the config is not valid JSON (${(e as Error).message})`);
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.err(`lifeboat validate: ${e.message}`);
    return 2;
  }
  const r = sdk ? parseConfig(input) : parseShopifyConfig(input);
  if (r.ok) {
    io.out(`${source}: valid ${sdk ? 'SDK' : 'Shopify'} config (${summary(r.value as Record<string, unknown>)})`);
    return 0;
  }
  const problems: Problem[] = r.problems;
  io.err(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the ${sdk ? 'SDK' : 'Shopify'} config`);
  io.err(formatProblems(problems));
  return 1;
}

function usage(io: Io, message: string): ExitCode {
  io.err(`lifeboat validate: ${message}\n\n${USAGE}`);
  return 2;
}
