// Self-analysis essay (个人剖析材料) rules: the four parts the notice asks for, and the 字数.
import { ESSAY_PARTS, type EssayParts } from './model';

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

export function countEssay(parts: EssayParts): { perPart: Record<keyof EssayParts, number>; total: number } {
  const perPart = {} as Record<keyof EssayParts, number>;
  let total = 0;
  for (const k of ESSAY_PARTS) {
    perPart[k] = countChars(parts[k]);
    total += perPart[k];
  }
  return { perPart, total };
}

export function emptyEssay(): EssayParts {
  return { awareness: '', responsibility: '', warning: '', measures: '' };
}

export type SubmitCheck = { ok: true } | { ok: false; reason: 'too_short'; total: number; min: number } | { ok: false; reason: 'empty_part'; part: keyof EssayParts };

export function checkSubmittable(parts: EssayParts, minChars: number): SubmitCheck {
  for (const k of ESSAY_PARTS) if (countChars(parts[k]) === 0) return { ok: false, reason: 'empty_part', part: k };
  const { total } = countEssay(parts);
  if (total < minChars) return { ok: false, reason: 'too_short', total, min: minChars };
  return { ok: true };
}
