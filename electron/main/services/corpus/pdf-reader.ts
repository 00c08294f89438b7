// PDFs are read in a process of their own (services/corpus/text-worker.ts), one at a time per server, with
// a memory cap. A long PDF read in the server took hundreds of MB (one 264-page PDF: 127 → 662 MB of
// the server; four at once: 1.5 GB), and a hostile one (a stream that inflates to gigabytes) could
// take it all: a child process's memory is its own, returned whole when it ends, and a cap on it
// holds for all of it — the JavaScript heap (--max-old-space-size) and everything else (its
// resident memory, watched here from /proc where there is one and by the child itself). A PDF that
// goes over is refused naming the file; the server goes on. Waiting readings know their place.
import { spawn, type ChildProcess } from 'node:child_process';
// fs, not ports.files: /proc/<pid>/status of the reader child, in a queue shared by the process's apps (it has no ports)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ApiError, badInput } from '../errors';
import { MessageError, said } from '../../../core/message';
import type { Block } from './text-block';

/** An import stopped by its reader: a message (its Chinese as `message`), and the job's state `cancelled`. */
export class ImportCancelled extends MessageError {
  constructor() {
    super(said('corpus.importCancelled'));
  }
}

export interface PdfRead {
  blocks: Block[];
  pages: number;
  /** the PDF's own title (its info dictionary), as found */
  title: string;
  /** the reader process's peak resident memory (MB), when read there */
  readerPeakMb?: number;
}

/** Why a PDF cannot be read (the reader process tells the server, which words it). */
export class PdfProblem extends Error {
  constructor(readonly kind: 'encrypted' | 'invalid' | 'unreadable') {
    super(kind);
  }
}

/** What reads the text: PDFium (pdfium-text.ts); pdf.js (pdfjs-text.ts) as it was, for the benchmark. */
export type PdfEngine = 'pdfium' | 'pdfjs';

export interface ReadOptions {
  /** pages done, of total */
  onProgress?: (done: number, total: number) => void;
  /** readings ahead of this one (1 = next); 0 when its reading starts */
  onQueue?: (ahead: number) => void;
  signal?: AbortSignal;
}

/** What the reader process is told, and what it answers (text-worker.ts). */
export type ReaderJob = { bytes: Uint8Array; rssCapMb: number; engine: PdfEngine };
export type ReaderReply = { total: number } | { done: number; rssMb: number } | { read: PdfRead } | { failed: PdfProblem['kind'] };
/** the reader ends itself with this code when its own resident memory passes the cap */
export const OVER_CAP_EXIT = 90;

/**
 * The caps of one reading. With PDFium a 264-page Chinese PDF peaks at about 110–140 MB in the
 * reader (its WebAssembly memory ~26 MB, outside the JavaScript heap; more under tsx than when
 * built); with pdf.js it was 150–230 MB. Pages are read one by one and let go. `waiting`: readings
 * that may wait at once (each holds its file, ≤ 25 MB); more are refused until some are done.
 */
export const READER_CAPS = { heapMb: 256, rssMb: 448, waiting: 8, engine: 'pdfium' as PdfEngine };
type Caps = typeof READER_CAPS;
/** the reader's engine, told to it as it starts (text-worker.ts loads it before its first job comes) */
export const ENGINE_ENV = 'ANXUE_PDF_ENGINE';

/**
 * A reader process, kept for the next PDF. A fresh one reads its first PDF 3–5× slower than the
 * next ones: Node starts, PDFium's WebAssembly is compiled, and V8 optimizes its hot code only as
 * it runs (about a second in all for a 100-page manual, which pdftotext reads in 0.15 s). So a
 * reader that read a PDF well waits for the next one — KEEP_IDLE_MS at most (an idle reader holds
 * ~60–120 MB), and only while its resident memory is under half the cap; any reading that fails,
 * is cancelled or goes over the cap ends it, and its memory is returned whole.
 */
const KEEP_IDLE_MS = 60_000;
const HEAP_OUT = /heap out of memory|Reached heap limit|allocation failed/i;
interface Reader {
  child: ChildProcess;
  stderr: string;
  /** V8 said its heap was out of memory (before a native stack trace that may push it out of `stderr`) */
  heapOut: boolean;
  error: Error | null;
  idle?: NodeJS.Timeout;
}

