// prepack/postpack of @lifeboat/collector (run in packages/collector): ships the vendor docs
// inside the tarball as docs/*.md, so `--help`'s "see docs/collector.md" and the README's links
// hold for someone who installed the package and never saw this repository. The copies exist
// only while `npm pack`/`npm publish` runs; docs/ in the repository stays the one source.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

// The config reference and the pages it links to; every link between them stays relative.
const PAGES = ['collector.md', 'kill-switch.md', 'query-api.md', 'dashboard.md', 'beacons.md'];
const src = new URL('../docs/', import.meta.url);
const out = new URL('docs/', `file://${process.cwd()}/`);

if (!existsSync('package.json') || JSON.parse(readFileSync('package.json', 'utf8')).name !== '@lifeboat/collector') {
  throw new Error('pack-collector-docs: run me from packages/collector (npm runs prepack there)');
}
if (process.argv.includes('--clean')) {
  rmSync(out, { recursive: true, force: true });
} else {
  mkdirSync(out, { recursive: true });
  for (const page of PAGES) {
    const text = readFileSync(new URL(page, src), 'utf8')
      // In the package, the collector's own files sit one level up from docs/.
      .replaceAll('](../packages/collector/', '](../');
    writeFileSync(new URL(page, out), text);
  }
}
