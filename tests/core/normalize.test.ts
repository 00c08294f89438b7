import { describe, expect, it } from 'vitest';
import { normalizeCjk, searchForm } from '../../electron/core/normalize';

describe('CJK normalization', () => {
  it('folds Kangxi radicals (NFKC) and the CJK Radicals Supplement', () => {
    // 动⽕作业 with U+2F55, 第⻚ with U+2EDA, ⻛险 with U+2EDB, 执⾏ with U+2F8F
    const broken = '动\u2F55作业 第3\u2EDA \u2EDB险 执\u2F8F';
    expect(normalizeCjk(broken)).toBe('动火作业 第3页 风险 执行');
  });
  it('folds full-width Latin and digits', () => {
    expect(normalizeCjk('ＧＢ　３０８７１')).toBe('GB 30871');
  });
  it('leaves ordinary text alone', () => {
    const s = '受限空间作业要先通风、再检测、后作业。';
    expect(normalizeCjk(s)).toBe(s);
  });
  it('search form folds case and white space', () => {
    expect(searchForm('  AQ/T\n3034 ')).toBe(' aq/t 3034 ');
  });
});
