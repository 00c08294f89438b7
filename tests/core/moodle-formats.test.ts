import { describe, expect, it } from 'vitest';
import { fromMoodleXml, parseAiken, parseGift, stripHtml, toGift } from '../../electron/core/moodle-formats';
import type { Message } from '../../electron/core/message';
import { sayIn } from '../../electron/main/messages';

/** a message in both languages, to check what each says */
const both = (m: Message) => `${sayIn('zh-CN', m)} / ${sayIn('en-US', m)}`;
/** a parse's refused rows with their messages said in both languages */
const inWords = (r: object) => ('errors' in r ? { ...r, errors: (r.errors as { message: Message }[]).map((e) => ({ ...e, message: both(e.message) })) } : r);

const GIFT = `// 安学团队编写的测试题
::Q1:: 受限空间作业前首先应当？ {
  =通风
  ~直接进入#不对
  ~点火照明
}

::Q2:: 动火作业前必须进行气体分析。 {TRUE}

::Q3:: 特殊作业包括： {
  ~%50%动火作业
  ~%50%吊装作业
  ~%-100%日常巡检
  ####动火和吊装都是特殊作业
}

::Q4:: 受限空间作业要先通风、再{=检测 =检验}、后作业。

::Q5:: 说说本岗位的风险。 {}

::Q6:: 压力单位 1\\:1 的写法\\{不变\\}。 {F}
`;

describe('GIFT', () => {
  it('$CATEGORY puts the questions after it into that 分类', () => {
    const r = parseGift(`::A:: 先于分类的题 {T}\n\n$CATEGORY: $course$/top/应急处置\n\n::B:: 分类中的题 {F}\n\n::C:: 又一道 {T}\n`);
    expect(r.ok && r.questions.map((q) => [q.stem, q.category])).toEqual([
      ['先于分类的题', ''],
      ['分类中的题', '应急处置'],
      ['又一道', '应急处置'],
    ]);
  });
  it('reads single, true/false, multiple, fill-in and essay questions', () => {
    const r = parseGift(GIFT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.questions.map((q) => [q.type, q.answer.join(',')])).toEqual([
      ['single', 'A'],
      ['truefalse', 'T'],
      ['multiple', 'A,B'],
      ['fill', '检测,检验'],
      ['short', '（无参考答案）'],
      ['truefalse', 'F'],
    ]);
    expect(r.questions[0]!.options).toEqual(['通风', '直接进入', '点火照明']);
    expect(r.questions[2]!.explanation).toBe('动火和吊装都是特殊作业');
    expect(r.questions[3]!.stem).toBe('受限空间作业要先通风、再 ____ 、后作业。');
    expect(r.questions[5]!.stem).toBe('压力单位 1:1 的写法{不变}。');
  });
  it('names the line of a question without an answer block; the good one is kept apart from it', () => {
    const r = parseGift('::a:: 好的 {T}\n\n\n::b:: 坏的，没有答案块\n');
    expect(inWords(r)).toMatchObject({ ok: false, errors: [{ row: 4, column: 'GIFT', message: '缺少答案块 { … } / the answer block { … } is missing' }] });
    expect(!r.ok && r.questions.map((q) => q.stem)).toEqual(['好的']);
  });
  it('braces that do not balance refuse that question, naming the line, instead of one garbage question; the good ones stay good', () => {
    // the report: a question whose block runs into the next question (no blank line) read as one
    // question with an option 「错\n::Q2:: {{{{ }}」
    const text = [
      '::Q1:: 动火作业前要做什么？ {',
      '=气体分析',
      '~错',
      '::Q2:: {{{{ }}',
      '',
      '::Q3:: 监护人可以离开。 {F}',
      '',
      '::Q4:: 受限空间作业要 {=通风} 再检测 }',
      '',
      '::Q5:: 未结束的 {=a ~b',
      '',
      '::Q6:: 两个答案块 {T} 又一个 {F}',
      '',
    ].join('\n');
    const r = parseGift(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [4, 'GIFT'],
      [8, 'GIFT'],
      [10, 'GIFT'],
      [12, 'GIFT'],
    ]);
    expect(both(r.errors[0]!.message)).toBe(
      '答案块里又出现了「{」（第 1 行的「{」还没有用「}」结束；两道题之间要空一行） / a “{” inside an answer block (the “{” on line 1 is not closed by a “}”; leave a blank line between two questions)',
    );
    expect(both(r.errors[1]!.message)).toContain('a “}” with no “{” before it');
    expect(both(r.errors[2]!.message)).toContain('never closed');
    expect(both(r.errors[3]!.message)).toContain('one answer block');
    // no question carries another's text
    expect(r.questions.map((q) => [q.type, q.stem, q.answer])).toEqual([['truefalse', '监护人可以离开。', ['F']]]);
    // escaped braces are text, not blocks
    expect(parseGift('::a:: 写作 \\{x\\} 的题 {T}\n')).toMatchObject({ ok: true, questions: [{ stem: '写作 {x} 的题' }] });
  });
  it('a bank exported to GIFT reads back the same', () => {
    const r = parseGift(GIFT);
    if (!r.ok) throw new Error('fixture');
    // with 分类 on some of them (and back to none), which $CATEGORY lines carry
    const cats = ['动火', '动火', '', '受限空间', '', ''];
    const withCats = r.questions.map((q, i) => ({ ...q, category: cats[i]! }));
    const back = parseGift(toGift(withCats));
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.questions.map((q) => [q.type, q.stem, q.options, q.answer, q.category])).toEqual(withCats.map((q) => [q.type, q.stem, q.options, q.answer, q.category]));
  });
});

