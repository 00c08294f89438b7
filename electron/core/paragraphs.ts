// Paragraph splitting shared by the indexer and the reader, so a search hit's block number is the
// paragraph the reader shows.
const CJK = /[\u3000-\u303F\u3400-\u9FFF\uFF00-\uFFEF]/;

export function paragraphs(text: string): string[] {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .split(/\n\s*\n|\n(?=\s{2,}|第[一二三四五六七八九十百零〇\d]+[条章节])/)
      // a line break inside a paragraph: nothing between Chinese characters, a space between words
      .map((p) => p.replace(/(\S?)\s*\n\s*(\S?)/g, (_m, a: string, b: string) => a + (CJK.test(a) || CJK.test(b) ? '' : ' ') + b).trim())
      .filter((p) => p !== '')
  );
}