function startReader(caps: Caps): Reader {
  const cmd = readerCommand(caps.heapMb, caps.engine);
  const child = spawn(process.execPath, cmd.args, { env: cmd.env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced', windowsHide: true });
  const r: Reader = { child, stderr: '', heapOut: false, error: null };
  child.stderr!.on('data', (b: Buffer) => {
    r.stderr = (r.stderr + b.toString()).slice(-4000);
    r.heapOut ||= HEAP_OUT.test(r.stderr);
  });
  child.on('error', (e) => (r.error ??= e));
  return r;
}

/** a reader waiting for the next PDF does not keep this process alive (a command line that imported a PDF ends) */
function holdOn(r: Reader, hold: boolean) {
  const channel = r.child.channel as { ref(): void; unref(): void } | null | undefined;
  if (hold) {
    r.child.ref();
    channel?.ref();
  } else {
    r.child.unref();
    channel?.unref();
  }
}

/** The reader's script: built (dist/electron/text-worker.cjs) or the TypeScript source under tsx's require hook. */
function readerCommand(heapMb: number, engine: PdfEngine): { args: string[]; env: NodeJS.ProcessEnv } {
  const here = typeof __filename !== 'undefined' ? __filename : fileURLToPath(import.meta.url);
  const caps = [`--max-old-space-size=${heapMb}`, '--max-semi-space-size=4'];
  // in Electron, its binary runs the script as Node; the engine, so that the reader loads it as it starts
  const env = { ...process.env, [ENGINE_ENV]: engine, ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}) };
  if (here.endsWith('.cjs') || here.endsWith('.js')) return { args: [...caps, path.join(path.dirname(here), 'text-worker.cjs')], env };
  // from source: only tsx's require hook (its ESM loader would run pdf.js through a thread of its own, hundreds of MB)
  const tsx = createRequire(here).resolve('tsx/cjs/api');
  const src = path.join(path.dirname(here), 'text-worker.ts');
  return { args: [...caps, '-e', `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(src)});`], env };
}

