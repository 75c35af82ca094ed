import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { FlushJournal } from '../aggregate/aggregator.js';

/** One journal line: what was accepted, when, for which app. */
export interface JournalEntry {
  kind: 'b' | 'r';
  receivedAt: number;
  app: string;
  id: string;
  text: string;
  segment: number;
}

const SEGMENT = /^seg-(\d{12})\.log$/;
const segName = (n: number) => `seg-${String(n).padStart(12, '0')}.log`;

/**
 * Write-ahead journal of accepted beacons. Every accepted batch is written to the file before its
 * 202 is sent, so it is in the kernel's page cache and survives a kill -9 of the process (not a
 * power cut: no fsync per request). Lines are group-written: the requests of one event-loop turn
 * share one `write(2)`, and each waits for it (`append` resolves after the write). Each flush seals the current segment and,
 * in the same transaction as the rollups, records it as stored (`ingest_journal`). On start,
 * segments past that mark are replayed; older ones are kept for the dedupe window so batch ids
 * survive a restart, then deleted.
 */
export class Journal implements FlushJournal {
  readonly id: string;
  private fd = -1;
  private segment = 0;

  private constructor(
    readonly dir: string,
    private readonly keepMs: number,
    private readonly now: () => number,
  ) {
    mkdirSync(dir, { recursive: true });
    takeLock(dir);
    const idFile = join(dir, 'id');
    if (!existsSync(idFile)) writeFileSync(idFile, randomUUID());
    this.id = readFileSync(idFile, 'utf8').trim();
  }

  /** Opens (creating) `dir`; refuses a dir another live process is using. */
  static open(dir: string, keepMs: number, now: () => number = Date.now): Journal {
    return new Journal(dir, keepMs, now);
  }

  private segments(): number[] {
    return readdirSync(this.dir)
      .map((f) => SEGMENT.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .sort((a, b) => a - b);
  }

  /** Entries of every existing segment, oldest first (call once, before `start`). */
  *read(): Generator<JournalEntry> {
    for (const segment of this.segments()) {
      const text = readFileSync(join(this.dir, segName(segment)), 'utf8');
      for (const line of text.split('\n')) {
        if (!line) continue;
        const t1 = line.indexOf('\t');
        const t2 = line.indexOf('\t', t1 + 1);
        const t3 = line.indexOf('\t', t2 + 1);
        const t4 = line.indexOf('\t', t3 + 1);
        if (t4 < 0) continue; // a torn last line: nothing was acknowledged for it
        const kind = line.slice(0, t1);
        if (kind !== 'b' && kind !== 'r') continue;
        yield { kind, receivedAt: Number(line.slice(t1 + 1, t2)), app: line.slice(t2 + 1, t3), id: line.slice(t3 + 1, t4), text: line.slice(t4 + 1), segment };
      }
    }
  }

  /** Opens a fresh segment after the existing ones. */
  start(): void {
    const last = this.segments().at(-1) ?? 0;
    this.openSegment(last + 1);
  }

  private openSegment(n: number): void {
    this.segment = n;
    this.fd = openSync(join(this.dir, segName(n)), 'a');
  }

  private group: string[] = [];
  private groupDone: Promise<void> | null = null;

  /**
   * Appends one accepted batch (JSON text; raw newlines in it are only whitespace). Resolves once
   * the line is written; rejects if the write failed (the caller must then refuse the batch).
   */
  append(kind: 'b' | 'r', receivedAt: number, app: string, id: string, json: string): Promise<void> {
    const text = json.includes('\n') || json.includes('\r') ? json.replace(/[\r\n]/g, ' ') : json;
    this.group.push(`${kind}\t${receivedAt}\t${app}\t${id}\t${text}\n`);
    this.groupDone ??= new Promise<void>((resolve, reject) =>
      setImmediate(() => {
        const lines = this.group;
        this.group = [];
        this.groupDone = null;
        try {
          this.writeLines(lines);
          resolve();
        } catch (e) {
          reject(e);
        }
      }),
    );
    return this.groupDone;
  }

  private writeLines(lines: string[]): void {
    if (lines.length === 0) return;
    writeSync(this.fd, lines.length === 1 ? lines[0] : lines.join(''));
  }

  /** Closes the current segment and opens the next; returns the closed one's number. */
  seal(): number {
    // Lines still queued are written to the new segment: their batches reach the aggregator only
    // after the write, so they land in the state the next flush stores, as the segment says.
    const sealed = this.segment;
    closeSync(this.fd);
    this.openSegment(sealed + 1);
    return sealed;
  }

  /** Everything up to `segment` is stored: delete such segments once past the dedupe window. */
  committed(segment: number): void {
    const horizon = this.now() - this.keepMs;
    for (const n of this.segments()) {
      if (n > segment) break;
      const file = join(this.dir, segName(n));
      try {
        if (statSync(file).mtimeMs < horizon) unlinkSync(file);
      } catch {
        // already gone
      }
    }
  }

  close(): void {
    if (this.fd >= 0) {
      this.writeLines(this.group);
      this.group = [];
      closeSync(this.fd);
    }
    this.fd = -1;
    try {
      unlinkSync(join(this.dir, 'lock'));
    } catch {
      // not ours any more
    }
  }
}

function takeLock(dir: string): void {
  const lock = join(dir, 'lock');
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (pid && pid !== process.pid && alive(pid)) {
      throw new Error(`journal directory ${dir} is in use by process ${pid}: give each collector process its own journal.dir (or its own SQLite file)`);
    }
  }
  writeFileSync(lock, String(process.pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
