// Grading of objective questions. Short answers are never auto-graded: they go to the officer.
import type { Question } from './model';

export type ItemResult = { questionId: string; status: 'graded'; score: number; max: number; correct: boolean } | { questionId: string; status: 'pending'; score: 0; max: number };

/** Trim, NFKC (full-width → half-width), fold case and inner white space. */
export function normalizeAnswerText(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a.map((v) => v.trim().toUpperCase()))].sort();
  const y = [...new Set(b.map((v) => v.trim().toUpperCase()))].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export function gradeItem(q: Question, given: readonly string[] | undefined, opts: { partialCredit?: boolean } = {}): ItemResult {
  const answer = (given ?? []).filter((g) => g.trim() !== '');
  if (q.type === 'short') return { questionId: q.id, status: 'pending', score: 0, max: q.score };
  if (q.type === 'multiple' && opts.partialCredit && answer.length > 0) {
    const right = new Set(q.answer.map((a) => a.toUpperCase()));
    const chosen = new Set(answer.map((a) => a.trim().toUpperCase()));
    const wrongChosen = [...chosen].some((a) => !right.has(a));
    const share = wrongChosen ? 0 : [...chosen].filter((a) => right.has(a)).length / right.size;
    const score = Math.round(q.score * share * 100) / 100;
    return { questionId: q.id, status: 'graded', score, max: q.score, correct: share === 1 };
  }
  let correct = false;
  if (q.type === 'fill') {
    const accepted = q.answer.map(normalizeAnswerText);
    correct = answer.length === 1 && accepted.includes(normalizeAnswerText(answer[0]!));
  } else {
    correct = answer.length > 0 && sameSet(answer, q.answer);
  }
  return { questionId: q.id, status: 'graded', score: correct ? q.score : 0, max: q.score, correct };
}

export interface AttemptScore {
  score: number;
  max: number;
  pendingCount: number;
  /** percentage of max, 0–100, one decimal */
  percent: number;
}

/** Sum item scores; officer grades for pending items override (questionId → score). */
export function scoreAttempt(items: readonly ItemResult[], manual: Readonly<Record<string, number>>): AttemptScore {
  let score = 0;
  let max = 0;
  let pendingCount = 0;
  for (const it of items) {
    max += it.max;
    if (it.status === 'pending') {
      const m = manual[it.questionId];
      if (m === undefined) pendingCount += 1;
      else score += Math.min(Math.max(m, 0), it.max);
    } else {
      score += it.score;
    }
  }
  const percent = max === 0 ? 0 : Math.round((score / max) * 1000) / 10;
  return { score, max, pendingCount, percent };
}

/** A permutation of 0…n-1 from random numbers in [0, 1) (Fisher–Yates). */
export function shuffledOrder(n: number, random: () => number): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

const L = (i: number) => String.fromCharCode(65 + i);

/** Options as a person sees them: order[k] is the original index shown at position k. */
export function displayedOptions(options: readonly string[], order: readonly number[] | undefined): string[] {
  return order ? order.map((i) => options[i]!) : [...options];
}

/** Letters the person chose (displayed positions) → letters of the original options. */
export function toOriginalLetters(letters: readonly string[], order: readonly number[] | undefined): string[] {
  if (!order) return [...letters];
  return letters.map((l) => L(order[l.toUpperCase().charCodeAt(0) - 65] ?? 99)).sort();
}

/** Original letters → the positions the person sees them at. */
export function toDisplayedLetters(letters: readonly string[], order: readonly number[] | undefined): string[] {
  if (!order) return [...letters];
  return letters.map((l) => L(order.indexOf(l.toUpperCase().charCodeAt(0) - 65))).sort();
}
