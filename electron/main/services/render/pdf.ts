// PDF output with pdfmake and a CJK font found on the machine (the project ships no font files).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { flatCffSubsets } from './cff-flat';
import { rememberLayouts } from './layout-memo';
import { collectIfGrown } from './gc';

interface FontFace {
  file: string;
  face?: string;
}
interface FontChoice {
  normal: FontFace;
  bold: FontFace;
}

const CANDIDATES: FontChoice[] = [
  {
    normal: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    bold: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  },
  {
    normal: { file: 'C:\\Windows\\Fonts\\simhei.ttf' },
    bold: { file: 'C:\\Windows\\Fonts\\simhei.ttf' },
  },
  {
    normal: { file: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' },
    bold: { file: 'C:\\Windows\\Fonts\\simsun.ttc', face: 'SimSun' },
  },
  {
    normal: { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
    bold: { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  },
  {
    normal: { file: '/System/Library/Fonts/STHeiti Light.ttc', face: 'STHeitiSC-Light' },
    bold: { file: '/System/Library/Fonts/STHeiti Medium.ttc', face: 'STHeitiSC-Medium' },
  },
];

/** ANXUE_CJK_FONT=/path/font.ttc#FaceName overrides the search. */
export function findCjkFont(env: NodeJS.ProcessEnv = process.env): FontChoice | null {
  const override = env.ANXUE_CJK_FONT;
  if (override) {
    const [file, face] = override.split('#');
    if (file && existsSync(file)) return { normal: { file, face }, bold: { file, face } };
  }
  return CANDIDATES.find((c) => existsSync(c.normal.file) && existsSync(c.bold.file)) ?? null;
}

function fontDef(f: FontFace): string | [string, string] {
  return f.face ? [f.file, f.face] : f.file;
}

/**
 * Font files already in memory, shared by the worker threads of a pool (each would otherwise read
 * its own ~40 MB copy): set by a worker from what its pool gave it.
 */
// process-wide, not per app: font files are the PC's, the same for every app in the thread
const sharedFonts = new Map<string, Buffer>();
export function useSharedFonts(fonts: Readonly<Record<string, SharedArrayBuffer>>): void {
  for (const [file, sab] of Object.entries(fonts)) sharedFonts.set(file, Buffer.from(sab));
}

/** The CJK font files read once into shared memory, for the worker threads of one pool. */
export function readFontsShared(): Record<string, SharedArrayBuffer> {
  const font = findCjkFont();
  const out: Record<string, SharedArrayBuffer> = {};
  for (const f of font ? [font.normal, font.bold] : []) {
    if (out[f.file]) continue;
    const bytes = readFileSync(f.file);
    const sab = new SharedArrayBuffer(bytes.length);
    bytes.copy(Buffer.from(sab));
    out[f.file] = sab;
  }
  return out;
}

/** the PDF standard font for hashes and fingerprints (pdfkit has its metrics; nothing is embedded) */
const MONO_FACES = ['Courier', 'Courier-Bold', 'Courier-Oblique', 'Courier-BoldOblique'] as const;

// process-wide, not per app: it marks pdfkit (one module per thread) as patched, which holds for every app
let fontsReused = false;
/**
 * pdfkit parses the font file again for every document (fontkit.create), and the tables a CJK font
 * needs for layout and subsetting are then read anew: ~150 ms a document, most of an archive
 * export. The parsed font is kept instead, per font buffer and face (pdfkit keeps its subset and
 * widths per document, so sharing the parsed font is safe in one thread).
 */
function reuseParsedFonts() {
  if (fontsReused) return;
  fontsReused = true;
  const here = typeof __filename !== 'undefined' ? __filename : import.meta.url;
  const pdfkitPath = createRequire(here).resolve('pdfkit');
  const fromPdfkit = createRequire(pdfkitPath);
  const fontkitPath = fromPdfkit.resolve('fontkit');
  // pdfkit takes fontkit from the module cache when it is first loaded: put a wrapper there first
  if (fromPdfkit.cache[pdfkitPath]) return;
  const fontkit = fromPdfkit('fontkit') as { create: (buf: Uint8Array, family?: string) => unknown };
  const parsed = new WeakMap<Uint8Array, Map<string, unknown>>();
  const create = (buf: Uint8Array, family?: string) => {
    let byFace = parsed.get(buf);
    if (!byFace) parsed.set(buf, (byFace = new Map()));
    const key = family ?? '';
    if (!byFace.has(key)) {
      const font = fontkit.create(buf, family);
      fasterCffSubsets(font);
      flatCffSubsets(font);
      rememberLayouts(font);
      byFace.set(key, font);
    }
    return byFace.get(key);
  };
  const entry = fromPdfkit.cache[fontkitPath];
  if (entry) entry.exports = { ...fontkit, create };
}

/** one `return` charstring stands for every subroutine a subset does not use (it is only read) */
const CFF_RETURN = new Uint8Array([11]);
/**
 * fontkit's CFF subset keeps every subroutine slot of the font (the glyphs call them by index) and
 * fills each unused one with a fresh one-byte `return`: for Noto Sans CJK that is ~46,000 arrays
 * per font per document, two thirds of a subset's time and much of a PDF worker's garbage. The
 * same bytes come out when all the unused slots share one array (checked by tests/main/pdf-fonts).
 * Most subsets now have no subroutines at all (cff-flat.ts); this is for the fonts that cannot be flattened.
 */
export function fasterCffSubsets(font: unknown): void {
  const f = font as { createSubset?: () => object };
  if (typeof f.createSubset !== 'function') return;
  type Subrs = { offset: number; length: number }[];
  type Subset = { cff: { stream: { pos: number; readBuffer(n: number): Uint8Array } }; subsetSubrs?(subrs: Subrs, used: Record<number, boolean>): Uint8Array[] };
  const proto = Object.getPrototypeOf(f.createSubset()) as Subset;
  if (typeof proto.subsetSubrs !== 'function' || Object.prototype.hasOwnProperty.call(proto, 'anxueShared')) return;
  Object.defineProperty(proto, 'anxueShared', { value: true });
  proto.subsetSubrs = function (this: Subset, subrs: Subrs, used: Record<number, boolean>): Uint8Array[] {
    const out = new Array<Uint8Array>(subrs.length);
    for (let i = 0; i < subrs.length; i++) {
      if (used[i]) {
        const subr = subrs[i]!;
        this.cff.stream.pos = subr.offset;
        out[i] = this.cff.stream.readBuffer(subr.length);
      } else out[i] = CFF_RETURN;
    }
    return out;
  };
}

/**
 * A document definition that can cross to a worker thread (no functions): tables may name the
 * layout 'grid' (thin grey rules), and `footerText` becomes a footer with page numbers.
 */
export type PlainDocument = TDocumentDefinitions & { footerText?: string };

const GRID_LAYOUT = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999' };

/**
 * `numbering`: where this document's pages stand in a longer one (a part of a PartedDocument): the
 * footer counts from `offset + 1` out of `total`.
 */
export async function renderPdf(input: PlainDocument, numbering?: { offset: number; total: number }): Promise<Buffer> {
  const { footerText, ...doc } = input;
  if (footerText !== undefined)
    doc.footer = (page: number, pages: number) => ({
      text: `${footerText}　第 ${page + (numbering?.offset ?? 0)} / ${numbering?.total ?? pages} 页`,
      alignment: 'center',
      fontSize: 8,
      color: '#666666',
    });
  const font = findCjkFont();
  if (!font) {
    throw new Error('找不到中文字体，无法生成 PDF。请安装 Noto Sans CJK（fonts-noto-cjk）或设置 ANXUE_CJK_FONT=字体文件路径#字体名');
  }
  reuseParsedFonts();
  const { default: pdfmake } = await import('pdfmake'); // loaded when first needed: keeps start-up light
  // the CJK font files, and the names of the PDF standard fonts (Mono below): nothing else is read
  const allowed = new Set([font.normal.file, font.bold.file, ...MONO_FACES]);
  pdfmake.setLocalAccessPolicy((p: string) => allowed.has(p));
  pdfmake.setUrlAccessPolicy(() => false);
  // the font files (~20 MB each) are read once per process and served from pdfmake's in-memory fs
  const vfs = (pdfmake as unknown as { virtualfs: { existsSync(n: string): boolean; writeFileSync(n: string, b: Buffer): void } }).virtualfs;
  const inMemory = (f: FontFace): FontFace => {
    const name = `cjk/${f.file.replace(/[^A-Za-z0-9.]/g, '_')}`;
    if (!vfs.existsSync(name)) vfs.writeFileSync(name, sharedFonts.get(f.file) ?? readFileSync(f.file));
    return { file: name, face: f.face };
  };
  const normal = inMemory(font.normal);
  const bold = inMemory(font.bold);
  pdfmake.setFonts({
    Cjk: { normal: fontDef(normal), bold: fontDef(bold), italics: fontDef(normal), bolditalics: fontDef(bold) },
    // hashes and key fingerprints: a PDF standard font, not embedded and not shaped (shaping long
    // runs of Latin in the CJK font cost a batch of 3,000 a tenth of its time)
    Mono: { normal: MONO_FACES[0], bold: MONO_FACES[1], italics: MONO_FACES[2], bolditalics: MONO_FACES[3] },
  } as never);
  (pdfmake as unknown as { addTableLayouts(l: Record<string, unknown>): void }).addTableLayouts({ grid: GRID_LAYOUT });
  const out = pdfmake.createPdf({ ...doc, defaultStyle: { font: 'Cjk', fontSize: 10.5, lineHeight: 1.3, ...doc.defaultStyle } });
  return Buffer.from(await (out as unknown as { getBuffer(): Promise<Uint8Array> }).getBuffer());
}

/**
 * A long document in parts (a campaign's file of thousands of rows): pdfmake lays out a whole
 * document before it writes a page, so one document of 3,000 people's tables holds ~450 MB at once.
 * Each part is laid out on its own instead (the memory of one part at a time), once to count its
 * pages and once with the page numbers of the whole, and the pages are joined with pdf-lib. Each
 * part begins on a new page.
 */
export type PartedDocument = Omit<PlainDocument, 'content'> & { parts: Content[][] };

/** Prints one part: its content, and where its pages stand in the whole (see renderPdf). */
export type PrintPart = (doc: PlainDocument, numbering?: { offset: number; total: number }) => Promise<Buffer>;

// pdfmake writes its layout into the nodes it is given: each pass in this thread gets a copy, so
// that what one part's layout holds is garbage once the part is printed (a worker gets a copy anyway)
const printHere: PrintPart = (doc, numbering) => renderPdf({ ...doc, content: structuredClone(doc.content) }, numbering);

/**
 * `print` lays out one part (here, or on a worker thread that is sent only that part); the pages
 * are counted and joined here. `lanes`: how many parts may be printed at once — more than one only
 * when each goes to a worker of its own (in this thread, parts printed together would hold all
 * their layouts at once).
 */
export async function renderParts(input: PartedDocument, print: PrintPart = printHere, lanes = 1): Promise<Buffer> {
  const { parts, ...rest } = input;
  if (parts.length === 1) return print({ ...rest, content: parts[0]! });
  const { PDFDocument } = await import('pdf-lib');
  const counts = await inLanes(parts.length, lanes, async (i) => {
    collectIfGrown();
    return (await PDFDocument.load(await print({ ...rest, footerText: undefined, content: parts[i]! }), { updateMetadata: false })).getPageCount();
  });
  const total = counts.reduce((a, b) => a + b, 0);
  const offsets = counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
  const printed = await inLanes(parts.length, lanes, (i) => {
    collectIfGrown();
    return print({ ...rest, content: parts[i]! }, { offset: offsets[i]!, total });
  });
  const out = await PDFDocument.create({ updateMetadata: false });
  if (rest.info?.title) out.setTitle(String(rest.info.title));
  out.setCreator(String(rest.info?.creator ?? '安学 Anxue'));
  out.setProducer(String(rest.info?.producer ?? '安学 Anxue'));
  for (const [i, bytes] of printed.entries()) {
    collectIfGrown();
    const part = await PDFDocument.load(bytes, { updateMetadata: false });
    for (const page of await out.copyPages(part, part.getPageIndices())) out.addPage(page);
    printed[i] = Buffer.alloc(0); // its pages are copied: let its bytes go
  }
  const bytes = await out.save();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** `work` for 0 … n−1, at most `lanes` at a time; the results in order. */
async function inLanes<T>(n: number, lanes: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(lanes, n)) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

function withoutBreak(x: Content): Content {
  const { pageBreak: _p, ...y } = x as unknown as Record<string, unknown>;
  return y as unknown as Content;
}

/** Rows of a table past which it is split, and a part is cut (see splitIntoParts). */
export const ROWS_PER_PART = 300;

/**
 * Top-level content in parts of at most ~`rows` table rows: a cut where the content breaks the
 * page anyway, and inside a table of more rows (the header rows repeated, as on any page it spans).
 */
export function splitIntoParts(content: readonly Content[], rows = ROWS_PER_PART): Content[][] {
  const parts: Content[][] = [[]];
  let inPart = 0;
  const cut = () => {
    if (parts[parts.length - 1]!.length > 0) parts.push([]);
    inPart = 0;
  };
  for (const item of content) {
    const o = item as { pageBreak?: string; table?: { headerRows?: number; body: unknown[][] } };
    if (o.pageBreak === 'before') cut();
    // a part starts on a new page: its first item needs no page break of its own
    const first = (x: Content): Content => (parts[parts.length - 1]!.length > 0 || (x as { pageBreak?: string }).pageBreak !== 'before' ? x : withoutBreak(x));
    if (!o.table || o.table.body.length <= rows) {
      parts[parts.length - 1]!.push(first(item));
      inPart += o.table?.body.length ?? 1;
      if (inPart >= rows) cut();
      continue;
    }
    const head = o.table.headerRows ?? 0;
    const header = o.table.body.slice(0, head);
    const body = o.table.body.slice(head);
    for (let i = 0; i < body.length;) {
      const take = Math.max(1, rows - inPart);
      const rowsHere = body.slice(i, i + take);
      const slice = { ...(item as object), table: { ...o.table, body: [...header, ...rowsHere] } } as unknown as Content;
      parts[parts.length - 1]!.push(i === 0 ? first(slice) : withoutBreak(slice));
      inPart += rowsHere.length;
      i += rowsHere.length;
      if (inPart >= rows) cut();
    }
  }
  if (parts.length > 1 && parts[parts.length - 1]!.length === 0) parts.pop();
  return parts;
}
