// The structure of an official text, read from its paragraphs: laws and regulations by 编/章/节/条
// (with 款 and 项 inside an article), standards by numbered clauses (1, 4.2, 4.2.3, 附录 A), notices
// by their numbered items (一、（一）1.（1）). Pure and deterministic, so the server (on import, for
// search hits and question drafts) and the renderer (the reader's outline) find the same units.
// A text with too few numbered units to be one of these has no structure and reads as before.

export type UnitKind = 'part' | 'chapter' | 'section' | 'article' | 'paragraph' | 'item' | 'clause' | 'appendix';

export interface TextUnit {
  kind: UnitKind;
  /** unique within the text and stable across editions that keep their numbering: '第二十八条', '第二十八条第二款', '4.2.3', '附录A', '二/（一）/1' */
  id: string;
  /** as the text writes it: '第二十八条', '第二款', '（三）', '4.2.3', '附录A', '一、' */
  label: string;
  /** a heading's words, or the opening words of an article or item */
  title: string;
  /** 0 for the outermost units */
  depth: number;
  /** index of the unit's first paragraph, and one past its last */
  first: number;
  end: number;
  /** an article's number (第二十八条 → 28), a notice item's number in its list */
  number?: number;
}

export interface TextStructure {
  kind: 'law' | 'standard' | 'notice' | 'none';
  units: TextUnit[];
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 一百一十九 → 119, 二十 → 20, 十五 → 15, 119 → 119; NaN when it is not a number. */
export function chineseNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0;
  let digit = -1;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!;
    else if (ch in CN_UNITS) {
      total += (digit < 0 ? 1 : digit) * CN_UNITS[ch]!;
      digit = -1;
    } else return NaN;
  }
  return digit >= 0 ? total + digit : s === '' ? NaN : total;
}

const CN_CHARS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** 28 → 二十八, 102 → 一百零二, 110 → 一百一十 (the way laws number their articles). */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_CHARS[n]!;
  if (n < 20) return `十${n % 10 ? CN_CHARS[n % 10] : ''}`;
  if (n < 100) return `${CN_CHARS[Math.floor(n / 10)]}十${n % 10 ? CN_CHARS[n % 10] : ''}`;
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (rest === 0) return `${CN_CHARS[h]}百`;
  if (rest < 10) return `${CN_CHARS[h]}百零${CN_CHARS[rest]}`;
  return `${CN_CHARS[h]}百${CN_CHARS[Math.floor(rest / 10)]}十${rest % 10 ? CN_CHARS[rest % 10] : ''}`;
}

const NUM = '[一二三四五六七八九十百千零〇两\\d]+';
const LAW_HEAD = new RegExp(`^第(${NUM})([编章节])(?:[\\s\\u3000]+(.*))?$`);
// an article starts its paragraph; the words after its number may follow a space or not
const ARTICLE = new RegExp(`^第(${NUM})条(之[一二三四五六七八九十]+)?(?:[\\s\\u3000]+|(?=[^\\s\\u3000，。、的规]))(.*)$`);
const ITEM = /^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$/;
const TITLE_CHARS = 40;

const shortTitle = (s: string) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > TITLE_CHARS ? `${t.slice(0, TITLE_CHARS)}…` : t;
};

const RANK: Partial<Record<UnitKind, number>> = { part: 0, chapter: 1, section: 2 };
const HEAD_KIND = { 编: 'part', 章: 'chapter', 节: 'section' } as const;
/** a paragraph that ends without closing its sentence goes on in the next one (a PDF's page break) */
const ENDS_SENTENCE = /[。；;！!？?：:”」）)]$/;

/** Closes units as new ones open: each unit's `end` is set when the next one at its depth or above starts. */
class Builder {
  readonly units: TextUnit[] = [];
  private stack: TextUnit[] = [];
  open(u: Omit<TextUnit, 'end' | 'depth'>, depth: number): TextUnit {
    while (this.stack.length && this.stack[this.stack.length - 1]!.depth >= depth) this.stack.pop()!.end = u.first;
    const unit: TextUnit = { ...u, depth, end: -1 };
    this.units.push(unit);
    this.stack.push(unit);
    return unit;
  }
  /** the innermost open unit of a kind */
  innermost(kind: UnitKind): TextUnit | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) if (this.stack[i]!.kind === kind) return this.stack[i];
    return undefined;
  }
  finish(length: number): TextUnit[] {
    for (const u of this.units) if (u.end < 0) u.end = length;
    return this.units;
  }
}

