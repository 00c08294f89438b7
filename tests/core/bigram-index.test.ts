import { describe, expect, it } from 'vitest';
import { BigramIndex } from '../../electron/core/bigram-index';

function build() {
  const ix = new BigramIndex();
  const texts = [
    '动火作业前必须进行气体分析。', // 0
    '操作工动手前关闭阀门，严禁点火取暖。', // 1: 动 and 火 apart
    '受限空间作业设监护人，监护人不得离开。', // 2
    '动火作业、动火作业、动火作业：三次提到。', // 3
    'GB 30871-2022 特殊作业安全规范', // 4
  ];
  texts.forEach((text, i) => ix.add({ docId: `d${i}`, key: 'official', loc: i, text }));
  return ix;
}
const ids = (ix: BigramIndex, q: string) => ix.search(q).map((h) => h.block);

describe('BigramIndex', () => {
  it('matches phrases exactly: 动火作业 never matches 动 … 火 apart', () => {
    expect(ids(build(), '动火作业').sort()).toEqual([0, 3]);
    expect(ids(build(), '动火')).not.toContain(1);
  });
  it('ranks a block with more occurrences higher', () => {
    expect(ids(build(), '动火作业')[0]).toBe(3);
  });
  it('needs every term, each as a phrase', () => {
    expect(ids(build(), '受限空间 监护人')).toEqual([2]);
    expect(ids(build(), '受限空间 气体分析')).toEqual([]);
    expect(ids(build(), '不存在的词')).toEqual([]);
  });
  it('folds width and case (Ｇｂ matches GB), and finds numbers', () => {
    expect(ids(build(), 'ｇｂ 30871')).toEqual([4]);
  });
  it('a single character is found by scanning', () => {
    expect(ids(build(), '阀').sort()).toEqual([1]);
  });
  it('removed blocks are not found', () => {
    const ix = build();
    ix.removeWhere((b) => b.docId === 'd3');
    expect(ids(ix, '动火作业')).toEqual([0]);
    expect(ix.size).toBe(4);
  });
  it('survives a round trip through its binary form', () => {
    const ix = build();
    ix.removeWhere((b) => b.docId === 'd0');
    const { meta, postings } = ix.toBinary();
    const back = BigramIndex.fromBinary(meta, postings);
    for (const q of ['动火作业', '受限空间 监护人', '阀', 'gb']) expect(back.search(q)).toEqual(ix.search(q));
    expect(back.size).toBe(4);
  });
});
