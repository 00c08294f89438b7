// The PDF reader: a process of its own (see services/corpus/pdf-reader.ts), started for a PDF and kept
// for the next ones while it stays small. For each PDF it gets the bytes, answers the page count, a
// message per page read (with its resident memory), then the paragraphs — or why the file cannot be
// read. It ends itself if its memory passes the cap it was given (the server also watches it from
// outside, and kills it).
import os from 'node:os';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { ENGINE_ENV, OVER_CAP_EXIT, PdfProblem, type ReaderJob, type ReaderReply } from './pdf-reader';
import { helpRead, loadPdfium, readPdfHere, type PageHelper } from './pdfium-text';
import { loadPdfjs, readPdfWithPdfjs } from './pdfjs-text';
import type { Block } from './text-block';

// each reading's own id: a helper still busy with a reading that failed may tell its pages after
type HelperJob = { id: number; bytes: SharedArrayBuffer; next: SharedArrayBuffer };
type HelperReply = { id: number } & ({ index: number; blocks: Block[] } | { finished: true } | { failed: true });

/**
 * The page helper: this same script in a second thread of the reader process (so the process's
 * memory cap covers it), reading pages of the PDF the first thread reads (pdfium-text.ts).
 */
function startHelper(): Worker {
  const here = __filename;
  const w =
    here.endsWith('.cjs') || here.endsWith('.js')
      ? new Worker(here)
      : // from source (tsx): the thread registers tsx's require hook itself, then loads the TypeScript
        new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(here)});`, { eval: true });
  w.unref();
  // a helper that cannot start or ends is let go (the next reading starts another); the reading it
  // was helping reads the pages it did not give back itself
  const gone = () => {
    if (helperThread === w) helperThread = null;
  };
  w.on('error', gone);
  w.on('exit', gone);
  return w;
}

let helperThread: Worker | null = null;
let jobs = 0;
/** A helper for this reading, or none where there is one core only (or it could not start). */
function pageHelper(): PageHelper | undefined {
  if (os.availableParallelism() < 2) return undefined;
  try {
    helperThread ??= startHelper();
  } catch {
    return undefined;
  }
  const w = helperThread;
  const id = ++jobs;
  return {
    read: (bytes, next, onPage) =>
      new Promise<void>((resolve, reject) => {
        const stop = (e?: Error) => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onError);
          if (e) reject(e);
          else resolve();
        };
        const onMessage = (m: HelperReply) => {
          if (m.id !== id) return;
          if ('index' in m) onPage(m.index, m.blocks);
          else stop('failed' in m ? new Error('the page helper could not read the PDF') : undefined);
        };
        const onError = () => stop(new Error('the page helper ended'));
        w.on('message', onMessage);
        w.once('error', onError);
        w.once('exit', onError);
        w.postMessage({ id, bytes, next } satisfies HelperJob);
      }),
  };
}

// Source maps of what it loads are not needed to read a PDF (and pdf.js's would cost tens of MB).
process.setSourceMapsEnabled?.(false);

if (!isMainThread) {
  // the page helper's thread: PDFium loaded at once, then pages read as the first thread shares them
  void loadPdfium().catch(() => undefined);
  parentPort!.on('message', (m: HelperJob) => {
    helpRead(m.bytes, m.next, (index, blocks) => parentPort!.postMessage({ id: m.id, index, blocks } satisfies HelperReply)).then(
      () => parentPort!.postMessage({ id: m.id, finished: true } satisfies HelperReply),
      () => parentPort!.postMessage({ id: m.id, failed: true } satisfies HelperReply),
    );
  });
} else startReader();

function startReader() {
  // its engine is loaded as it starts, before the first PDF arrives (a failure shows when one is read)
  void (process.env[ENGINE_ENV] === 'pdfjs' ? loadPdfjs() : loadPdfium()).catch(() => undefined);
  // and the page helper's thread, which loads its own
  if (process.env[ENGINE_ENV] !== 'pdfjs') pageHelper();
  // the server gone, a reader waiting for a PDF has nothing left to do
  process.once('disconnect', () => process.exit(0));

  const send = (m: ReaderReply) => process.send!(m);
  const rssMb = () => process.memoryUsage.rss() / 1024 / 1024;
  let capMb = Infinity;
  // this reading's peak resident memory (sampled), for the benchmark
  let peakMb = 0;
  const check = () => {
    const mb = rssMb();
    peakMb = Math.max(peakMb, mb);
    if (mb > capMb) process.exit(OVER_CAP_EXIT);
  };
  setInterval(check, 50).unref();

  process.on('message', (m: ReaderJob) => {
    capMb = m.rssCapMb;
    peakMb = 0;
    check();
    const bytes = m.bytes instanceof Uint8Array ? m.bytes : new Uint8Array(m.bytes as ArrayLike<number>);
    const read = m.engine === 'pdfjs' ? readPdfWithPdfjs : (b: Uint8Array, onPage: (done: number, total: number) => void) => readPdfHere(b, onPage, pageHelper());
    read(bytes, (done, total) => {
      check();
      send(done === 0 ? { total } : { done, rssMb: Math.round(rssMb()) });
    }).then(
      (r) => {
        check();
        send({ read: { ...r, readerPeakMb: Math.round(peakMb) } });
      },
      (e: unknown) => send({ failed: e instanceof PdfProblem ? e.kind : 'unreadable' }),
    );
  });
}
