import { describe, expect, it } from 'vitest';
import { normalizeCjk, searchForm } from '../../electron/core/normalize';

describe('CJK normalization', () => {
  it('folds Kangxi radicals (NFKC) and the CJK Radicals Supplement', () => {
    // 动⽕作业 with U+2F55, 第⻚ with U+2EDA, ⻛险 with U+2EDB, 执⾏ with U+2F8F
    const broken = '动\u2F55作业 第3\u2EDA \u2EDB险 执\u2F8F';
    expect(normalizeCjk(broken)).toBe('动火作业 第3页 风险 执行');
  });
  it('keeps full-width punctuation as written (people read this text)', () => {
    expect(normalizeCjk('（测试），“引号”……')).toBe('（测试），“引号”……');
  });
  it('search form folds full-width Latin and digits, keeps length', () => {
    const s = 'ＧＢ　３０８７１……（甲）';
    expect(searchForm(s)).toBe('gb 30871……(甲)');
    expect(searchForm(s).length).toBe(s.length);
  });
  it('leaves ordinary text alone', () => {
    const s = '受限空间作业要先通风、再检测、后作业。';
    expect(normalizeCjk(s)).toBe(s);
  });
  it('search form folds case and each white-space character to a space', () => {
    expect(searchForm('  AQ/T\n3034 ')).toBe('  aq/t 3034 ');
  });
});
