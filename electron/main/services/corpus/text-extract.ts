// Text out of the files an enterprise holds: PDF (PDFium, in a reader process), DOCX (mammoth), web pages
// (html-text.ts), Markdown and TXT (UTF-8, GBK or UTF-16). Every failure is a clear message naming the file;
// nothing here writes anything.
import { normalizeCjk } from '../../../core/normalize';
import { paragraphs } from '../../../core/paragraphs';
import { badInput } from '../errors';
import { ImportCancelled, readPdf, type ReadOptions } from './pdf-reader';
import { decodeText } from '../files/table-file';
import { decodeHtml, htmlToMarkdown, looksLikeHtml } from './html-text';

export type SourceFormat = 'pdf' | 'md' | 'txt' | 'docx' | 'html';

import type { Block } from './text-block';
export type { Block } from './text-block';

export interface Extracted {
  format: SourceFormat;
  readAs: 'pdf' | 'md' | 'txt';
  /** the text the reader shows for md/txt/docx; for a PDF, the reader shows the PDF itself */
  readable: string | null;
  blocks: Block[];
  pages: number;
  chars: number;
  /** metadata found in the file (PDF info title, first heading) */
  title: string;
}

export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;

export interface ExtractOptions extends ReadOptions {
  /** pages (PDF) or 1 step (other formats) done so far, of total */
  onProgress?: (done: number, total: number) => void;
}

export { ImportCancelled };

export function formatOf(fileName: string): SourceFormat | null {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'pdf' || ext === 'md' || ext === 'txt' || ext === 'docx') return ext;
  if (ext === 'markdown') return 'md';
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml' || ext === 'shtml') return 'html';
  return null;
}

/** Old binary Office files (Word 97–2003 .doc, WPS .wps) are OLE compound files: they open with these bytes. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const isOle = (bytes: Uint8Array) => OLE.every((b, i) => bytes[i] === b);
/** A password-protected .docx is an OLE file too, holding the encrypted package under this name. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** Why a file in an old Office format (or a browser's single-file archive) cannot be read, or null if it is not one. */
function oldFormat(fileName: string, bytes: Uint8Array, format: SourceFormat | null) {
  const ext = fileName.toLowerCase().split('.').pop();
  if (isOle(bytes))
    return badInput(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE) ? 'corpus.officeFileHasPassword' : 'corpus.saveAsDocxOrPdf', { fileName }, 'file');
  if (format) return null;
  if (ext === 'doc' || ext === 'wps' || ext === 'dot' || ext === 'rtf') return badInput('corpus.saveAsDocxOrPdf', { fileName }, 'file');
  if (ext === 'mht' || ext === 'mhtml') return badInput('corpus.saveWebPageAsHtml', { fileName }, 'file');
  return null;
}

/** Sites publish web pages under a .doc name (Word opens them): such a file is read as the page it is. */
const pageNamedDoc = (fileName: string, bytes: Uint8Array) => /\.(doc|wps)$/i.test(fileName) && !isOle(bytes) && looksLikeHtml(decodeHtml(bytes.subarray(0, 4096)));

const countChars = (blocks: Block[]) => blocks.reduce((n, b) => n + b.text.replace(/\s/g, '').length, 0);

/** Markdown blocks: paragraphs, each located by the heading above it (the reader's h-N ids). */
export function markdownBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  let heading = -1;
  let inFence = false;
  let buf: string[] = [];
  const flush = () => {
    const text = normalizeCjk(
      buf
        .join('\n')
        .replace(/^>\s?/gm, '')
        .replace(/[*_`|]+/g, ' ')
        .replace(/^\s*[-+]\s+/gm, '')
        .trim(),
    );
    if (text) blocks.push({ loc: heading, text: text.replace(/\s*\n\s*/g, ' ') });
    buf = [];
  };
  for (const line of md.replace(/\r\n?/g, '\n').split('\n')) {
    if (/^```/.test(line)) inFence = !inFence;
    const h = !inFence && /^(#{1,4})\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) {
      flush();
      heading += 1;
      blocks.push({ loc: heading, text: normalizeCjk(h[2]!) });
    } else if (line.trim() === '') flush();
    else buf.push(line);
  }
  flush();
  return blocks;
}

export function textBlocks(text: string): Block[] {
  return paragraphs(normalizeCjk(text)).map((p, i) => ({ loc: i, text: p }));
}

export async function extractText(fileName: string, bytes: Uint8Array, opts: ExtractOptions = {}): Promise<Extracted> {
  const format = pageNamedDoc(fileName, bytes) ? 'html' : formatOf(fileName);
  // by its bytes too: a .doc renamed .docx is still a .doc
  if (format !== 'pdf' && bytes.length > 0) {
    const old = oldFormat(fileName, bytes, format);
    if (old) throw old;
  }
  if (!format) throw badInput('corpus.formatNotSupportedImport', { fileName }, 'file');
  if (bytes.length === 0) throw badInput('common.fileEmpty', { fileName }, 'file');
  if (bytes.length > MAX_IMPORT_BYTES) throw badInput('corpus.fileTooLarge', { fileName }, 'file');
  let out: Extracted;
  if (format === 'pdf') {
    // in the reader process, after the readings before it (bounded memory, one at a time)
    const r = await readPdf(fileName, bytes, opts);
    out = { format, readAs: 'pdf', readable: null, blocks: r.blocks, pages: r.pages, chars: countChars(r.blocks), title: r.title };
    if (out.chars === 0) throw badInput('corpus.noTextExtractPerhaps', { fileName }, 'file');
    return out;
  }
  if (format === 'docx') {
    // mammoth unpacks the .docx whole in memory: a zip bomb is refused before it gets it
    const { checkOfficeZip } = await import('../files/zip-folder');
    await checkOfficeZip(bytes, fileName);
    let text: string;
    try {
      const { default: mammoth } = await import('mammoth'); // loaded when first needed
      text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    } catch {
      throw badInput('corpus.notValidDocxDocument', { fileName }, 'file');
    }
    const readable = paragraphs(normalizeCjk(text)).join('\n\n');
    const blocks = textBlocks(readable);
    out = { format, readAs: 'txt', readable, blocks, pages: 0, chars: countChars(blocks), title: blocks[0]?.text.slice(0, 80) ?? '' };
  } else if (format === 'html') {
    const html = decodeHtml(bytes);
    if (html.includes('\u0000') || !looksLikeHtml(html)) throw badInput('corpus.notWebPage', { fileName }, 'file');
    const page = await htmlToMarkdown(html);
    // shown as Markdown, so the reader keeps the page's headings
    out = { format, readAs: 'md', readable: page.markdown, blocks: page.blocks, pages: 0, chars: countChars(page.blocks), title: page.title };
  } else {
    const text = normalizeCjk(decodeText(bytes));
    if (text.includes('\u0000')) throw badInput('corpus.notTextFile', { fileName }, 'file');
    const blocks = format === 'md' ? markdownBlocks(text) : textBlocks(text);
    const heading = format === 'md' ? /^#\s+(.+)$/m.exec(text)?.[1] : undefined;
    out = { format, readAs: format, readable: text, blocks, pages: 0, chars: countChars(blocks), title: (heading ?? blocks[0]?.text ?? '').slice(0, 80) };
  }
  if (out.chars === 0) throw badInput('corpus.holdsNoText', { fileName }, 'file');
  opts.onProgress?.(1, 1);
  return out;
}