/** 编/章/节/条 with 款 and 项; null when fewer than three articles in sequence are found. */
function lawUnits(paras: readonly string[]): TextUnit[] | null {
  const b = new Builder();
  const heads: TextUnit[] = []; // the enclosing 编/章/节, outermost first
  let lastNumber = 0;
  let articles = 0;
  let inArticle = false;
  paras.forEach((raw, i) => {
    const p = raw.trim();
    const head = LAW_HEAD.exec(p);
    if (head && p.length <= 60) {
      const kind = HEAD_KIND[head[2] as keyof typeof HEAD_KIND];
      while (heads.length && RANK[heads[heads.length - 1]!.kind]! >= RANK[kind]!) heads.pop();
      const label = `第${head[1]}${head[2]}`;
      heads.push(b.open({ kind, id: heads.map((h) => h.label).join('') + label, label, title: shortTitle(head[3] ?? ''), first: i }, heads.length));
      inArticle = false;
      return;
    }
    const art = ARTICLE.exec(p);
    const n = art ? chineseNumber(art[1]!) : NaN;
    // an article's number goes up (第十条之一 keeps it; a gap of two is let pass for a page a PDF lost);
    // a paragraph that only starts by citing an article does not open one
    if (art && ((n > lastNumber && n <= lastNumber + 3) || (art[2] !== undefined && n === lastNumber))) {
      lastNumber = n;
      articles += 1;
      inArticle = true;
      const label = `第${art[1]}条${art[2] ?? ''}`;
      const d = heads.length;
      b.open({ kind: 'article', id: label, label, title: shortTitle(art[3]!), first: i, number: n }, d);
      b.open({ kind: 'paragraph', id: `${label}第一款`, label: '第一款', title: shortTitle(art[3]!), first: i, number: 1 }, d + 1);
      return;
    }
    if (!inArticle) return;
    const article = b.innermost('article')!;
    const paragraph = b.innermost('paragraph')!;
    const it = ITEM.exec(p);
    if (it) {
      const label = `（${it[1]}）`;
      b.open({ kind: 'item', id: `${paragraph.id}${label}`, label, title: shortTitle(it[2]!), first: i, number: chineseNumber(it[1]!) }, heads.length + 2);
      return;
    }
    // a paragraph of the article's own words is its next 款, unless the one before it broke off
    // mid-sentence (a page break in a PDF)
    if (!ENDS_SENTENCE.test(paras[i - 1]!.trim())) return;
    const k = (paragraph.number ?? 0) + 1;
    const label = `第${chineseNumeral(k)}款`;
    b.open({ kind: 'paragraph', id: `${article.label}${label}`, label, title: shortTitle(p), first: i, number: k }, heads.length + 1);
  });
  return articles >= 3 ? b.finish(paras.length) : null;
}

// A standard's clause: '4.2.3 标题' or '4.2.3　正文…'; a bare top-level number only as a short heading.
const CLAUSE = /^(\d{1,2}(?:\.\d{1,2}){0,4})[\s\u3000]+(\S.*)$/;
const APPENDIX = /^附\s*录\s*([A-Z])(?:[\s\u3000]*[（(](?:规范性|资料性)(?:附录)?[）)])?[\s\u3000]*(.*)$/;

/** Numbered clauses of a standard, each under its parent (4.2.3 under 4.2); null when fewer than three. */
function standardUnits(paras: readonly string[]): TextUnit[] | null {
  const b = new Builder();
  const seen = new Set<string>();
  let appendix = '';
  let clauses = 0;
  paras.forEach((raw, i) => {
    const p = raw.trim();
    const ap = APPENDIX.exec(p);
    if (ap && p.length <= 60 && !seen.has(`附录${ap[1]}`)) {
      appendix = ap[1]!;
      seen.add(`附录${appendix}`);
      b.open({ kind: 'appendix', id: `附录${appendix}`, label: `附录${appendix}`, title: shortTitle(ap[2] ?? ''), first: i }, 0);
      return;
    }
    const m = CLAUSE.exec(p);
    if (!m) return;
    const num = m[1]!;
    const parts = num.split('.');
    // a year, a quantity or a list number is not a clause: a top-level clause is a short heading,
    // a deeper one needs its parent (or, in an appendix, the appendix letter: A.2 there is written 'A.2')
    if (/^[年月日个%％]/.test(m[2]!)) return;
    if (parts.length === 1 && (p.length > 40 || Number(num) > 30)) return;
    const parent = parts.slice(0, -1).join('.');
    if (parts.length > 1 && !seen.has(parent)) return;
    if (seen.has(num)) return;
    seen.add(num);
    clauses += 1;
    b.open({ kind: 'clause', id: num, label: num, title: shortTitle(m[2]!), first: i }, parts.length - 1 + (appendix ? 1 : 0));
  });
  return clauses >= 3 ? b.finish(paras.length) : null;
}

