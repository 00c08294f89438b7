// What the PDF speed-ups (services/render/) may not change: the glyphs a training file shows and
// the way its text is laid out. Checked on the CJK font the PDFs use (Noto Sans CJK in CI), for
// text with Chinese, Latin, digits and punctuation.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { flatCffSubsets, flattenGlyph } from '../../electron/main/services/render/cff-flat';
import { rememberLayouts } from '../../electron/main/services/render/layout-memo';
import { fasterCffSubsets, findCjkFont } from '../../electron/main/services/render/pdf';

type Glyph = { id: number; path: { toSVG(): string } };
type Run = { glyphs: { id: number }[]; positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[]; advanceWidth: number };
type Subset = { glyphs: number[]; flat?: boolean; includeGlyph(id: number): number; encode(): Uint8Array };
type Font = {
  postscriptName: string;
  numGlyphs: number;
  'CFF '?: { constructor: new (stream: unknown) => unknown; stream: { constructor: new (b: Uint8Array) => unknown } };
  _tables: Record<string, unknown>;
  glyphForCodePoint(c: number): { id: number };
  getGlyph(id: number): Glyph;
  createSubset(): Subset;
  layout(text: string): Run;
};

const font = findCjkFont();
if (!font && process.env.CI) throw new Error('pdf-fonts: no CJK font on this machine (CI installs fonts-noto-cjk)');
if (!font) console.log('[pdf-fonts] skipped: no CJK font on this machine (install fonts-noto-cjk)');

const TEXTS = ['安全生产教育和培训档案：甲醇车间 张三 A0012，学时 12.5', '化工过程安全管理导则 AQ/T 3034-2022 第 4.2 条', '警示月 9·7 事故 ①②③ ——“本人签字”', 'fi ffl Qu’il — ÆØ ½ № ℃ ㎡'];

/** a fresh parse of the face (fontkit keeps patches on the subset class, so each test says which it needs) */
function load(f: { file: string; face?: string }): Font {
  const fromPdfkit = createRequire(createRequire(import.meta.url).resolve('pdfkit'));
  const fontkit = fromPdfkit('fontkit') as { create(buf: Uint8Array): Font | { fonts: Font[] } };
  const parsed = fontkit.create(readFileSync(f.file));
  return 'fonts' in parsed ? parsed.fonts.find((x) => x.postscriptName === f.face)! : parsed;
}
const gidsOf = (face: Font, texts: string[]) => [...new Set(texts.flatMap((t) => [...t].map((ch) => face.glyphForCodePoint(ch.codePointAt(0)!).id)))];
function subset(face: Font, gids: number[]): { bytes: Buffer; s: Subset } {
  const s = face.createSubset();
  for (const id of gids) s.includeGlyph(id);
  return { bytes: Buffer.from(s.encode()), s };
}
/** The outline of each glyph of a subset, read by fontkit from the subset's own CFF, against the font's. */
function outlineDifferences(f: { file: string; face?: string }, face: Font, bytes: Buffer, s: Subset, shift = 0): number[] {
  const cff = face['CFF ']!;
  const reader = load(f);
  reader._tables['CFF '] = new cff.constructor(new cff.stream.constructor(bytes));
  return s.glyphs.filter((gid, i) => i > 0 && face.getGlyph(gid).path.toSVG() !== reader.getGlyph(Math.min(i + shift, s.glyphs.length - 1)).path.toSVG());
}

describe.skipIf(!font)('CFF subsets of the CJK font', () => {
  it('with shared empty subroutines are byte for byte what fontkit makes', () => {
    const face = load(font!.normal);
    const theirs = TEXTS.map((t) => subset(face, gidsOf(face, [t])).bytes);
    fasterCffSubsets(face);
    const ours = TEXTS.map((t) => subset(face, gidsOf(face, [t])).bytes);
    expect(ours.map((b, i) => b.equals(theirs[i]!))).toEqual(TEXTS.map(() => true));
  });

  it('without subroutines draw every glyph as the font does, regular and bold, and are smaller', () => {
    // fontkit's own subsets first: the flattening, once in place, holds for every CFF font of the thread
    const cases = [font!.normal, font!.bold].map((f) => ({ f, face: load(f) })).filter((c) => c.face['CFF ']);
    expect(cases.length).toBeGreaterThan(0);
    const wholes = cases.map(({ face }) => {
      // the texts, and every 97th glyph of the font: CJK, kana, Latin, symbols, rare forms
      const gids = gidsOf(face, TEXTS);
      for (let g = 1; g < face.numGlyphs; g += 97) gids.push(g);
      return { gids, whole: subset(face, gids).bytes };
    });
    for (const [i, { f, face }] of cases.entries()) {
      flatCffSubsets(face);
      const { bytes, s } = subset(face, wholes[i]!.gids);
      expect(s.flat, `${f.face}: every glyph flattened`).toBe(true);
      expect(outlineDifferences(f, face, bytes, s), `${f.face}: glyphs drawn differently`).toEqual([]);
      // the comparison sees a difference when there is one: each glyph against its neighbour
      expect(outlineDifferences(f, face, bytes, s, 1).length).toBeGreaterThan(s.glyphs.length / 2);
      expect(bytes.length).toBeLessThan(wholes[i]!.whole.length);
    }
  });

  it("a charstring that computes its subroutine index is not flattened (the subset is then made fontkit's way)", () => {
    const face = load(font!.normal) as Font & { 'CFF ': unknown };
    const cff = face['CFF '] as unknown as Parameters<typeof flattenGlyph>[0];
    // "1 2 add callsubr": the index is computed (the arithmetic operator 12 10), not written
    const fake = Object.assign(Object.create(cff) as object, { stream: { buffer: new Uint8Array([140, 141, 12, 10, 10, 14]) }, topDict: { CharStrings: [{ offset: 0, length: 6 }] } });
    expect(() => flattenGlyph(fake as typeof cff, 0)).toThrow(/escaped operator 10/);
  });
});

describe.skipIf(!font)('text layouts remembered across documents', () => {
  it('are the layouts fontkit makes, and a caller changing its copy changes no later one', () => {
    const plain = load(font!.normal);
    const remembering = load(font!.normal);
    rememberLayouts(remembering);
    const view = (r: Run) => ({ ids: r.glyphs.map((g) => g.id), positions: r.positions.map((p) => ({ ...p })), width: r.advanceWidth });
    for (const t of TEXTS) {
      const first = remembering.layout(t);
      expect(view(first)).toEqual(view(plain.layout(t)));
      // pdfkit scales the positions it is given in place
      for (const p of first.positions) p.xAdvance *= 1000;
      first.glyphs.length = 0;
      expect(view(remembering.layout(t))).toEqual(view(plain.layout(t)));
    }
  });
});
