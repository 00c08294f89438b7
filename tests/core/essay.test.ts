import { describe, expect, it } from 'vitest';
import { checkSubmittable, countChars, countEssay, emptyEssay } from '../../electron/core/essay';

describe('字数 (character count)', () => {
  // Each expected value was counted by hand: Han characters 1 each, each run of Latin letters or
  // digits 1, spaces and punctuation 0.
  it.each([
    ['安全第一', 4],
    ['安全第一，预防为主。', 8],
    ['  安 全  ', 2],
    ['学习 GB 30871-2022 标准', 2 + 3 + 2],
    ['I will obey the rules.', 5],
    ['第3次动火作业', 6 + 1],
    ['“9·7”事故', 2 + 2],
    ['！？。、；：“”（）《》——……', 0],
    ['', 0],
    ['危化品\n\n班组长', 6],
  ])('%j → %i', (text, n) => {
    expect(countChars(text)).toBe(n);
  });

  it('counts per part and in total', () => {
    const parts = { awareness: '意识不足。', responsibility: '责任', warning: 'A warning', measures: '措施123' };
    expect(countEssay(parts)).toEqual({ perPart: { awareness: 4, responsibility: 2, warning: 2, measures: 3 }, total: 11 });
  });

  it('refuses an empty part or a total under the minimum', () => {
    expect(checkSubmittable(emptyEssay(), 0)).toEqual({ ok: false, reason: 'empty_part', part: 'awareness' });
    const parts = { awareness: '一二', responsibility: '三四', warning: '五六', measures: '七八' };
    expect(checkSubmittable(parts, 9)).toEqual({ ok: false, reason: 'too_short', total: 8, min: 9 });
    expect(checkSubmittable(parts, 8)).toEqual({ ok: true });
  });
});
