import { describe, expect, it } from 'vitest';
import { paragraphs } from '../../electron/core/paragraphs';

describe('paragraphs', () => {
  it('splits on blank lines and joins broken lines (no space between Chinese characters)', () => {
    expect(paragraphs('第一段第一行\n第一段第二行\n\n第二段\r\n\r\nA line\nbroken here')).toEqual(['第一段第一行第一段第二行', '第二段', 'A line broken here']);
  });
  it('starts a new paragraph at 第X条 and at indented lines', () => {
    expect(paragraphs('第一条 总则。\n第二条 适用范围。\n  新的一段')).toEqual(['第一条 总则。', '第二条 适用范围。', '新的一段']);
  });
});