/** Resident memory of a process from /proc (Linux; in kB there, whatever the page size), or null where there is none. */
function residentMb(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

const messages = {
  encrypted: 'corpus.pdfEncrypted',
  invalid: 'corpus.pdfInvalid',
  unreadable: 'corpus.pdfUnreadable',
} as const;

interface Queued {
  fileName: string;
  bytes: Uint8Array;
  opts: ReadOptions;
  resolve: (r: PdfRead) => void;
  reject: (e: Error) => void;
  child?: ChildProcess;
}

/** One reading at a time, the others waiting in order. */
class ReaderQueue {
  private waiting: Queued[] = [];
  private current: Queued | null = null;
  private kept: Reader | null = null;
  constructor(readonly caps: Caps) {}

  /** the reader kept from the last reading if it is still there, else a new one */
  private reader(): Reader {
    const r = this.kept;
    this.kept = null;
    if (r) clearTimeout(r.idle);
    if (r && !r.error && !r.child.killed && r.child.exitCode === null && r.child.signalCode === null && r.child.connected) {
      holdOn(r, true);
      return r;
    }
    r?.child.kill('SIGKILL');
    return startReader(this.caps);
  }

  /** after a reading that went well: the reader waits for the next one, if it is small enough (`peakMb`: its own figure, where there is no /proc) */
  private keep(r: Reader, peakMb: number | undefined) {
    const mb = (r.child.pid ? residentMb(r.child.pid) : null) ?? peakMb ?? null;
    if (mb === null || mb > this.caps.rssMb / 2) return void r.child.kill();
    holdOn(r, false);
    r.idle = setTimeout(() => this.dispose(), KEEP_IDLE_MS);
    r.idle.unref();
    this.kept = r;
  }

  /** the kept reader ends (caps changed, or no PDF came) */
  dispose() {
    if (!this.kept) return;
    clearTimeout(this.kept.idle);
    this.kept.child.kill('SIGKILL');
    this.kept = null;
  }

  read(fileName: string, bytes: Uint8Array, opts: ReadOptions): Promise<PdfRead> {
    if (opts.signal?.aborted) return Promise.reject(new ImportCancelled());
    if (this.waiting.length >= this.caps.waiting) {
      const n = this.waiting.length;
      return Promise.reject(new ApiError('rate_limited', 'corpus.serverReadsPdfTime', { n, fileName }, 'file', 30));
    }
    return new Promise((resolve, reject) => {
      const q: Queued = { fileName, bytes, opts, resolve, reject };
      this.waiting.push(q);
      opts.signal?.addEventListener(
        'abort',
        () => {
          if (this.current === q) q.child?.kill('SIGKILL');
          else if (this.waiting.includes(q)) {
            this.waiting = this.waiting.filter((w) => w !== q);
            this.told();
            reject(new ImportCancelled());
          }
        },
        { once: true },
      );
      if (this.current) opts.onQueue?.(this.waiting.length);
      this.next();
    });
  }

  /** how many are ahead of each waiting reading: told again whenever it changes */
  private told() {
    this.waiting.forEach((w, i) => w.opts.onQueue?.(i + 1));
  }

  private next() {
    if (this.current || this.waiting.length === 0) return;
    const q = this.waiting.shift()!;
    this.current = q;
    this.told();
    q.opts.onQueue?.(0);
    this.run(q)
      .then(q.resolve, q.reject)
      .finally(() => {
        this.current = null;
        this.next();
      });
  }

  private run(q: Queued): Promise<PdfRead> {
    const { rssMb } = this.caps;
    return new Promise((resolve, reject) => {
      const reader = this.reader();
      const child = reader.child;
      q.child = child;
      let total = 0;
      let settled: PdfRead | Error | null = null;
      let overCap = false;
      // the child's resident memory, from outside: a reading stuck in one large allocation cannot check itself
      const watch = setInterval(() => {
        const mb = child.pid ? residentMb(child.pid) : null;
        if (mb !== null && mb > rssMb) {
          overCap = true;
          child.kill('SIGKILL');
        }
      }, 50);
      watch.unref();
      const done = () => {
        clearInterval(watch);
        child.off('message', onMessage);
        child.off('error', onError);
        child.off('close', onClose);
      };
      const onMessage = (m: ReaderReply) => {
        if ('total' in m) {
          total = m.total;
          q.opts.onProgress?.(0, total);
        } else if ('done' in m) q.opts.onProgress?.(m.done, total);
        else if ('read' in m) {
          // read: the reader stays for the next PDF unless it was ended meanwhile (cancelled)
          done();
          if (!child.killed) this.keep(reader, m.read.readerPeakMb);
          resolve(m.read);
        } else {
          settled = badInput(messages[m.failed], { fileName: q.fileName }, 'file');
          child.kill();
        }
      };
      const onError = (e: Error) => {
        settled ??= new MessageError(said('corpus.pdfReaderNoStart', { why: e.message }));
        // not started at all: there will be no process to close
        if (!child.pid) {
          done();
          reject(settled);
        }
      };
      const onClose = (code: number | null) => {
        done();
        if (settled instanceof Error) return reject(settled);
        if (q.opts.signal?.aborted) return reject(new ImportCancelled());
        if (overCap || code === OVER_CAP_EXIT || reader.heapOut) return reject(badInput('corpus.pdfOverMemory', { fileName: q.fileName, mb: rssMb }, 'file'));
        reject(badInput(messages.unreadable, { fileName: q.fileName }, 'file'));
      };
      child.on('message', onMessage);
      child.on('error', onError);
      child.on('close', onClose);
      if (reader.error) return onError(reader.error);
      child.send({ bytes: q.bytes, rssCapMb: rssMb, engine: this.caps.engine } satisfies ReaderJob);
    });
  }
}

// Process-wide, not per app: it bounds the memory of this process's PDF readers (one reader child at
// a time, `waiting` files held), which is the PC's however many apps the process runs.
let queue: ReaderQueue | null = null;

/** Read a PDF in the reader process, after the readings before it. */
export function readPdf(fileName: string, bytes: Uint8Array, opts: ReadOptions = {}): Promise<PdfRead> {
  queue ??= new ReaderQueue(READER_CAPS);
  return queue.read(fileName, bytes, opts);
}

/** Other caps from now on (tests: a cap a real PDF goes over; the benchmark: pdf.js as the engine). */
export function setReaderCaps(caps: Caps): void {
  queue?.dispose();
  queue = new ReaderQueue(caps);
}
