// Text normalization for indexing and comparing Chinese text, above all text extracted from PDFs.
// PDFs printed with Noto Sans CJK (and some official PDFs) map glyphs to the Kangxi Radicals
// (U+2F00–U+2FDF) or CJK Radicals Supplement (U+2E80–U+2EFF) code points: 火 comes out as U+2F55,
// 页 as U+2EDA. NFKC folds the Kangxi block; the supplement has no decomposition, so it is mapped
// here. The table pairs each supplement radical with the unified ideograph drawn by the same glyph
// in Noto Sans CJK SC (a fact read off the font's character map, listed below as data).

const SUPPLEMENT: Record<string, string> = Object.fromEntries(
  (
    '⺂乛 ⺃乚 ⺅亻 ⺉刂 ⺏尣 ⺐尢 ⺒巳 ⺓幺 ⺔彑 ⺕彐 ⺖忄 ⺘扌 ⺙攵 ⺛旡 ⺞歺 ⺟母 ⺠民 ⺡氵 ⺣灬 ⺤爫 ⺦丬 ⺨犭 ⺭礻 ⺯糹 ⺰纟 ⺱罓 ' +
    '⺹耂 ⺺肀 ⺾艹 ⻂衤 ⻅见 ⻆角 ⻈讠 ⻉贝 ⻋车 ⻌辶 ⻐钅 ⻑長 ⻒镸 ⻓长 ⻔门 ⻖阝 ⻘青 ⻙韦 ⻚页 ⻛风 ⻜飞 ⻝食 ⻟飠 ⻠饣 ⻢马 ' +
    '⻣骨 ⻤鬼 ⻥鱼 ⻦鸟 ⻧卤 ⻨麦 ⻩黄 ⻪黾 ⻫斉 ⻬齐 ⻮齿 ⻯竜 ⻰龙 ⻱龜 ⻲亀 ⻳龟'
  )
    .split(' ')
    .map((pair) => [...pair] as [string, string]),
);

const SUPPLEMENT_RE = /[\u2E80-\u2EFF]/g;

/** NFKC + radicals → unified ideographs. Keeps length stable enough for snippets (1 char → 1 char). */
export function normalizeCjk(text: string): string {
  return text.normalize('NFKC').replace(SUPPLEMENT_RE, (c) => SUPPLEMENT[c] ?? c);
}

/** For search: normalized, lower-cased, with runs of white space folded to one space. */
export function searchForm(text: string): string {
  return normalizeCjk(text).toLowerCase().replace(/\s+/g, ' ');
}
