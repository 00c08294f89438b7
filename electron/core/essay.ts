// Self-analysis essay (个人剖析材料) rules: the four parts the notice asks for, and the 字数.
import { ALL_ESSAY_PARTS, partsFor, type EssayPart, type EssayParts } from './model';

const HAN = /[\p{Script=Han}\u3005\u3007]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * 字数 the way Chinese word processors count it: every Chinese character counts 1, every run of
 * other letters/digits (an English word, a number such as 30871) counts 1; spaces, punctuation
 * and symbols count 0.
 */
export function countChars(text: string): number {
  let n = 0;
  let inWord = false;
  for (const ch of text.normalize('NFC')) {
    if (HAN.test(ch)) {
      n += 1;
      inWord = false;
    } else if (WORD_CHAR.test(ch)) {
      if (!inWord) n += 1;
      inWord = true;
    } else {
      inWord = false;
    }
  }
  return n;
}

/** 字数 per part and in total; a part absent from older records counts 0. */
export function countEssay(parts: Partial<EssayParts>): { perPart: Record<EssayPart, number>; total: number } {
  const perPart = {} as Record<EssayPart, number>;
  let total = 0;
  for (const k of ALL_ESSAY_PARTS) {
    perPart[k] = countChars(parts[k] ?? '');
    total += perPart[k];
  }
  return { perPart, total };
}

export function emptyEssay(): EssayParts {
  return { awareness: '', responsibility: '', warning: '', measures: '', leadership: '' };
}

export type SubmitCheck = { ok: true } | { ok: false; reason: 'too_short'; total: number; min: number } | { ok: false; reason: 'empty_part'; part: EssayPart };

/** Every part the person writes is filled in, and the total reaches the minimum. */
export function checkSubmittable(parts: EssayParts, minChars: number, leader = false): SubmitCheck {
  for (const k of partsFor(leader)) if (countChars(parts[k] ?? '') === 0) return { ok: false, reason: 'empty_part', part: k };
  const { total } = countEssay(leader ? parts : { ...parts, leadership: '' });
  if (total < minChars) return { ok: false, reason: 'too_short', total, min: minChars };
  return { ok: true };
}

/**
 * Text pasted from Word or a web page: paragraphs kept, formatting gone. Line breaks of every kind
 * become \n, tabs and runs of spaces one space, invisible characters dropped, trailing spaces
 * trimmed, and more than one empty line between paragraphs folded to one.
 */
export function cleanPastedText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\v\f]/g, '\n')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    .replace(/[\t\u00a0\u3000 ]+/g, (m) => (m.includes('\u3000') && m.length <= 2 ? '\u3000'.repeat(m.length) : ' '))
    .replace(/ +\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^[\n ]+|[\n ]+$/g, '');
}
