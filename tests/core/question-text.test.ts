// Question lists as people type them: every layout in one table, each case's questions and refusals
// compared at once, so one run names every layout that reads wrong.
import { describe, expect, it } from 'vitest';
import { findOptions, markdownLine, parseQuestionList } from '../../electron/core/question-text';
import { sayIn } from '../../electron/main/messages';

const lines = (text: string, md = false) => text.split('\n').map((t, i) => ({ no: i + 1, text: md ? markdownLine(t) : t }));
/** a question in brief: type, stem, options joined by '/', answer joined by ',' */
type Brief = [string, string, string, string];

const CASES: { name: string; text: string; md?: boolean; questions: Brief[]; refused?: [number, string][] }[] = [
  {
    name: 'sections with 一、, options one per line, 答案：',
    text: `安全生产知识测试题
一、单项选择题（每题2分）
1. 受限空间作业前，首先应当（ ）。
A. 通风
B. 进入检查
C. 点火照明
答案：A
解析：先通风、再检测、后作业。
2、特殊作业不包括（ ）
A、动火作业
B、日常巡检
答案：B
二、多项选择题
1．下列哪些属于特殊作业？（ ）
A．动火作业 B．受限空间作业 C．日常巡检 D．吊装作业
【答案】ABD
三、判断题（每题1分）
1. 动火作业前必须进行气体分析。（√）
2. 监护人可以临时离开作业现场。（ × ）
3. 可以用水扑灭电气火灾。
答案：错
四、填空题
1. 受限空间作业要“先通风、再____、后作业”。
答案：检测
五、简答题
1. 说明本岗位最大的一项风险和防范措施。
参考答案：
1. 识别泄漏风险；
2. 定期巡检。`,
    questions: [
      ['single', '受限空间作业前，首先应当（ ）。', '通风/进入检查/点火照明', 'A'],
      ['single', '特殊作业不包括（ ）', '动火作业/日常巡检', 'B'],
      ['multiple', '下列哪些属于特殊作业？（ ）', '动火作业/受限空间作业/日常巡检/吊装作业', 'A,B,D'],
      ['truefalse', '动火作业前必须进行气体分析。', '', 'T'],
      ['truefalse', '监护人可以临时离开作业现场。', '', 'F'],
      ['truefalse', '可以用水扑灭电气火灾。', '', 'F'],
      ['fill', '受限空间作业要“先通风、再____、后作业”。', '', '检测'],
      ['short', '说明本岗位最大的一项风险和防范措施。', '', '1. 识别泄漏风险；\n2. 定期巡检。'],
    ],
  },
  {
    name: 'no sections: the type guessed; answers in the brackets; options inline on the stem line; 第N题 and （N）',
    text: `第1题 动火作业前应进行（ B ）。 A.登记 B.气体分析 C.拍照
第2题 属于个体防护用品的有（AC） A:安全帽 B:扳手 C:防护眼镜
（3）电气设备着火应先切断电源。（√）
（4）安全标志中，红色表示（ ）。
A 禁止  B 警告  C 指令
正确答案：禁止
5. 《安全生产法》规定的“三同时”中不包括同时____。
答案：验收`,
    questions: [
      ['single', '动火作业前应进行（ ）。', '登记/气体分析/拍照', 'B'],
      ['multiple', '属于个体防护用品的有（ ）', '安全帽/扳手/防护眼镜', 'A,C'],
      ['truefalse', '电气设备着火应先切断电源。', '', 'T'],
      ['single', '安全标志中，红色表示（ ）。', '禁止/警告/指令', 'A'],
      ['fill', '《安全生产法》规定的“三同时”中不包括同时____。', '', '验收'],
    ],
  },
  {
    name: 'markdown: headings, bold answers, bullet options, 出处',
    md: true,
    text: `# 动火作业题库

## 单选题

**1.** 动火作业分为几级？（ ）

- A. 两级
- B. 三级
- C. 四级

**答案：B**

出处：GB 30871-2022 第5.1条

## 判断题

2. 动火作业可以不设监护人。

答案：错误`,
    questions: [
      ['single', '动火作业分为几级？（ ）', '两级/三级/四级', 'B'],
      ['truefalse', '动火作业可以不设监护人。', '', 'F'],
    ],
  },
  {
    name: 'refused: a missing letter, an answer not an option, no answer, an empty stem, a 多选 with one answer, a text answer not an option',
    text: `一、单选题
1. 第一题（ ）
A. 甲
C. 丙
D. 丁
答案：A
2. 第二题（ ）
A. 甲 B. 乙
答案：E
3. 第三题（ ）
A. 甲 B. 乙
4.
A. 甲 B. 乙
答案：A
5. 好的一题（ ）
A. 甲 B. 乙
答案：B
二、多选题
6. 第六题（ ）
A. 甲 B. 乙 C. 丙
答案：B
7. 第七题（ ）
A. 甲 B. 乙
答案：丙
三、判断题
8. 第八题（ ）
答案：也许`,
    questions: [['single', '好的一题（ ）', '甲/乙', 'B']],
    refused: [
      [2, '选项 A, C, D 缺少 B'],
      [7, '答案 E 不在选项中'],
      [10, '答案为空'],
      [12, '题干为空'],
      [19, '多选题至少要有两个答案（现为 B）'],
      [22, '答案「丙」既不是选项字母，也不是哪个选项的原文'],
      [26, '「也许」无法识别为 正确/错误'],
    ],
  },
  {
    name: 'a 解析 over several lines, a numbered list inside it, and the next question after it',
    text: `1. 进入受限空间前必须（ ）。
A. 检测 B. 唱歌
答案：A
解析：原因有二：
1. 缺氧；
2. 有毒气体。
2. 作业票的有效期不超过（ ）。
A. 8小时 B. 30天
答案：A`,
    questions: [
      ['single', '进入受限空间前必须（ ）。', '检测/唱歌', 'A'],
      ['single', '作业票的有效期不超过（ ）。', '8小时/30天', 'A'],
    ],
  },
  {
    name: "headings with their rules after a colon, a stem that says its own type, an exam system's export with the taker's answer beside the key",
    text: `一、单项选择题：每题2分，共20分
1.【多选题】下列属于特殊作业的有（ ）
A.动火 B.巡检 C.吊装
你的答案：A  正确答案：AC
2. 安全帽的作用是（ ）
A.防护头部 B.装饰
你的答案：B 正确答案：A
二、判断题：正确的打√，错误的打×
3. 进入受限空间前要先检测。
答案：√`,
    questions: [
      ['multiple', '下列属于特殊作业的有（ ）', '动火/巡检/吊装', 'A,C'],
      ['single', '安全帽的作用是（ ）', '防护头部/装饰', 'A'],
      ['truefalse', '进入受限空间前要先检测。', '', 'T'],
    ],
  },
];

