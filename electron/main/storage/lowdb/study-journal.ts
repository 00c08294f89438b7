// The study journal of a lowdb data folder. A heartbeat changes only what a person has open
// (`open.study`); rewriting their whole file for it (temp file, two fsyncs, a rename) is the slow
// part of every beat. Instead the new state is appended as one line to a journal and made durable
// with one fdatasync, many beats sharing one sync when they arrive together. The person's file is
// written later: by their next ordinary update, at a checkpoint (when the journal has grown), or
// when the folder is opened again after a stop or a crash (replay).
//
// Which state is newer is told by a number, `open.studyRev`, that each journaled change raises by
// one and that every file write carries: a line is applied only when its number is greater than the
// file's. So a line older than the file (the session was stopped meanwhile, and the file says so)
// can never bring an ended session back.
import { closeSync, fdatasync, fstatSync, ftruncateSync, openSync, readdirSync, readFileSync, unlinkSync, write } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { OpenStudy } from '../../../core/study-time';
import { said, type Message } from '../../../core/message';

const writeAsync = promisify(write);
const syncAsync = promisify(fdatasync);

export const JOURNAL_PREFIX = 'study-journal-';
const isJournal = (f: string) => f.startsWith(JOURNAL_PREFIX) && f.endsWith('.jsonl');

export interface JournalLine {
  no: string;
  rev: number;
  /** the hash of the person's last event when the line was written: a line applies only to that history */
  head: string;
  study: OpenStudy | null;
  /** the line's seal (a sealed folder: seal.ts) */
  mac?: string;
}

/** The journal files of a folder (a process writes one at a time; older ones await a checkpoint). */
export function journalFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter(isJournal)
    .sort()
    .map((f) => path.join(dir, f));
}

/** What reading the journals found that was not a whole line: said at start, by `check` and by `backup`. */
export interface JournalCut {
  file: string;
  /** the line (1-based) where the cut bytes were */
  line: number;
  bytes: number;
  /**
   * 'torn': the end of a write that never finished, so it was never answered as saved (a crash or a
   * full disk); 'damaged': bytes in the middle of a file that are not a record (damage, or a hand)
   */
  kind: 'torn' | 'damaged';
}

export function describeCut(c: JournalCut): Message {
  return said(c.kind === 'torn' ? 'store.journal.torn' : 'store.journal.damaged', { file: path.basename(c.file), line: c.line, bytes: c.bytes });
}

/** A journal line that does not hold its seal: found when the folder is opened, and by a check since. */
export const journalLineProblem = (file: string, line: number, no: string): Message => said('seal.journalLine', { file: path.basename(file), line, no });

/** the fields a line must have to be one */
function asLine(text: string): JournalLine | null {
  try {
    const rec = JSON.parse(text) as JournalLine;
    if (rec === null || typeof rec !== 'object' || typeof rec.no !== 'string' || typeof rec.rev !== 'number' || typeof rec.head !== 'string' || !('study' in rec)) return null;
    return rec;
  } catch {
    return null;
  }
}

/**
 * The newest journaled study state per person in `files`, and what was cut. A line that is not a
 * record is never fatal (a folder must always open): the end of a write that never finished is
 * left out — it was never answered as saved. Versions before 2026-12 went on appending after a
 * write that failed half-way (a full disk), so such a torn start can be glued to a whole line that
 * was saved: the whole line at its end is kept, only the torn bytes before it are cut. `accept`
 * decides whether a whole line may be applied (its seal; see seal.ts); one refused is reported
 * through `refused`.
 */
export function readJournals(
  files: readonly string[],
  accept: (line: JournalLine) => boolean = () => true,
  refused: (file: string, line: number, rec: JournalLine) => void = () => undefined,
): { lines: Map<string, JournalLine>; cuts: JournalCut[] } {
  const out = new Map<string, JournalLine>();
  const cuts: JournalCut[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line === '') return;
      let rec = asLine(line);
      if (!rec) {
        // a torn start glued to a whole line: the last place a record begins
        const at = line.lastIndexOf('{"no":');
        rec = at > 0 ? asLine(line.slice(at)) : null;
        const cut = rec ? Buffer.byteLength(line.slice(0, at)) : Buffer.byteLength(line);
        // the last line, or the part of a line before a whole record: an unfinished write
        cuts.push({ file, line: i + 1, bytes: cut, kind: i === lines.length - 1 || rec ? 'torn' : 'damaged' });
        if (!rec) return;
      }
      if (!accept(rec)) {
        refused(file, i + 1, rec);
        return;
      }
      // a later line of the same number wins: a write answered as failed may have left a whole
      // line before the failure, and the same number was then written again
      const had = out.get(rec.no);
      if (!had || rec.rev >= had.rev) out.set(rec.no, rec);
    });
  }
  return { lines: out, cuts };
}

