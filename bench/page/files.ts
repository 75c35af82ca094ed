/**
 * 1. The files: the loader the app embed references, and every chunk next to it, raw and
 * `gzip -9n`.
 *
 * Theme Check's measure (Shopify/theme-tools, packages/theme-check-common, check
 * `AssetSizeAppBlockJavaScript`): for a theme app extension block whose `{% schema %}` has a
 * `javascript` key, it takes `assets/<that file>` and compares its size on disk (`fs.stat`, i.e.
 * the raw, uncompressed bytes — not gzip) against `thresholdInBytes`, default 10000, and reports
 * an error when the file is larger (`size > threshold`; severity error, and the theme app
 * extension config enables it). A script reached any other way (`asset_url` in a `<script>`) is
 * not measured by it; the block names the loader in `javascript`, so ours is.
 */
import { readFileSync } from 'node:fs';
import { LOADER, SHOPIFY_DIST, lifeboatFiles } from './dist.js';
import { gzip9n } from './gzip.js';

export const THEME_CHECK_THRESHOLD = 10_000;

export interface FileRow {
  file: string;
  /** Raw bytes as shipped to assets/ (source-map comment stripped, as the extension build does): what Theme Check stats. */
  raw: number;
  /** Raw bytes of the file in packages/shopify/dist (with its source-map comment). */
  distRaw: number;
  gzip9n: number;
  role: 'loader' | 'chunk';
}

/** The source-map comment never ships (the extension's build strips it; the map would 404). */
export const shipped = (text: string) => text.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');

export function measureFiles(): { rows: FileRow[]; loader: FileRow; chunksTotal: { raw: number; gzip9n: number } } {
  const rows = lifeboatFiles().map((file): FileRow => {
    const dist = readFileSync(SHOPIFY_DIST + file);
    const body = Buffer.from(shipped(dist.toString('utf8')));
    return { file, raw: body.length, distRaw: dist.length, gzip9n: gzip9n(body), role: file === LOADER ? 'loader' : 'chunk' };
  });
  const chunks = rows.filter((r) => r.role === 'chunk');
  return {
    rows,
    loader: rows[0]!,
    chunksTotal: { raw: chunks.reduce((s, r) => s + r.raw, 0), gzip9n: chunks.reduce((s, r) => s + r.gzip9n, 0) },
  };
}