describe('question lists', () => {
  it('read in every layout, the refused ones named by line with the reason', () => {
    const mismatches: string[] = [];
    for (const c of CASES) {
      const r = parseQuestionList(lines(c.text, c.md));
      const got: Brief[] = r.questions.map((q) => [q.type, q.stem, q.options.join('/'), q.answer.join(',')]);
      const refused = r.errors.map((e) => [e.row, sayIn('zh-CN', e.message)] as [number, string]);
      if (JSON.stringify(got) !== JSON.stringify(c.questions)) mismatches.push(`${c.name}\n  got      ${JSON.stringify(got)}\n  expected ${JSON.stringify(c.questions)}`);
      if (JSON.stringify(refused) !== JSON.stringify(c.refused ?? [])) mismatches.push(`${c.name}: refused\n  got      ${JSON.stringify(refused)}\n  expected ${JSON.stringify(c.refused ?? [])}`);
      if (r.refused.length !== r.errors.length) mismatches.push(`${c.name}: ${r.refused.length} refused entries for ${r.errors.length} errors`);
    }
    expect(mismatches.join('\n')).toBe('');
  });

  it('keeps a refused entry as written, with the fields that could be read', () => {
    const r = parseQuestionList(lines('二、多选题（每题2分）\n1. 下列哪些是特殊作业（ ）\nA. 动火 B. 巡检 C. 吊装\n答案：A'));
    expect(r.refused).toEqual([
      {
        row: 2,
        text: '1. 下列哪些是特殊作业（ ）\nA. 动火 B. 巡检 C. 吊装\n答案：A',
        fields: expect.objectContaining({ type: '多选', stem: '下列哪些是特殊作业（ ）', options: ['动火', '巡检', '吊装'], answer: 'A', score: '2' }),
      },
    ]);
    expect(sayIn('en-US', r.errors[0]!.message)).toBe('a multiple-choice question needs at least two answers (it has A)');
  });

  it('finds options only where they start: A. at the start, or inline after the stem', () => {
    expect(findOptions('A.正确B.错误', true)?.options).toEqual([
      { letter: 'A', text: '正确' },
      { letter: 'B', text: '错误' },
    ]);
    expect(findOptions('A）通风 B）检测', true)?.options.map((o) => o.text)).toEqual(['通风', '检测']);
    expect(findOptions('下列正确的是（ ） (A)通风 (B)检测', false)).toEqual({
      head: '下列正确的是（ ） ',
      options: [
        { letter: 'A', text: '通风' },
        { letter: 'B', text: '检测' },
      ],
    });
    expect(findOptions('（A）通风', false)?.options).toEqual([{ letter: 'A', text: '通风' }]);
    expect(findOptions('动火前应当（ B ）。', false)).toBeNull();
    expect(findOptions('PPE 包括安全帽', false)).toBeNull();
    expect(findOptions('使用（ ）的 1.5 倍', false)).toBeNull();
  });
});