// A notice's items: 一、 then （一） then 1. then （1）, each numbered from one within its parent.
const NOTICE_LEVELS: { re: RegExp; label: (n: string) => string }[] = [
  { re: /^([一二三四五六七八九十]+)、\s*(.*)$/, label: (n) => `${n}、` },
  { re: /^[（(]([一二三四五六七八九十]+)[）)]\s*(.*)$/, label: (n) => `（${n}）` },
  { re: /^(\d{1,2})[.．、](?!\d)\s*(.*)$/, label: (n) => `${n}.` },
  { re: /^[（(](\d{1,2})[）)]\s*(.*)$/, label: (n) => `（${n}）` },
];

/** A notice's numbered items as a tree; null when its top level has fewer than two in sequence. */
function noticeUnits(paras: readonly string[]): TextUnit[] | null {
  const b = new Builder();
  const path: TextUnit[] = []; // the open item of each level
  let top = 0;
  paras.forEach((raw, i) => {
    const p = raw.trim();
    for (let level = 0; level < NOTICE_LEVELS.length; level++) {
      const m = NOTICE_LEVELS[level]!.re.exec(p);
      if (!m) continue;
      const n = chineseNumber(m[1]!);
      // the item must come next in its list: the first of a level under an open parent, or one more than its sibling
      const parentOpen = level === 0 || path[level - 1] !== undefined;
      const sibling = path[level];
      if (!parentOpen || (sibling ? n !== sibling.number! + 1 : n !== 1)) continue;
      path.length = level;
      const label = NOTICE_LEVELS[level]!.label(m[1]!);
      const id = path
        .map((u) => u.label.replace(/[、.]$/, ''))
        .concat(label.replace(/[、.]$/, ''))
        .join('/');
      path.push(b.open({ kind: 'item', id, label, title: shortTitle(m[2]!), first: i, number: n }, level));
      if (level === 0) top += 1;
      return;
    }
  });
  return top >= 2 ? b.finish(paras.length) : null;
}

/** The structure of a text from its paragraphs (search blocks or the reader's paragraphs, in order). */
export function structureOf(paras: readonly string[]): TextStructure {
  const law = lawUnits(paras);
  if (law) return { kind: 'law', units: law };
  const std = standardUnits(paras);
  if (std) return { kind: 'standard', units: std };
  const notice = noticeUnits(paras);
  if (notice) return { kind: 'notice', units: notice };
  return { kind: 'none', units: [] };
}

/** The units an outline lists: a law's 编/章/节/条 (not 款 and 项), every clause or item of the others. */
export function outlineUnits(s: TextStructure): TextUnit[] {
  return s.kind === 'law' ? s.units.filter((u) => u.kind !== 'paragraph' && u.kind !== 'item') : s.units;
}

/** The unit a paragraph is cited by: its article (law), its deepest clause or item (others); null outside any. */
export function citedUnitAt(s: TextStructure, para: number): TextUnit | null {
  let best: TextUnit | null = null;
  for (const u of s.units) {
    if (u.first > para) break;
    if (para >= u.end) continue;
    if (s.kind === 'law' ? u.kind === 'article' : u.kind !== 'part' && u.kind !== 'chapter' && u.kind !== 'section') best = u;
  }
  return best;
}

/** An article label in a citation ('《安全生产法》第二十八条第一款' → '第二十八条'; '4.2.3' stays) or null. */
export function unitIdInCitation(citation: string): string | null {
  const art = new RegExp(`第(${NUM})条(之[一二三四五六七八九十]+)?`).exec(citation);
  if (art) return `第${art[1]}条${art[2] ?? ''}`;
  const clause = /(?:^|[^\d.])(\d{1,2}(?:\.\d{1,2}){1,4})(?![\d.])/.exec(citation);
  if (clause) return clause[1]!;
  const ap = /附录\s*([A-Z])/.exec(citation);
  return ap ? `附录${ap[1]}` : null;
}
