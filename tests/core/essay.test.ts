import { describe, expect, it } from 'vitest';
import { checkSubmittable, cleanPastedText, countChars, countEssay, emptyEssay } from '../../electron/core/essay';

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
    expect(countEssay(parts)).toEqual({ perPart: { awareness: 4, responsibility: 2, warning: 2, measures: 3, leadership: 0 }, total: 11 });
    expect(countEssay({ ...parts, leadership: '带头' }).total).toBe(13);
  });

  it('a leader must also write the fifth part; others need not, and it does not count for them', () => {
    const four = { awareness: '一二', responsibility: '三四', warning: '五六', measures: '七八', leadership: '' };
    expect(checkSubmittable(four, 8, true)).toEqual({ ok: false, reason: 'empty_part', part: 'leadership' });
    expect(checkSubmittable({ ...four, leadership: '九十' }, 10, true)).toEqual({ ok: true });
    expect(checkSubmittable({ ...four, leadership: '九十' }, 10, false)).toEqual({ ok: false, reason: 'too_short', total: 8, min: 10 });
  });

  it('text pasted from Word keeps its paragraphs and loses the rest', () => {
    const word = '第一段\u00a0\u00a0有不换行空格\t和制表符。  \r\n\r\n\r\n\r\n第二段\u200b（零宽字符）\u2029第三段\ufeff';
    expect(cleanPastedText(word)).toBe('第一段 有不换行空格 和制表符。\n\n第二段（零宽字符）\n第三段');
    // the full-width indent of a Chinese paragraph is kept
    expect(cleanPastedText('\u3000\u3000首行缩进的段落')).toBe('\u3000\u3000首行缩进的段落');
  });

  it('refuses an empty part or a total under the minimum', () => {
    expect(checkSubmittable(emptyEssay(), 0)).toEqual({ ok: false, reason: 'empty_part', part: 'awareness' });
    const parts = { awareness: '一二', responsibility: '三四', warning: '五六', measures: '七八', leadership: '' };
    expect(checkSubmittable(parts, 9)).toEqual({ ok: false, reason: 'too_short', total: 8, min: 9 });
    expect(checkSubmittable(parts, 8)).toEqual({ ok: true });
  });
});
