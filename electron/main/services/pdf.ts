// PDF output with pdfmake and a CJK font found on the machine (the project ships no font files).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

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
    if (!byFace.has(key)) byFace.set(key, fontkit.create(buf, family));
    return byFace.get(key);
  };
  const entry = fromPdfkit.cache[fontkitPath];
  if (entry) entry.exports = { ...fontkit, create };
}

/**
 * A document definition that can cross to a worker thread (no functions): tables may name the
 * layout 'grid' (thin grey rules), and `footerText` becomes a footer with page numbers.
 */
export type PlainDocument = TDocumentDefinitions & { footerText?: string };

const GRID_LAYOUT = { hLineWidth: () => 0.5, vLineWidth: () => 0.5, hLineColor: () => '#999999', vLineColor: () => '#999999' };

export async function renderPdf(input: PlainDocument): Promise<Buffer> {
  const { footerText, ...doc } = input;
  if (footerText !== undefined) doc.footer = (page: number, pages: number) => ({ text: `${footerText}　第 ${page} / ${pages} 页`, alignment: 'center', fontSize: 8, color: '#666666' });
  const font = findCjkFont();
  if (!font) {
    throw new Error('找不到中文字体，无法生成 PDF。请安装 Noto Sans CJK（fonts-noto-cjk）或设置 ANXUE_CJK_FONT=字体文件路径#字体名');
  }
  reuseParsedFonts();
  const { default: pdfmake } = await import('pdfmake'); // loaded when first needed: keeps start-up light
  const allowed = new Set([font.normal.file, font.bold.file]);
  pdfmake.setLocalAccessPolicy((p: string) => allowed.has(p));
  pdfmake.setUrlAccessPolicy(() => false);
  // the font files (~20 MB each) are read once per process and served from pdfmake's in-memory fs
  const vfs = (pdfmake as unknown as { virtualfs: { existsSync(n: string): boolean; writeFileSync(n: string, b: Buffer): void } }).virtualfs;
  const inMemory = (f: FontFace): FontFace => {
    const name = `cjk/${f.file.replace(/[^A-Za-z0-9.]/g, '_')}`;
    if (!vfs.existsSync(name)) vfs.writeFileSync(name, readFileSync(f.file));
    return { file: name, face: f.face };
  };
  const normal = inMemory(font.normal);
  const bold = inMemory(font.bold);
  pdfmake.setFonts({
    Cjk: { normal: fontDef(normal), bold: fontDef(bold), italics: fontDef(normal), bolditalics: fontDef(bold) },
  } as never);
  (pdfmake as unknown as { addTableLayouts(l: Record<string, unknown>): void }).addTableLayouts({ grid: GRID_LAYOUT });
  const out = pdfmake.createPdf({ ...doc, defaultStyle: { font: 'Cjk', fontSize: 10.5, lineHeight: 1.3, ...doc.defaultStyle } });
  return Buffer.from(await (out as unknown as { getBuffer(): Promise<Uint8Array> }).getBuffer());
}
