import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FlushJournal } from '../aggregate/aggregator.js';

/** One journaled request: what was accepted, when, for which app. */
export interface JournalEntry {
  kind: 'b' | 'r';
  receivedAt: number;
  app: string;
  id: string;
  text: string;
  segment: number;
  /** The client's salted hash (incident evidence), '' in lines written without one. */
  client: string;
}

/** One remembered batch id. */
export interface JournalId {
  receivedAt: number;
  app: string;
  id: string;
}

const FILE = /^(seg|ids)-(\d{12})\.log$/;
const fileName = (kind: 'seg' | 'ids', n: number) => `${kind}-${String(n).padStart(12, '0')}.log`;

/**
 * Write-ahead journal of accepted beacons, in numbered segments.
 *
 * - `seg-N.log`: every accepted batch (its JSON) and report, written before the 202 is sent, so it
 *   is in the kernel's page cache and survives a kill -9 of the process (not a power cut: no fsync
 *   per request). Requests of one event-loop turn share one `write(2)`; each waits for it.
 * - `ids-N.log`: just `receivedAt, app, id` of the same batches (~60 bytes each).
 *
 * Each flush seals the current segment and, in the same transaction as the rollups, records it as
 * stored (`ingest_journal`); the sealed `seg` files are then deleted, the small `ids` files kept
 * for the dedupe window. On start, `seg` files past the stored mark are replayed, and the `ids`
 * files refill the dedupe set, so a resend after a restart is still counted once.
 */
export class Journal implements FlushJournal {
  readonly id: string;
  private segFd = -1;
  private idsFd = -1;
  private segment = 0;
  /** Whether the current segment holds anything (an idle collector does not rotate files). */
  private dirty = false;
  private lines: string[] = [];
  private idLines: string[] = [];
  /** Resolves with the segment the group was written to. */
  private groupDone: Promise<number> | null = null;

  private constructor(
    readonly dir: string,
    private readonly keepIdsMs: number,
    private readonly now: () => number,
  ) {
    mkdirSync(dir, { recursive: true });
    takeLock(dir);
    const idFile = join(dir, 'id');
    if (!existsSync(idFile)) writeFileSync(idFile, randomUUID());
    this.id = readFileSync(idFile, 'utf8').trim();
  }

  /** Opens (creating) `dir`; refuses a dir another live process is using. */
  static open(dir: string, keepIdsMs: number, now: () => number = Date.now): Journal {
    return new Journal(dir, keepIdsMs, now);
  }

  /**
   * Opens the first free `slot-N` directory under `parent`: several collector processes started
   * from one place (all writing to one PostgreSQL) each get their own journal, and a process
   * started after a crash takes over the dead one's slot and replays what it had acknowledged.
   */
  static openSlot(parent: string, keepIdsMs: number, now: () => number = Date.now, slots = 64): Journal {
    for (let i = 0; i < slots; i++) {
      try {
        return new Journal(join(parent, `slot-${i}`), keepIdsMs, now);
      } catch (e) {
        if (!(e instanceof JournalBusy)) throw e;
      }
    }
    throw new Error(`all ${slots} journal slots under ${parent} are in use by live processes: set journal.dir per process`);
  }

  private files(kind: 'seg' | 'ids'): number[] {
    return readdirSync(this.dir)
      .map((f) => FILE.exec(f))
      .filter((m): m is RegExpExecArray => m !== null && m[1] === kind)
      .map((m) => Number(m[2]))
      .sort((a, b) => a - b);
  }

  private *lines_(kind: 'seg' | 'ids', n: number): Generator<string> {
    const text = readFileSync(join(this.dir, fileName(kind, n)), 'utf8');
    const parts = text.split('\n');
    // The last part is '' after a complete final line, or a torn line nobody was answered for.
    for (let i = 0; i < parts.length - 1; i++) if (parts[i]) yield parts[i];
  }

  /** Journaled requests of segments after `stored`, oldest first (call once, before `start`). */
  *unstored(stored: number): Generator<JournalEntry> {
    for (const segment of this.files('seg')) {
      if (segment <= stored) continue;
      for (const line of this.lines_('seg', segment)) {
        const t1 = line.indexOf('\t');
        const t2 = line.indexOf('\t', t1 + 1);
        const t3 = line.indexOf('\t', t2 + 1);
        const t4 = line.indexOf('\t', t3 + 1);
        if (t4 < 0) continue;
        const kind = line.slice(0, t1);
        const base = { receivedAt: Number(line.slice(t1 + 1, t2)), app: line.slice(t2 + 1, t3), id: line.slice(t3 + 1, t4), segment };
        if (kind === 'c') {
          // A batch with its client: `c`, time, app, id, client, JSON.
          const t5 = line.indexOf('\t', t4 + 1);
          if (t5 < 0) continue;
          yield { kind: 'b', ...base, client: line.slice(t4 + 1, t5), text: line.slice(t5 + 1) };
        } else if (kind === 'b' || kind === 'r') yield { kind, ...base, client: '', text: line.slice(t4 + 1) };
      }
    }
  }

