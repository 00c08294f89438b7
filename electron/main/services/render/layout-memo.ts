// Text shaping remembered across documents. pdfkit asks fontkit to lay out every piece of text
// anew in each PDF (its own cache lasts one document), and a CJK font's shaping tables make that
// a tenth of a training file's time. Training files repeat themselves — headings, labels, table
// heads, the campaign's texts — so 19 of 20 characters laid out in a batch were laid out before.

interface GlyphRun {
  glyphs: unknown[];
  positions: object[];
}
type Layout = (text: string, features?: unknown, ...rest: unknown[]) => GlyphRun;

/** enough for every distinct piece of text of a batch of training files; past it the memo starts over */
export const LAYOUT_MEMO_SIZE = 20_000;

/**
 * `font.layout` answering a text it has shaped before from memory. The caller gets its own copy
 * of the run: pdfkit scales the positions it is given in place.
 */
export function rememberLayouts(font: unknown, size = LAYOUT_MEMO_SIZE): void {
  const f = font as { layout?: Layout; anxueLayoutMemo?: true };
  if (typeof f.layout !== 'function' || f.anxueLayoutMemo) return;
  const theirs = f.layout.bind(f);
  const memo = new Map<string, GlyphRun>();
  f.anxueLayoutMemo = true;
  f.layout = (text: string, features?: unknown, ...rest: unknown[]) => {
    // features, script or language chosen by the caller: laid out as asked, not remembered
    if (features !== undefined || rest.length > 0) return theirs(text, features, ...rest);
    let kept = memo.get(text);
    if (!kept) {
      if (memo.size >= size) memo.clear();
      memo.set(text, (kept = theirs(text)));
    }
    return copyRun(kept);
  };
}

function copyRun(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p));
  return copy;
}
