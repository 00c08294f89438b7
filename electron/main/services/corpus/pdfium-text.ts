// A PDF's text with PDFium compiled to WebAssembly (@embedpdf/pdfium), in the reader process
// (text-worker.ts). pdf.js spent its time building text items in JavaScript (font parsing, glyph
// mapping, a structured clone of every page's items through its in-thread "worker"): on real
// Chinese manuals it read 0.2–0.3× the pages per second of poppler's pdftotext. PDFium, the C++
// engine of Chrome, reads the same text (99.8 % of pdftotext's characters and more, 99.3 % on a
// paper full of formulas) 2–4× faster than pdf.js, in a WebAssembly memory of its own that the
// reader's cap covers as well. Nearly all of its time is its own page parsing and text analysis
// (on a 397-page manual: 250 ms loading pages, 440 ms analysing their text, 70 ms ours), so where
// there are two cores a second thread reads pages too: 0.5× pdftotext on the slowest file alone,
// 0.7× and more with the helper (`npm run bench -- pdf`). The renderer still shows PDFs with pdf.js.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { init } from '@embedpdf/pdfium';
import { normalizeCjk } from '../../../core/normalize';
import { paragraphs } from '../../../core/paragraphs';
import { PdfProblem, type PdfRead } from './pdf-reader';
import { linesToText, type Block } from './text-block';

type Pdfium = Awaited<ReturnType<typeof init>>;
type Heap = { HEAPU8: Uint8Array; HEAPF64: Float64Array; wasmExports: { malloc(n: number): number; free(p: number): void } };

// FPDF_GetLastError: the password is wrong or missing
const ERR_PASSWORD = 4;

/** PDFium, once per process: its .wasm is found next to the package wherever node_modules is (also inside app.asar). */
let loaded: Promise<Pdfium> | null = null;
export function loadPdfium(): Promise<Pdfium> {
  loaded ??= (async () => {
    const here = typeof __filename !== 'undefined' ? __filename : fileURLToPath(import.meta.url);
    const wasm = createRequire(here).resolve('@embedpdf/pdfium/pdfium.wasm');
    const m = await init({ locateFile: () => wasm, print: () => {}, printErr: () => {} });
    m.PDFiumExt_Init();
    return m;
  })();
  return loaded;
}

/** `n` UTF-16 code units at `ptr` (PDFium writes UTF-16LE). */
function utf16(heap: Heap, ptr: number, n: number): string {
  const units = new Uint16Array(heap.HEAPU8.buffer, ptr, n);
  let s = '';
  for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...units.subarray(i, Math.min(n, i + 8192)));
  return s;
}

/**
 * The text without what is not text: PDFium gives U+FFFE for a hyphen that breaks a word at a line's
 * end (shown as '-', as pdftotext does), and control codes for glyphs of symbol fonts that map to no
 * character.
 */
function printable(s: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xfffe || (c < 0x20 && c !== 0x0a && c !== 0x09)) {
      out += s.slice(from, i) + (c === 0xfffe ? '-' : '');
      from = i + 1;
    }
  }
  return from === 0 ? s : out + s.slice(from);
}

/**
 * One page's paragraphs. PDFium gives the page's text in reading order with line ends (\r\n) of its
 * own; as with pdf.js before, a paragraph starts where the drop from the previous line is clearly
 * larger than the page's usual line spacing.
 */
function pageBlocks(m: Pdfium, heap: Heap, doc: number, index: number, xy: number): Block[] {
  const page = m.FPDF_LoadPage(doc, index);
  if (!page) throw new PdfProblem('unreadable');
  const tp = m.FPDFText_LoadPage(page);
  try {
    if (!tp) throw new PdfProblem('unreadable');
    const n = m.FPDFText_CountChars(tp);
    if (n <= 0) return [];
    // a character beyond the BMP takes two units
    const buf = heap.wasmExports.malloc((2 * n + 1) * 2);
    const units = m.FPDFText_GetText(tp, 0, n, buf);
    const text = utf16(heap, buf, Math.max(0, units - 1));
    heap.wasmExports.free(buf);
    const lines: { y: number; text: string }[] = [];
    let start = 0; // character index of the line's first character
    let from = 0; // its position in `text`
    let pos = 0;
    const endLine = (to: number) => {
      const t = text.slice(from, to);
      if (t.trim() === '') return;
      // the baseline of the line's first character (PDF space: y grows upwards)
      m.FPDFText_GetCharOrigin(tp, start, xy, xy + 8);
      lines.push({ y: heap.HEAPF64[(xy + 8) >> 3]!, text: t });
    };
    for (let k = 0; k < n && pos < text.length; k++) {
      const c = text.charCodeAt(pos);
      const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
      if (c === 0x0a) {
        endLine(pos > from && text.charCodeAt(pos - 1) === 0x0d ? pos - 1 : pos);
        start = k + 1;
        from = pos + 1;
      }
      pos += width;
    }
    endLine(text.length);
    const out = linesToText(lines);
    return paragraphs(normalizeCjk(printable(out))).map((para) => ({ loc: index + 1, text: para }));
  } finally {
    if (tp) m.FPDFText_ClosePage(tp);
    m.FPDF_ClosePage(page);
  }
}

