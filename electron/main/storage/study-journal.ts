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
import { closeSync, fdatasync, openSync, readdirSync, readFileSync, unlinkSync, write } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { OpenStudy } from '../../core/study-time';

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
}

/** The journal files of a folder (a process writes one at a time; older ones await a checkpoint). */
export function journalFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter(isJournal)
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * The newest journaled study state per person in `files`. A last line cut short (the process ended
 * while writing it, so it was never answered as saved) is left out; a broken line before the last
 * one means the file was damaged, and says where.
 */
export function readJournals(files: readonly string[]): Map<string, JournalLine> {
  const out = new Map<string, JournalLine>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      if (line === '') return;
      let rec: JournalLine;
      try {
        rec = JSON.parse(line) as JournalLine;
        if (typeof rec.no !== 'string' || typeof rec.rev !== 'number' || typeof rec.head !== 'string' || !('study' in rec)) throw new Error('fields');
      } catch {
        if (i === lines.length - 1) return; // the torn end of a write that never finished
        throw new Error(`学习日志已损坏：${file} 第 ${i + 1} 行`);
      }
      const had = out.get(rec.no);
      if (!had || rec.rev > had.rev) out.set(rec.no, rec);
    });
  }
  return out;
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
  /** bytes appended to the current file */
  bytes = 0;

  constructor(private readonly dir: string) {}

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
    const text = `${JSON.stringify(line)}\n`;
    this.bytes += Buffer.byteLength(text);
    this.begin();
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ text, done: (e) => (e === undefined ? resolve() : reject(e)) });
      this.flushing ??= this.flush().finally(() => (this.flushing = null));
    });
  }

  private async flush(): Promise<void> {
    while (this.waiting.length > 0) {
      const batch = this.waiting.splice(0);
      const fd = this.begin();
      this.inFlight = (async () => {
        const buf = Buffer.from(batch.map((w) => w.text).join(''));
        for (let at = 0; at < buf.length; ) at += (await writeAsync(fd, buf, at, buf.length - at)).bytesWritten;
        await syncAsync(fd);
      })();
      try {
        await this.inFlight;
        for (const w of batch) w.done();
      } catch (e) {
        for (const w of batch) w.done(e);
      }
    }
    this.inFlight = null;
  }

  /**
   * Begin a new file for what comes next; resolves, once every line of the old file is on disk,
   * with the old file's path (to delete after a checkpoint has written what it holds).
   */
  async rotate(): Promise<string | null> {
    if (this.fd === null) return null;
    const old = { fd: this.fd, file: this.file };
    // the next batch begins a new file; one being written now goes on into the old one: wait for it
    this.fd = null;
    this.bytes = 0;
    await this.inFlight?.catch(() => undefined);
    closeSync(old.fd);
    return old.file;
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
