// A PDF's text with pdf.js, as the reader process read it before PDFium (pdfium-text.ts): kept so the
// benchmark measures both side by side (`npm run bench -- pdf` with `--engine pdfjs`), and pdf.js
// remains what the renderer shows PDFs with.
import { normalizeCjk } from '../../../core/normalize';
import { paragraphs } from '../../../core/paragraphs';
import { PdfProblem, type PdfRead } from './pdf-reader';
import { linesToText, type Block } from './text-block';

/**
 * pdf.js's legacy build (the one Node 20 runs) installs core-js polyfills as it loads. All but one
 * only add what Node 20 lacks; the one that replaces a built-in — Array.prototype.push, forced for
 * an edge case of non-writable lengths — would slow every push in the process (a fifth of a PDF
 * import's time, and every request after it). The native push is put back.
 */
// process-wide, not per app: pdf.js and its polyfills load once into the process, whichever app asks first
let pdfjsLoaded: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;
export function loadPdfjs() {
  pdfjsLoaded ??= (async () => {
    const push = Array.prototype.push;
    const mod = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // the worker code too (run in this thread, as pdf.js does in Node): loaded now, so its own
    // copy of the polyfill is undone as well
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    if (Array.prototype.push !== push) Object.defineProperty(Array.prototype, 'push', { value: push, writable: true, configurable: true, enumerable: false });
    return mod;
  })();
  return pdfjsLoaded;
}

type PdfDoc = Awaited<ReturnType<Awaited<ReturnType<typeof loadPdfjs>>['getDocument']>['promise']>;

async function openPdf(pdfjs: Awaited<ReturnType<typeof loadPdfjs>>, bytes: Uint8Array): Promise<PdfDoc> {
  return pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 }).promise;
}

/** One page's paragraphs, from its text layout. */
async function pageBlocks(doc: PdfDoc, p: number): Promise<Block[]> {
  const page = await doc.getPage(p);
  // pdf.js's own NFKC pass is left out: normalizeCjk below does what we need, once
  const content = await page.getTextContent({ disableNormalization: true });
  // Lines from the layout (a change of baseline starts a line); a paragraph starts where the
  // gap to the previous line is clearly larger than the page's usual line spacing.
  const lines: { y: number; text: string }[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const y = item.transform[5] as number;
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - y) <= Math.max(item.height, 1) * 0.5) last.text += item.str;
    else lines.push({ y, text: item.str });
  }
  const text = linesToText(lines);
  page.cleanup();
  return paragraphs(normalizeCjk(text)).map((para) => ({ loc: p, text: para }));
}

/**
 * A PDF's paragraphs read with pdf.js, page by page (each page let go before the next): what the
 * reader process did before PDFium (pdfium-text.ts); `npm run bench -- pdf --engine pdfjs` measures it.
 */
export async function readPdfWithPdfjs(bytes: Uint8Array, onPage?: (done: number, total: number) => void): Promise<PdfRead> {
  const pdfjs = await loadPdfjs();
  let doc: PdfDoc;
  try {
    doc = await openPdf(pdfjs, bytes);
  } catch (e) {
    throw new PdfProblem((e as { name?: string }).name === 'PasswordException' ? 'encrypted' : 'invalid');
  }
  try {
    onPage?.(0, doc.numPages);
    const blocks: Block[] = [];
    for (let p = 1; p <= doc.numPages; p++) {
      blocks.push(...(await pageBlocks(doc, p)));
      onPage?.(p, doc.numPages);
    }
    const info = (await doc.getMetadata().catch(() => null))?.info as { Title?: string } | undefined;
    return { blocks, pages: doc.numPages, title: normalizeCjk(info?.Title ?? '').trim() };
  } catch {
    throw new PdfProblem('unreadable');
  } finally {
    await doc.destroy();
  }
}