  /**
   * The batch ids the dedupe window still keeps, oldest first: files older than the window are
   * deleted unread, and once the newest files hold `maxIds` ids the older ones are deleted unread
   * too, so start-up reads at most about `maxIds` lines whatever the directory holds.
   */
  ids(maxIds = Infinity): JournalId[] {
    const horizon = this.now() - this.keepIdsMs;
    const kept: JournalId[][] = [];
    let count = 0;
    for (const n of this.files('ids').reverse()) {
      const file = join(this.dir, fileName('ids', n));
      let mtime = 0;
      try {
        mtime = statSync(file).mtimeMs;
      } catch {
        continue;
      }
      if (count >= maxIds || mtime < horizon) {
        this.unlink(fileName('ids', n));
        continue;
      }
      // By hand rather than split(): a million lines is the usual case at start-up.
      const out: JournalId[] = [];
      const text = readFileSync(file, 'latin1');
      for (let at = 0; at < text.length; ) {
        const end = text.indexOf('\n', at);
        if (end < 0) break; // a torn last line nobody was answered for
        const t1 = text.indexOf('\t', at);
        const t2 = t1 < 0 ? -1 : text.indexOf('\t', t1 + 1);
        if (t2 > 0 && t2 < end) out.push({ receivedAt: Number(text.slice(at, t1)), app: text.slice(t1 + 1, t2), id: text.slice(t2 + 1, end) });
        at = end + 1;
      }
      kept.push(out);
      count += out.length;
    }
    return kept.reverse().flat();
  }

  /** Opens a fresh segment after the existing ones. */
  start(): void {
    const last = Math.max(0, ...this.files('seg'), ...this.files('ids'));
    this.openSegment(last + 1);
  }

  private openSegment(n: number): void {
    this.segment = n;
    this.segFd = openSync(join(this.dir, fileName('seg', n)), 'a');
    this.idsFd = openSync(join(this.dir, fileName('ids', n)), 'a');
  }

  /**
   * Appends one accepted batch (`kind` b) or report set (`r`); JSON text, whose raw newlines can
   * only be whitespace. Resolves, with the segment it went to, once written; rejects if the write
   * failed (refuse the request).
   */
  append(kind: 'b' | 'r', receivedAt: number, app: string, id: string, json: string, client = ''): Promise<number> {
    const text = json.includes('\n') || json.includes('\r') ? json.replace(/[\r\n]/g, ' ') : json;
    this.lines.push(kind === 'b' && client ? `c\t${receivedAt}\t${app}\t${id}\t${client}\t${text}\n` : `${kind}\t${receivedAt}\t${app}\t${id}\t${text}\n`);
    if (kind === 'b') this.idLines.push(`${receivedAt}\t${app}\t${id}\n`);
    this.groupDone ??= new Promise<number>((resolve, reject) =>
      setImmediate(() => {
        this.groupDone = null;
        try {
          const segment = this.segment;
          this.writeGroup();
          resolve(segment);
        } catch (e) {
          reject(e);
        }
      }),
    );
    return this.groupDone;
  }

  private writeGroup(): void {
    const lines = this.lines;
    const ids = this.idLines;
    this.lines = [];
    this.idLines = [];
    if (lines.length) {
      writeSync(this.segFd, lines.length === 1 ? lines[0] : lines.join(''));
      this.dirty = true;
    }
    if (ids.length) writeSync(this.idsFd, ids.length === 1 ? ids[0] : ids.join(''));
  }

  /**
   * Closes the current segment and opens the next; returns the number of the last closed segment
   * (the flush about to run stores everything journaled up to it).
   */
  seal(): number {
    // Nothing written since the last seal: keep the (empty) segment open, and commit only up to
    // the previous one, so what is written next is still replayed after a crash.
    if (!this.dirty) return this.segment - 1;
    // Lines still queued go to the new segment: their batches reach the aggregator only after the
    // write, so they land in the state the next flush stores, as that segment's number says.
    const sealed = this.segment;
    this.dirty = false;
    closeSync(this.segFd);
    closeSync(this.idsFd);
    this.openSegment(sealed + 1);
    return sealed;
  }

  /** Segments up to `segment` are stored: drop their batches, and ids past the dedupe window. */
  committed(segment: number): void {
    const horizon = this.now() - this.keepIdsMs;
    for (const n of this.files('seg')) if (n <= segment) this.unlink(fileName('seg', n));
    for (const n of this.files('ids')) {
      if (n > segment) break;
      const file = join(this.dir, fileName('ids', n));
      try {
        if (statSync(file).mtimeMs < horizon) unlinkSync(file);
      } catch {
        // already gone
      }
    }
  }

  private unlink(name: string): void {
    try {
      unlinkSync(join(this.dir, name));
    } catch {
      // already gone
    }
  }

  close(): void {
    if (this.segFd >= 0) {
      this.writeGroup();
      closeSync(this.segFd);
      closeSync(this.idsFd);
      this.segFd = this.idsFd = -1;
    }
    this.unlink('lock');
  }
}

class JournalBusy extends Error {}

function takeLock(dir: string): void {
  const lock = join(dir, 'lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      // Exclusive create: of two processes starting at once, one gets the directory.
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && alive(pid)) {
      throw new JournalBusy(`journal directory ${dir} is in use by process ${pid}: give each collector process its own journal.dir (or its own SQLite file)`);
    }
    // Left by a dead process (or by this one): take it over.
    try {
      unlinkSync(lock);
    } catch {
      // another starter removed it first
    }
  }
  throw new JournalBusy(`journal directory ${dir}: could not take its lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
