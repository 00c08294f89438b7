// What a question can be drafted on in a sentence of an official text: a number with its unit
// (三十日, 五十万元以上一百万元以下, 百分之五十), a duty (应当, 不得…) and a term the text defines
// (本法所称危险物品，是指…). Pure: the drafter and its tests use the same finders.
import { chineseNumber, chineseNumeral } from './text-structure';

export interface NumberPhrase {
  text: string;
  /** index in the sentence it was found in */
  at: number;
  /** phrases of one kind can stand in for each other as distractors: the unit and the shape ('range:元', 'le:日') */
  kind: string;
}

const N = '[零〇一二三四五六七八九十百千万亿两\\d.]+';
const UNIT = '(?:个工作日|工作日|个月|小时|学时|日|天|年|周|万元|元|人|名|倍)';
const ONE = `(?:百分之${N}|${N}${UNIT})`;
const PHRASE = new RegExp(`${ONE}(?:(?:以上|至)${ONE})?(?:以上|以下|以内)?`, 'g');
// dates, ordinals (第二十八条, 第三次会议) and counts that are names (一次性) are not quantities to ask about
const MASKS = [
  /(?:\d{4}|[零〇一二三四五六七八九]{4})年(?:[\d一二三四五六七八九十]{1,3}月)?(?:[\d一二三四五六七八九十]{1,3}日)?/g,
  new RegExp(`第${N}[条款项章节编次届个]?`, 'g'),
  /[一二三四五六七八九十两]+(?:年级|日常|天然|人民|人员|名称|年度|周边|周期)/g,
];

/** The text with the spans that look like numbers but are not quantities blotted out (same length). */
function masked(s: string): string {
  let out = s;
  for (const re of MASKS) out = out.replace(re, (m) => '＃'.repeat(m.length));
  return out;
}

const unitOf = (one: string) => (one.startsWith('百分之') ? '%' : (/(?:个工作日|工作日|个月|小时|学时|日|天|年|周|元|人|名|倍)$/.exec(one)?.[0] ?? '').replace(/^个/, ''));

/** The number phrases of a sentence, in order. */
export function numberPhrases(sentence: string): NumberPhrase[] {
  const out: NumberPhrase[] = [];
  for (const m of masked(sentence).matchAll(PHRASE)) {
    const text = sentence.slice(m.index, m.index + m[0].length);
    // a lone 一 (一人, 一年) is rarely the point of a sentence; 十/百 alone are not numbers
    if (/^[一两](?:人|名|年|日|天|周|倍)$/.test(text) || !/[一二三四五六七八九十百千两\d]/.test(text)) continue;
    const parts = text.split(/以上(?=.)|至/);
    const shape = parts.length > 1 ? 'range' : text.endsWith('以上') ? 'ge' : text.endsWith('以下') ? 'le' : text.endsWith('以内') ? 'in' : 'eq';
    out.push({ text, at: m.index, kind: `${shape}:${unitOf(parts[parts.length - 1]!.replace(/(?:以上|以下|以内)$/, ''))}` });
  }
  return out;
}

/** The duty a sentence states, and what denies it (for a false statement). */
export const DUTIES: readonly (readonly [string, string])[] = [
  ['应当', '可以不'],
  ['必须', '可以不'],
  ['不得', '可以'],
  ['严禁', '允许'],
  ['禁止', '允许'],
];

/** The first duty word of a sentence (not 应当 inside 不应当, nor 禁止 as a noun before 性). */
export function dutyIn(sentence: string): { word: string; negated: string; at: number } | null {
  let best: { word: string; negated: string; at: number } | null = null;
  for (const [word, negated] of DUTIES) {
    const re = new RegExp(`(?<!不)${word}(?![性的])`);
    const m = re.exec(sentence);
    if (m && (!best || m.index < best.at)) best = { word, negated, at: m.index };
  }
  return best;
}

// 本法所称危险物品，是指…; 本条例所称重大危险源，是指…
const DEFINES = /^(?:本(?:法|条例|规定|办法|标准|导则|文件|通知|准则|规范)(?:中)?)?所称(?:的)?([^，,。；：“”]{2,20})，(?:是)?指/;

/** The term a sentence defines, and where it stands; null when it defines none. */
export function definedTerm(sentence: string): { text: string; at: number } | null {
  const m = DEFINES.exec(sentence);
  if (!m) return null;
  return { text: m[1]!, at: m[0].indexOf(m[1]!, m[0].indexOf('所称')) };
}

const CN_RUN = /[零〇一二三四五六七八九十百千万两]+/g;

/** 五十万 → 500000 (the numerals a phrase's numbers are written in); NaN when it is not one. */
function cnValue(s: string): number {
  const [hi, lo] = s.includes('万') ? s.split('万') : ['', s];
  const high = hi === '' ? 0 : chineseNumber(hi!);
  const low = lo === '' ? 0 : chineseNumber(lo!);
  return s.includes('万') ? high * 10000 + low : low;
}

/**
 * The same phrase in the other numerals, so a fill-in answer is accepted either way:
 * 三十日 ↔ 30日, 百分之五十 → 50%, 五十万元 → 500000元; null when it cannot be said the other way.
 */
export function otherNumerals(phrase: string): string | null {
  if (/\d/.test(phrase)) {
    let ok = true;
    const out = phrase.replace(/\d+/g, (d) => {
      const n = Number(d);
      if (n > 0 && n < 1000) return chineseNumeral(n);
      if (n % 10000 === 0 && n / 10000 < 1000) return `${chineseNumeral(n / 10000)}万`;
      ok = false;
      return d;
    });
    return ok && !/[.]/.test(phrase) ? out : null;
  }
  let ok = true;
  const out = phrase
    .replace(/百分之([零〇一二三四五六七八九十百千两]+)/g, (_, n: string) => `${cnValue(n)}%`)
    .replace(CN_RUN, (run) => {
      // 五十万元 is written 50万元, as the texts that use Arabic numerals write it
      const wan = run.endsWith('万') && !run.slice(0, -1).includes('万');
      const n = wan ? chineseNumber(run.slice(0, -1)) : cnValue(run);
      if (wan && Number.isFinite(n) && n > 0) return `${n}万`;
      if (!Number.isFinite(n) || n <= 0) ok = false;
      return String(n);
    });
  return ok && out !== phrase ? out : null;
}

// what the other values of a document are compared by when one must be chosen: FNV-1a, stable everywhere
export function stableHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** xs in an order fixed by the key: the same key always gives the same order. */
export function stableShuffle<T>(xs: readonly T[], key: string, name: (x: T) => string): T[] {
  return [...xs].sort((a, b) => stableHash(`${key}|${name(a)}`) - stableHash(`${key}|${name(b)}`) || (name(a) < name(b) ? -1 : 1));
}
