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

const RADICAL_RE = /[\u2E80-\u2EFF\u2F00-\u2FDF]/g;

/**
 * Radicals → unified ideographs, nothing else: full-width punctuation and the rest of the text stay
 * as written (this is the text people read). One character maps to one character.
 */
export function normalizeCjk(text: string): string {
  return text.replace(RADICAL_RE, (c) => SUPPLEMENT[c] ?? c.normalize('NFKC'));
}

function foldChar(c: string): string {
  if (/\s/.test(c)) return ' ';
  const n = (SUPPLEMENT[c] ?? c.normalize('NFKC')).toLowerCase();
  return n.length === c.length ? n : c.toLowerCase().length === c.length ? c.toLowerCase() : c;
}

/**
 * The form text is searched in: radicals folded, full-width letters and digits folded to ASCII,
 * lower case, white space as plain spaces. Length-preserving, so an offset found in the search form
 * is the same offset in the text shown.
 */
export function searchForm(text: string): string {
  let out = '';
  for (const c of text) out += foldChar(c);
  return out;
}
