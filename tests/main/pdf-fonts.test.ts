// The faster CFF subset (services/render/pdf.ts, fasterCffSubsets) must embed exactly the bytes fontkit's
// own subset does: a training file's PDF may not change because it was made faster. Checked on
// the CJK font the PDFs use (Noto Sans CJK in CI), for text with Chinese, Latin and digits.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fasterCffSubsets, findCjkFont } from '../../electron/main/services/render/pdf';

type Font = { glyphForCodePoint(c: number): { id: number }; createSubset(): { includeGlyph(id: number): void; encode(): Uint8Array } };
type Collection = { fonts: (Font & { postscriptName: string })[] };

const font = findCjkFont();
if (!font && process.env.CI) throw new Error('pdf-fonts: no CJK font on this machine (CI installs fonts-noto-cjk)');
if (!font) console.log('[pdf-fonts] skipped: no CJK font on this machine (install fonts-noto-cjk)');

describe.skipIf(!font)('CFF subsets of the CJK font', () => {
  it('are byte for byte what fontkit makes, for several texts', () => {
    const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
    const fontkit = fromPdfkit('fontkit') as { create(buf: Uint8Array): Font | Collection };
    const parsed = fontkit.create(readFileSync(font!.normal.file));
    const face = 'fonts' in parsed ? parsed.fonts.find((f) => f.postscriptName === font!.normal.face)! : parsed;
    const texts = ['安全生产教育和培训档案：甲醇车间 张三 A0012，学时 12.5', '化工过程安全管理导则 AQ/T 3034-2022 第 4.2 条', '警示月 9·7 事故 ①②③ ——“本人签字”'];
    const subset = (text: string) => {
      const s = face.createSubset();
      for (const ch of text) s.includeGlyph(face.glyphForCodePoint(ch.codePointAt(0)!).id);
      return Buffer.from(s.encode());
    };
    const proto = Object.getPrototypeOf(face.createSubset()) as { subsetSubrs?: unknown };
    const before = proto.subsetSubrs;
    const theirs = texts.map(subset);
    fasterCffSubsets(face);
    // the CJK fonts the app looks for are CFF: the faster subset is in place
    expect(proto.subsetSubrs).not.toBe(before);
    const ours = texts.map(subset);
    expect(ours.map((b, i) => b.equals(theirs[i]!))).toEqual(texts.map(() => true));
  });
});
