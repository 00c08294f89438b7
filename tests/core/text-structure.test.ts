// The structure of official texts: the five laws of ../shared/corpus (their article counts are
// their own last article numbers), a standard-like and a notice-like text made here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseNumber, chineseNumeral, citedUnitAt, outlineUnits, structureOf, unitIdInCitation } from '../../electron/core/text-structure';
import { markdownBlocks } from '../../electron/main/services/corpus/text-extract';
import { CORPUS_DIR } from '../content/check-content';

const LAWS = existsSync(CORPUS_DIR) ? readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.md') && !/^[A-Z]/.test(f)) : [];
if (LAWS.length === 0) console.log(`[text-structure] ${CORPUS_DIR} is absent: the corpus laws are not checked`);
const paragraphsOf = (md: string) => markdownBlocks(md).map((b) => b.text);

describe('numbers', () => {
  it('reads and writes Chinese article numbers both ways for 1..200', () => {
    const wrong: string[] = [];
    for (let n = 1; n <= 200; n++) if (chineseNumber(chineseNumeral(n)) !== n) wrong.push(`${n} → ${chineseNumeral(n)}`);
    expect(wrong).toEqual([]);
    expect([chineseNumeral(28), chineseNumeral(102), chineseNumeral(110), chineseNumeral(119)]).toEqual(['二十八', '一百零二', '一百一十', '一百一十九']);
  });
});

describe.runIf(LAWS.length > 0)('the corpus laws', () => {
  it("finds as many articles as each law's last article number, in order, each once", () => {
    const problems: string[] = [];
    for (const f of LAWS) {
      const text = readFileSync(path.join(CORPUS_DIR, f), 'utf8');
      const last = [...text.matchAll(/^第([一二三四五六七八九十百零〇]+)条/gm)].map((m) => chineseNumber(m[1]!)).reduce((a, b) => Math.max(a, b), 0);
      const s = structureOf(paragraphsOf(text));
      const articles = s.units.filter((u) => u.kind === 'article');
      if (s.kind !== 'law') problems.push(`${f}: kind ${s.kind}`);
      if (articles.length !== last) problems.push(`${f}: ${articles.length} articles, the text's last is ${last}`);
      articles.forEach((a, i) => {
        if (a.number !== i + 1) problems.push(`${f}: article ${i + 1} is ${a.label}`);
      });
      if (new Set(s.units.map((u) => u.id)).size !== s.units.length) problems.push(`${f}: unit ids repeat`);
      if (s.units.some((u) => u.end <= u.first)) problems.push(`${f}: an empty unit`);
    }
    expect(problems).toEqual([]);
  });

  it("knows 安全生产法's chapters, an article's 款 and 项, and the article a paragraph is cited by", () => {
    const paras = paragraphsOf(readFileSync(path.join(CORPUS_DIR, '安全生产法.md'), 'utf8'));
    const s = structureOf(paras);
    const chapters = s.units.filter((u) => u.kind === 'chapter');
    expect(chapters.map((c) => c.label)).toEqual(['第一章', '第二章', '第三章', '第四章', '第五章', '第六章', '第七章']);
    expect(chapters[0]!.title).toBe('总则');
    const a28 = s.units.find((u) => u.id === '第二十八条')!;
    expect(paras[a28.first]).toMatch(/^第二十八条 生产经营单位应当对从业人员进行安全生产教育和培训/);
    // 第二十八条 has four paragraphs in the 2021 text
    expect(s.units.filter((u) => u.kind === 'paragraph' && u.id.startsWith('第二十八条')).map((u) => u.label)).toEqual(['第一款', '第二款', '第三款', '第四款']);
    // 第二十一条 lists the principal's duties as 项 (一)…(七)
    expect(s.units.filter((u) => u.kind === 'item' && u.id.startsWith('第二十一条')).map((u) => u.label)).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）']);
    expect(citedUnitAt(s, a28.first + 2)?.id).toBe('第二十八条');
    expect(citedUnitAt(s, 0)).toBeNull();
    // the outline: chapters and articles, no 款 or 项
    const outline = outlineUnits(s);
    expect(outline.length).toBe(7 + 119);
    expect(outline.every((u) => u.kind === 'chapter' || u.kind === 'article')).toBe(true);
  });
});

describe('texts the tests make', () => {
  it("reads a standard's numbered clauses under their parents, and its appendix", () => {
    const paras = [
      '危险化学品企业安全风险隐患排查治理导则（示例）',
      '1 范围',
      '本文件规定了排查治理的要求。',
      '2 规范性引用文件',
      '3 术语和定义',
      '3.1 安全风险',
      '某一特定危害事件发生的可能性与后果的组合。',
      '4 基本要求',
      '4.1 企业应当建立排查制度。',
      '4.2 排查频次',
      '4.2.1 装置操作人员每2小时巡检一次。',
      '2021年 起施行的内容不是条款。',
      '4.2.2 基层车间每周排查一次。',
      '5.7.3 没有上级的编号不是条款。',
      '附录A（规范性）排查表',
      'A.1 表格说明。',
    ];
    const s = structureOf(paras);
    expect(s.kind).toBe('standard');
    expect(s.units.map((u) => `${u.label}@${u.depth}`)).toEqual(['1@0', '2@0', '3@0', '3.1@1', '4@0', '4.1@1', '4.2@1', '4.2.1@2', '4.2.2@2', '附录A@0']);
    const c421 = s.units.find((u) => u.id === '4.2.1')!;
    expect([c421.first, c421.end]).toEqual([10, 12]);
    expect(citedUnitAt(s, 11)?.id).toBe('4.2.1');
    expect(s.units.find((u) => u.id === '4')!.end).toBe(14);
  });

  it("reads a notice's items 一、（一）1.（1） as a tree, and leaves plain text without structure", () => {
    const paras = [
      '关于开展警示教育月活动的通知',
      '各企业：',
      '一、活动时间',
      '2026年8月1日至8月31日。',
      '二、活动内容',
      '（一）观看警示教育片',
      '1. 组织全体员工集中观看。',
      '2. 观看后开展讨论。',
      '（1）每个班组推选一人发言。',
      '（二）集中学习法规',
      '三、工作要求',
      '（一）加强组织领导',
    ];
    const s = structureOf(paras);
    expect(s.kind).toBe('notice');
    expect(s.units.map((u) => u.id)).toEqual(['一', '二', '二/（一）', '二/（一）/1', '二/（一）/2', '二/（一）/2/（1）', '二/（二）', '三', '三/（一）']);
    expect(citedUnitAt(s, 8)?.id).toBe('二/（一）/2/（1）');
    expect(structureOf(['这是一段普通的文字。', '第二段，没有编号。', '第三段引用了第二十八条的规定。']).kind).toBe('none');
  });

  it('does not take a paragraph that cites an article for the article', () => {
    const s = structureOf(['第一条 甲。', '第二条 乙。', '第二条规定的人员应当参加培训。', '第三条 丙。']);
    expect(s.units.filter((u) => u.kind === 'article').map((u) => u.label)).toEqual(['第一条', '第二条', '第三条']);
  });

  it('finds the unit a citation names', () => {
    expect(['《安全生产法》第二十八条第一款', '第十条之一', 'GB 30871-2022 4.2.3', '附录 B', '总则'].map(unitIdInCitation)).toEqual(['第二十八条', '第十条之一', '4.2.3', '附录B', null]);
  });
});
