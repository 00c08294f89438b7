import { describe, expect, it } from 'vitest';
import { gradeItem, scoreAttempt } from '../../electron/core/grading';
import { questionSchema, type Question } from '../../electron/core/model';

const q = (x: Partial<Question> & Pick<Question, 'id' | 'type' | 'answer'>): Question => questionSchema.parse({ stem: '题', score: 10, ...x });

describe('grading', () => {
  it('single choice: exact letter', () => {
    const s = q({ id: 's', type: 'single', options: ['a', 'b', 'c'], answer: ['B'] });
    expect(gradeItem(s, ['B'])).toMatchObject({ status: 'graded', score: 10, correct: true });
    expect(gradeItem(s, ['A'])).toMatchObject({ score: 0, correct: false });
    expect(gradeItem(s, [])).toMatchObject({ score: 0, correct: false });
  });
  it('multiple choice: all or nothing, order and case do not matter', () => {
    const m = q({ id: 'm', type: 'multiple', options: ['a', 'b', 'c', 'd'], answer: ['A', 'C', 'D'] });
    expect(gradeItem(m, ['d', 'A', 'C'])).toMatchObject({ score: 10 });
    expect(gradeItem(m, ['A', 'C'])).toMatchObject({ score: 0 });
    expect(gradeItem(m, ['A', 'B', 'C', 'D'])).toMatchObject({ score: 0 });
  });
  it('true/false', () => {
    const t = q({ id: 't', type: 'truefalse', answer: ['F'] });
    expect(gradeItem(t, ['F'])).toMatchObject({ score: 10 });
    expect(gradeItem(t, ['T'])).toMatchObject({ score: 0 });
  });
  it('fill-in: accepts listed answers after trimming, NFKC and case folding', () => {
    const f = q({ id: 'f', type: 'fill', answer: ['检测', 'gas test'] });
    expect(gradeItem(f, [' 检测 '])).toMatchObject({ score: 10 });
    expect(gradeItem(f, ['ＧＡＳ  Test'])).toMatchObject({ score: 10 });
    expect(gradeItem(f, ['监测'])).toMatchObject({ score: 0 });
  });
  it('short answer goes to the officer, never auto-graded', () => {
    const s = q({ id: 'x', type: 'short', answer: ['参考'] });
    expect(gradeItem(s, ['参考'])).toEqual({ questionId: 'x', status: 'pending', score: 0, max: 10 });
  });
  it('sums scores, counts pending items, and applies the officer grade within the max', () => {
    const items = [
      { questionId: 'a', status: 'graded' as const, score: 10, max: 10, correct: true },
      { questionId: 'b', status: 'graded' as const, score: 0, max: 20, correct: false },
      { questionId: 'c', status: 'pending' as const, score: 0 as const, max: 30 },
    ];
    expect(scoreAttempt(items, {})).toEqual({ score: 10, max: 60, pendingCount: 1, percent: 16.7 });
    expect(scoreAttempt(items, { c: 25 })).toEqual({ score: 35, max: 60, pendingCount: 0, percent: 58.3 });
    expect(scoreAttempt(items, { c: 99 }).score).toBe(40);
  });
  it('the question schema rejects an answer that is not among the options', () => {
    expect(questionSchema.safeParse({ id: 'q', type: 'single', stem: 's', score: 1, options: ['a', 'b'], answer: ['C'] }).success).toBe(false);
    expect(questionSchema.safeParse({ id: 'q', type: 'truefalse', stem: 's', score: 1, answer: ['对'] }).success).toBe(false);
  });
});