interface Waiting {
  text: string;
  done: (e?: unknown) => void;
}

/** The journal this process appends to. */
export class StudyJournal {
  /** the file being appended to: begun at the first line, so a folder opened and closed keeps no empty journal */
  private fd: number | null = null;
  private file = '';
  private waiting: Waiting[] = [];
  private flushing: Promise<void> | null = null;
  /** the batch being written now (into the file it began in) */
  private inFlight: Promise<void> | null = null;
  private count = 0;
  /** bytes appended to the current file (the checkpoint's measure) */
  bytes = 0;
  /** files left when a failed write could not be cut back: given to the next checkpoint to delete */
  private abandoned: string[] = [];

  constructor(
    private readonly dir: string,
    /** the line's text as written: with its seal in a sealed folder (seal.ts); may refuse (the key is not here) */
    private readonly sealLine: (text: string) => string = (text) => text,
  ) {}

  private begin(): number {
    if (this.fd === null) {
      this.file = this.newName();
      this.fd = openSync(this.file, 'a');
    }
    return this.fd;
  }

  private newName(): string {
    // names sort by when they were begun; the counter keeps two begun in one millisecond apart
    const stamp = `${Date.now().toString().padStart(15, '0')}-${process.pid}-${String(this.count++).padStart(6, '0')}`;
    return path.join(this.dir, `${JOURNAL_PREFIX}${stamp}.jsonl`);
  }

  /** Resolves once the line is on disk (fdatasync). Lines that arrive while a sync runs share the next one. */
  append(line: JournalLine): Promise<void> {
    const text = `${this.sealLine(JSON.stringify({ no: line.no, rev: line.rev, head: line.head, study: line.study }))}\n`;
    this.begin();
    this.bytes += Buffer.byteLength(text);
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ text, done: (e) => (e === undefined ? resolve() : reject(e)) });
      this.flushing ??= this.flush().finally(() => (this.flushing = null));
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      let fd: number;
      let from: number;
      try {
        fd = this.begin();
        // where this batch begins: a failed write is cut back to it
        from = fstatSync(fd).size;
      } catch (e) {
        for (const w of batch) w.done(e);
        continue;
      }
      this.inFlight = (async () => {
        const buf = Buffer.from(batch.map((w) => w.text).join(''));
        for (let at = 0; at < buf.length;) at += (await writeAsync(fd, buf, at, buf.length - at)).bytesWritten;
        await syncAsync(fd);
      })();
      try {
        await this.inFlight;
        for (const w of batch) w.done();
      } catch (e) {
        this.cutBack(fd, from);
        for (const w of batch) w.done(e);
      }
    }
    this.inFlight = null;
  }

  /**
   * A write that failed (a full disk, an I/O error) may have left part of the batch in the file:
   * cut the file back to where the batch began, so the next line never follows torn bytes. If even
   * that fails, the file is left as it is (its torn end is skipped when read) and the next line
   * begins a new file.
   */
  private cutBack(fd: number, size: number): void {
    try {
      ftruncateSync(fd, size);
    } catch {
      if (this.fd === fd) {
        try {
          closeSync(fd);
        } catch {
          /* closed already */
        }
        this.fd = null;
        this.abandoned.push(this.file);
      }
    }
  }

  /**
   * Begin a new file for what comes next; resolves, once every line of the old file is on disk,
   * with the old files' paths (to delete after a checkpoint has written what they hold).
   */
  async rotate(): Promise<string[]> {
    const left = this.abandoned.splice(0);
    if (this.fd === null) return left;
    const old = { fd: this.fd, file: this.file };
    // the next batch begins a new file; one being written now goes on into the old one: wait for it
    this.fd = null;
    this.bytes = 0;
    await this.inFlight?.catch(() => undefined);
    try {
      closeSync(old.fd);
    } catch {
      /* closed when a failed write could not be cut back */
    }
    return [...left, old.file];
  }

  /** Stop appending; the file stays, to be replayed when the folder is opened again. */
  close(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      /* already closed */
    }
    this.fd = null;
  }

  /** Delete journal files whose every line a checkpoint has written into the person files. */
  static remove(files: readonly string[]): void {
    for (const f of files) {
      try {
        unlinkSync(f);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }
}