describe('Aiken', () => {
  it('reads questions with A. or A) options and ANSWER lines', () => {
    const r = parseAiken('动火前要做什么？\nA. 气体分析\nB. 直接动火\nANSWER: A\n\n监护人能离开吗？\nA) 能\nB) 不能\nANSWER: b\n');
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.questions.map((q) => [q.stem, q.options.length, q.answer[0]])).toEqual([
        ['动火前要做什么？', 2, 'A'],
        ['监护人能离开吗？', 2, 'B'],
      ]);
  });
  it('names the line of a question without ANSWER, or with an answer that is not an option', () => {
    expect(inWords(parseAiken('题一\nA. x\nB. y\n\n题二\nA. x\nB. y\nANSWER: C\n'))).toEqual({
      ok: false,
      errors: [
        { row: 1, column: 'ANSWER', message: '缺少 ANSWER: 行 / the ANSWER: line is missing' },
        { row: 5, column: 'ANSWER', message: '答案 C 不在选项中 / the answer C is not one of the options' },
      ],
      questions: [],
    });
  });
  it('a question with an option out of order is refused whole; the good ones are returned beside it', () => {
    const r = parseAiken('题一\nA. x\nC. y\nANSWER: A\n\n题二\nA. x\nB. y\nANSWER: B\n');
    expect(r).toMatchObject({ ok: false, errors: [{ row: 1, column: 'Aiken' }] });
    expect(!r.ok && r.questions.map((q) => q.stem)).toEqual(['题二']);
  });
});

describe('Moodle XML (after XML parsing)', () => {
  it('maps multichoice (single and multiple), truefalse, shortanswer and essay', () => {
    const r = fromMoodleXml([
      { type: 'category', line: 2, text: '', answers: [] },
      {
        type: 'multichoice',
        line: 5,
        text: '<p>受限空间作业前<b>首先</b>应当？</p>',
        single: 'true',
        answers: [
          { fraction: 100, text: '通风' },
          { fraction: 0, text: '进入' },
        ],
      },
      {
        type: 'multichoice',
        line: 20,
        text: '特殊作业包括',
        single: 'false',
        answers: [
          { fraction: 50, text: '动火' },
          { fraction: -100, text: '巡检' },
          { fraction: 50, text: '吊装' },
        ],
      },
      {
        type: 'truefalse',
        line: 40,
        text: '动火前要气体分析',
        answers: [
          { fraction: 100, text: 'true' },
          { fraction: 0, text: 'false' },
        ],
      },
      {
        type: 'shortanswer',
        line: 50,
        text: '先通风、再__',
        answers: [
          { fraction: 100, text: '检测' },
          { fraction: 0, text: '点火' },
        ],
      },
      { type: 'essay', line: 60, text: '说说风险', answers: [], graderinfo: '<p>能说清风险</p>' },
    ]);
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.questions.map((q) => [q.type, q.stem, q.answer.join(',')])).toEqual([
        ['single', '受限空间作业前首先应当？', 'A'],
        ['multiple', '特殊作业包括', 'A,C'],
        ['truefalse', '动火前要气体分析', 'T'],
        ['fill', '先通风、再__', '检测'],
        ['short', '说说风险', '能说清风险'],
      ]);
  });
  it('a category question puts the questions after it into that 分类 (the last part of its path)', () => {
    const r = fromMoodleXml([
      {
        type: 'multichoice',
        line: 2,
        text: '无分类的题',
        single: 'true',
        answers: [
          { fraction: 100, text: '甲' },
          { fraction: 0, text: '乙' },
        ],
      },
      { type: 'category', line: 8, text: '', answers: [], category: '$course$/top/特殊作业/动火' },
      {
        type: 'truefalse',
        line: 12,
        text: '动火前要气体分析',
        answers: [
          { fraction: 100, text: 'true' },
          { fraction: 0, text: 'false' },
        ],
      },
    ]);
    expect(r.ok && r.questions.map((q) => q.category)).toEqual(['', '动火']);
  });
  it('names the line of an unsupported question type', () => {
    expect(fromMoodleXml([{ type: 'matching', line: 12, text: 'x', answers: [] }])).toMatchObject({ ok: false, errors: [{ row: 12, column: 'type' }] });
  });
  it('strips Moodle HTML', () => {
    expect(stripHtml('<p>A&nbsp;&amp;&lt;B&gt;</p><p>第二段</p>')).toBe('A &<B>\n第二段');
  });
});
