/**
 * Texts as both stores accept them. PostgreSQL refuses NUL in TEXT (and a single such row used
 * to fail the whole flush); SQLite keeps it but every reader then sees a truncated string. Lone
 * surrogates (from `\ud800` escapes in JSON) are not valid UTF-8 either.
 */

// C0 controls but tab, newline and carriage return, plus DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

// ES2024 string methods (Node 20 has them; the ES2022 lib typings do not).
type Es2024String = string & { isWellFormed(): boolean; toWellFormed(): string };

/**
 * `s` made well-formed (lone surrogates become U+FFFD), without NUL or other control characters,
 * and cut to at most `max` characters (an ellipsis marks the cut).
 */
export function cleanText(s: string, max: number): string {
  const w = s as Es2024String;
  let out = w.isWellFormed() ? s : w.toWellFormed();
  if (CONTROL.test(out)) out = out.replace(CONTROLS, '');
  if (out.length > max) {
    out = out.slice(0, Math.max(0, max - 1));
    // Do not leave half a surrogate pair at the cut.
    const last = out.charCodeAt(out.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) out = out.slice(0, -1);
    out += '…';
  }
  return out;
}

/** Bounds of what a Reporting API / NEL report may store. */
export const REPORT_LIMITS = {
  type: 64,
  url: 2048,
  userAgent: 512,
  /** Each string inside the body. */
  bodyString: 1024,
  /** The body as stored JSON; a larger one is replaced by a note saying how large it was. */
  bodyJson: 8192,
} as const;
