import { describe, expect, it } from 'vitest';
import { parseQuestionTable, splitPackedOptions, stripNumber } from '../../electron/core/question-import';
import type { Message } from '../../electron/core/message';
import { sayIn } from '../../electron/main/messages';

/** a message in both languages, to check what each says */
const both = (m: Message) => `${sayIn('zh-CN', m)} / ${sayIn('en-US', m)}`;
/** a parse's refused rows with their messages said in both languages */
const inWords = (r: object) => ('errors' in r ? { ...r, errors: (r.errors as { message: Message }[]).map((e) => ({ ...e, message: both(e.message) })) } : r);

const T = ['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '分值', '难度'];
const P = ['作业种类', '试题类型', '题目内容', '题目选项', '题目答案'];

describe('question tables', () => {
  it('the template layout: every type, answers mapped to options, scores and explanations', () => {
    const r = parseQuestionTable([
      T,
      ['单选', '受限空间作业前应先？', '通风', '进入', '点火', '', 'A', '先通风', '2', ''],
      ['多选题', '特殊作业包括？', '动火', '受限空间', '喝茶', '吊装', 'A B D', '', '', ''],
      ['判断', '动火前要气体分析。', '', '', '', '', '对', '', '1', ''],
      ['填空', '先通风、再____、后作业。', '', '', '', '', '检测|检验', '', '', ''],
      ['简答', '说说本岗位的风险。', '', '', '', '', '泄漏、火灾', '', '10', ''],
      ['', '', '', '', '', '', '', '', '', ''],
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.layout).toBe('template');
    expect(r.skippedBlankRows).toBe(1);
    expect(r.questions.map((q) => [q.type, q.options.length, q.answer.join(''), q.score])).toEqual([
      ['single', 3, 'A', 2],
      ['multiple', 4, 'ABD', 1],
      ['truefalse', 0, 'T', 1],
      ['fill', 0, '检测检验', 1],
      ['short', 0, '泄漏、火灾', 10],
    ]);
    expect(r.questions[3]!.answer).toEqual(['检测', '检验']);
  });

  it('难度 (1–3 or 易/中/难), 分类, 标签 and 出处 columns are read; a 难度 it cannot read names its row', () => {
    const H = ['题型', '题干', '选项A', '选项B', '答案', '难度', '分类', '标签', '出处'];
    const r = parseQuestionTable([
      H,
      ['单选', '甲？', '是', '否', 'A', '3', '动火', '动火，气体分析、 监护', '第5.2条'],
      ['判断', '乙。', '', '', '对', '易', '', '', ''],
      ['判断', '丙。', '', '', '错', '', '', '', ''],
    ]);
    expect(r.ok && r.questions.map((q) => [q.difficulty, q.category, q.tags, q.source])).toEqual([
      [3, '动火', ['动火', '气体分析', '监护'], '第5.2条'],
      [1, '', [], ''],
      [0, '', [], ''],
    ]);
    expect(inWords(parseQuestionTable([H, ['判断', '丁。', '', '', '对', '很难', '', '', '']]))).toEqual({
      ok: false,
      layout: 'template',
      errors: [{ row: 2, column: '难度', message: '难度「很难」应为 1/2/3 或 易/中/难 / the difficulty “很难” should be 1/2/3 or 易/中/难' }],
      questions: [],
    });
  });

  it('the packed layout of the wild: options in one cell, stray spaces, 是非题, numbered stems', () => {
    const r = parseQuestionTable([
      P,
      ['第一部分', '判断题', '1.安全生产法规是法律的总和。', '**A.正确**B.错误', 'A '],
      ['第二部分', '是非题', '139.电气火灾可用水灭火，（）', '**A:正确**B:不正确', 'B'],
      ['第一部分', '单选题', '99.演练多久一次？()', '**A:每月**B:每半年**C:每年**D:每三年', 'C'],
      ['第三部分', '多选题', '250. 档案包括（）。', '**A：家族病史**B：接触史**C：检查结果**D：诊断资料', 'BCD'],
      ['第四部分', '单选题', '5.无分隔符', '**A工作接地**B保护接地', 'B'],
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.layout).toBe('packed');
    const [tf1, tf2, single, multi, bare] = r.questions;
    expect([tf1!.answer, tf2!.answer]).toEqual([['T'], ['F']]);
    expect(tf1!.stem).toBe('安全生产法规是法律的总和。');
    expect(single!.options[2]).toBe('每年');
    expect(single!.answer).toEqual(['C']);
    expect(multi!.options).toEqual(['家族病史', '接触史', '检查结果', '诊断资料']);
    expect(bare!.options).toEqual(['工作接地', '保护接地']);
  });

  it('names the row and column of every bad row and imports nothing', () => {
    const r = parseQuestionTable([
      T,
      ['单选', '题一', 'a', 'b', '', '', 'C', '', '', ''],
      ['单选', '题二', 'a', 'b', '', '', 'AB', '', '', ''],
      ['论述', '题三', '', '', '', '', 'x', '', '', ''],
      ['判断', '题四', '', '', '', '', '也许', '', '', ''],
      ['多选', '', 'a', 'b', '', '', 'A', '', '', ''],
      ['单选', '题六', 'a', 'b', '', '', 'A', '', '零', ''],
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '答案'],
      [3, '答案'],
      [4, '题型'],
      [5, '答案'],
      [6, '题干'],
      [7, '分值'],
    ]);
  });

  it('a missing column is named', () => {
    const r = parseQuestionTable([
      ['题型', '题干', '选项A', '选项B'],
      ['单选', '题', 'a', 'b'],
    ]);
    expect(inWords(r)).toEqual({ ok: false, errors: [{ row: 1, column: '答案', message: '缺少必需的列「答案」 / the required column “答案” is missing' }], questions: [] });
  });

  it('helpers: option cells and numbered stems', () => {
    expect(splitPackedOptions('**A.正确**B.错误')).toEqual([
      { letter: 'A', text: '正确' },
      { letter: 'B', text: '错误' },
    ]);
    expect(splitPackedOptions('没有选项标记')).toBeNull();
    expect(splitPackedOptions('**A:组织细胞死亡***B:心跳停止')!.map((o) => o.text)).toEqual(['组织细胞死亡', '心跳停止']);
    expect(stripNumber('200. 企业安全生产标准化')).toBe('企业安全生产标准化');
    expect(stripNumber('1.5倍额定电流的熔断器')).toBe('1.5倍额定电流的熔断器');
  });
});
