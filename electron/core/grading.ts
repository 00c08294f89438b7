// Grading of objective questions. Short answers are never auto-graded: they go to the officer.
import type { Question } from './model';

export type ItemResult =
  | { questionId: string; status: 'graded'; score: number; max: number; correct: boolean }
  | { questionId: string; status: 'pending'; score: 0; max: number };

/** Trim, NFKC (full-width → half-width), fold case and inner white space. */
export function normalizeAnswerText(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const x = [...new Set(a.map((v) => v.trim().toUpperCase()))].sort();
  const y = [...new Set(b.map((v) => v.trim().toUpperCase()))].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

export function gradeItem(q: Question, given: readonly string[] | undefined): ItemResult {
  const answer = (given ?? []).filter((g) => g.trim() !== '');
  if (q.type === 'short') return { questionId: q.id, status: 'pending', score: 0, max: q.score };
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
