// The unit of a read text, shared by the readers (PDF, Markdown, plain text) and the search index.

/** A searchable piece of a text and where the reader finds it. */
export interface Block {
  /** md: index of the heading above (-1 before the first); pdf: page (1-based); txt: paragraph index */
  loc: number;
  text: string;
}

/**
 * A PDF page's lines (each with its baseline) as text, a blank line where a paragraph starts: where
 * the drop from the previous line is clearly larger than the page's usual line spacing. Both PDF
 * readers lay out their lines so (pdfium-text.ts, pdfjs-text.ts).
 */
export function linesToText(lines: readonly { y: number; text: string }[]): string {
  const drops = lines
    .slice(1)
    .map((l, i) => Math.abs(lines[i]!.y - l.y))
    .sort((a, b) => a - b);
  const usual = drops[Math.floor(drops.length / 2)] ?? 0;
  let out = '';
  lines.forEach((l, i) => {
    if (i > 0) out += Math.abs(lines[i - 1]!.y - l.y) > usual * 1.35 ? '\n\n' : '\n';
    out += l.text;
  });
  return out;
}