/** The document's Title (info dictionary), or ''. */
function titleOf(m: Pdfium, heap: Heap, doc: number): string {
  const bytes = m.FPDF_GetMetaText(doc, 'Title', 0, 0);
  if (bytes <= 2) return '';
  const buf = heap.wasmExports.malloc(bytes);
  m.FPDF_GetMetaText(doc, 'Title', buf, bytes);
  const s = utf16(heap, buf, bytes / 2 - 1);
  heap.wasmExports.free(buf);
  return normalizeCjk(s).trim();
}

/** A PDF opened in this thread's PDFium: its pages read one at a time, then closed. */
interface OpenPdf {
  pages: number;
  page(index: number): Block[];
  title(): string;
  close(): void;
}

async function openPdf(bytes: Uint8Array): Promise<OpenPdf> {
  const m = await loadPdfium();
  const heap = m.pdfium as unknown as Heap;
  const data = heap.wasmExports.malloc(Math.max(1, bytes.length));
  heap.HEAPU8.set(bytes, data);
  const doc = m.FPDF_LoadMemDocument(data, bytes.length, '');
  if (!doc) {
    const err = m.FPDF_GetLastError();
    heap.wasmExports.free(data);
    throw new PdfProblem(err === ERR_PASSWORD ? 'encrypted' : 'invalid');
  }
  const xy = heap.wasmExports.malloc(16);
  return {
    pages: m.FPDF_GetPageCount(doc),
    page: (i) => pageBlocks(m, heap, doc, i, xy),
    title: () => titleOf(m, heap, doc),
    close: () => {
      m.FPDF_CloseDocument(doc);
      heap.wasmExports.free(xy);
      heap.wasmExports.free(data);
    },
  };
}

/**
 * A second reader of the same PDF's pages, in a thread of its own (text-worker.ts starts it): PDFium's
 * page parsing and text analysis take nearly all of a reading's time, and the pages are independent,
 * so two threads take the next unread page from a shared counter until none is left.
 */
export interface PageHelper {
  /** starts reading; each page read is told by `onPage`; settles when the helper has no page left */
  read(bytes: SharedArrayBuffer, next: SharedArrayBuffer, onPage: (index: number, blocks: Block[]) => void): Promise<void>;
}

/** Only worth a second thread for more pages than this. */
const SHARED_FROM_PAGES = 8;

/** The helper thread's side: read pages of `bytes` while `next` has some left, telling each one. */
export async function helpRead(bytes: SharedArrayBuffer, next: SharedArrayBuffer, tell: (index: number, blocks: Block[]) => void): Promise<void> {
  const pdf = await openPdf(new Uint8Array(bytes));
  const counter = new Int32Array(next);
  try {
    for (let i = Atomics.add(counter, 0, 1); i < pdf.pages; i = Atomics.add(counter, 0, 1)) tell(i, pdf.page(i));
  } finally {
    pdf.close();
  }
}

/**
 * A PDF's paragraphs, read here with PDFium, page by page (each page let go before the next), with
 * `helper`'s thread taking pages too when there is one: what the reader process does. Anywhere else,
 * use readPdf (pdf-reader.ts): it reads in that process.
 */
export async function readPdfHere(bytes: Uint8Array, onPage?: (done: number, total: number) => void, helper?: PageHelper): Promise<PdfRead> {
  const pdf = await openPdf(bytes);
  try {
    const pages = pdf.pages;
    if (pages <= 0) throw new PdfProblem('invalid');
    onPage?.(0, pages);
    const read: (Block[] | undefined)[] = new Array<Block[] | undefined>(pages);
    let done = 0;
    const got = (i: number, blocks: Block[]) => {
      read[i] = blocks;
      done += 1;
      onPage?.(done, pages);
    };
    const next = new Int32Array(new SharedArrayBuffer(4));
    let helping: Promise<void> = Promise.resolve();
    if (helper && pages > SHARED_FROM_PAGES) {
      const shared = new SharedArrayBuffer(bytes.length);
      new Uint8Array(shared).set(bytes);
      // a page it tells after it failed is not taken twice
      // (its failure is not the reading's: see below)
      helping = helper.read(shared, next.buffer as SharedArrayBuffer, (i, blocks) => !read[i] && got(i, blocks)).catch(() => undefined);
    }
    for (let i = Atomics.add(next, 0, 1), k = 0; i < pages; i = Atomics.add(next, 0, 1), k++) {
      got(i, pdf.page(i));
      // let the process's timers run (its own memory check), the helper's pages in, and messages out
      if (k % 4 === 3) await new Promise((r) => setImmediate(r));
    }
    // the helper only speeds a reading up: pages it took and did not give back (it failed, or its
    // thread ended) are read here
    await helping;
    for (let i = 0; i < pages; i++) if (!read[i]) got(i, pdf.page(i));
    return { blocks: read.flatMap((b) => b ?? []), pages, title: pdf.title() };
  } catch (e) {
    throw e instanceof PdfProblem ? e : new PdfProblem('unreadable');
  } finally {
    pdf.close();
  }
}
