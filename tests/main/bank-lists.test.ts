// Question banks as people have them: a list typed in Word, Markdown or a text file (UTF-8 or GBK),
// 700 good questions among 8 broken ones. Each is previewed with the refused ones named by line or
// paragraph and reason; the good ones import only when the officer asks, all of them in one write;
// the refused ones come back as a sheet, which once corrected imports too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Document, LevelFormat, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sayIn } from '../../electron/main/messages';
import { gbk } from '../helpers/fixtures';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let officer: string;
beforeEach(async () => {
  app = makeApp();
  officer = (await seeded(app)).admin;
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const bankFile = () => readFileSync(path.join(app.dir, 'questions.json'), 'utf8');

interface Broken {
  line: number;
  reason: string;
  /** what the officer writes into the refused sheet's columns to correct it */
  fix: Record<string, string>;
}

/**
 * 700 good questions in five sections, written in the layouts people use (options one per line,
 * several per line, on the stem's line; answers after 答案/【答案】/正确答案 or in the brackets), and
 * 8 broken ones. `md` adds Markdown's marks on the same lines.
 */
function listBank(md = false): { lines: string[]; broken: Broken[] } {
  const lines: string[] = ['安全生产题库（测试用）', ''];
  const broken: Broken[] = [];
  const h = (t: string) => lines.push(md ? `## ${t}` : t, '');
  const q = (...ls: string[]) => lines.push(...ls.map((l) => (md && /^[A-D][.．、]/.test(l) ? `- ${l}` : l)), '');
  const bad = (reason: string, fix: Record<string, string>, ...ls: string[]) => {
    broken.push({ line: lines.length + 1, reason, fix });
    q(...ls);
  };
  let n = 0;
  h('一、单项选择题（每题1分）');
  for (let i = 1; i <= 300; i++) {
    n += 1;
    const ans = 'ABCD'[i % 4]!;
    if (i % 3 === 0) q(`${n}. 关于设备${i}，首先应当（ ）。`, 'A. 通风', 'B. 进入', 'C. 点火', 'D. 离开', md ? `**答案：${ans}**` : `答案：${ans}`);
    else if (i % 3 === 1) q(`${n}、关于设备${i}，首先应当（ ${ans} ）。 A、通风 B、进入 C、点火 D、离开`);
    else q(`${n}．关于设备${i}，首先应当（ ）`, 'A．通风  B．进入', 'C．点火  D．离开', `【答案】${ans}`, '【解析】先通风、再检测、后作业。');
    if (i === 50) bad('选项 A, C, D 缺少 B', { 选项B: '进入' }, `${++n}. 坏题一：缺了选项 B（ ）`, 'A. 通风', 'C. 点火', 'D. 离开', '答案：A');
    if (i === 100) bad('答案 E 不在选项中', { 答案: 'B' }, `${++n}. 坏题二：答案不在选项中（ ）`, 'A. 通风 B. 进入', '答案：E');
    if (i === 150) bad('答案为空', { 答案: 'A' }, `${++n}. 坏题三：没有答案（ ）`, 'A. 通风 B. 进入');
    if (i === 200) bad('题干为空', { 题干: '坏题四：补上的题干（ ）' }, `${++n}.`, 'A. 通风 B. 进入', '答案：A');
    if (i === 250) bad('答案「检测」既不是选项字母，也不是哪个选项的原文', { 答案: 'A' }, `${++n}. 坏题五：答案是文字（ ）`, 'A. 通风 B. 进入', '答案：检测');
    if (i === 280) bad('单选题只能有一个答案（现为 AB）', { 答案: 'A' }, `${++n}. 坏题六：单选两个答案（ ）`, 'A. 通风 B. 进入', '答案：AB');
  }
  h('二、多项选择题（每题2分）');
  n = 0;
  for (let i = 1; i <= 150; i++) {
    q(`${++n}. 设备${i}的防护措施有（ ）。`, 'A. 隔离 B. 通风 C. 喝茶 D. 检测', '正确答案：ABD');
    if (i === 75) bad('多选题至少要有两个答案（现为 B）', { 答案: 'BD' }, `${++n}. 坏题七：多选一个答案（ ）`, 'A. 隔离 B. 通风 C. 喝茶 D. 检测', '答案：B');
  }
  h('三、判断题');
  n = 0;
  for (let i = 1; i <= 150; i++) {
    if (i % 2 === 0) q(`${++n}. 设备${i}需要定期检查。（√）`);
    else q(`${++n}. 设备${i}可以带病运行。`, '答案：错误');
    if (i === 120) bad('「也许」无法识别为 正确/错误', { 答案: '对' }, `${++n}. 坏题八：判断题答案不明。`, '答案：也许');
  }
  h('四、填空题');
  for (let i = 1; i <= 60; i++) q(`${i}. 设备${i}要先通风、再____、后作业。`, '答案：检测');
  h('五、简答题（每题5分）');
  for (let i = 1; i <= 40; i++) q(`${i}. 说明设备${i}的主要风险。`, '参考答案：泄漏、火灾。');
  return { lines, broken };
}

async function docxOf(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] });
  return Packer.toBuffer(doc);
}

const COUNTS = { single: 300, multiple: 150, truefalse: 150, fill: 60, short: 40 };

describe('question lists from Word, Markdown and text', () => {
  it('each layout previews 700 importable and the 8 refused by number and reason', async () => {
    const plain = listBank();
    const marked = listBank(true);
    const files: { fileName: string; bytes: Buffer; bank: ReturnType<typeof listBank>; numbering: string }[] = [
      { fileName: '题库.txt', bytes: Buffer.from(plain.lines.join('\n')), bank: plain, numbering: 'line' },
      { fileName: '题库-crlf.txt', bytes: Buffer.from(plain.lines.join('\r\n')), bank: plain, numbering: 'line' },
      { fileName: '题库-gbk.txt', bytes: gbk(plain.lines.join('\r\n')), bank: plain, numbering: 'line' },
      { fileName: '题库.md', bytes: Buffer.from(marked.lines.join('\n')), bank: marked, numbering: 'line' },
      { fileName: '题库.docx', bytes: await docxOf(plain.lines), bank: plain, numbering: 'paragraph' },
    ];
    const mismatches: string[] = [];
    for (const f of files) {
      const p = await app.call('bank.importPreview', { fileName: f.fileName, base64: f.bytes.toString('base64') }, officer);
      const want = { ok: false, layout: 'question-list', numbering: f.numbering, total: 700, counts: COUNTS };
      const got = { ok: p.ok, layout: p.layout, numbering: p.numbering, total: p.total, counts: p.counts };
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${f.fileName}: ${JSON.stringify(got)}`);
      const refused = p.errors.map((e) => `${e.row} ${sayIn('zh-CN', e.message)}`);
      const wantRefused = f.bank.broken.map((b) => `${b.line} ${b.reason}`);
      if (JSON.stringify(refused) !== JSON.stringify(wantRefused)) mismatches.push(`${f.fileName}: refused ${JSON.stringify(refused)}\n  expected ${JSON.stringify(wantRefused)}`);
      if (p.refused.length !== 8 || !p.refused.every((r, i) => r.row === f.bank.broken[i]!.line && r.text.includes('坏题') === (i !== 3)))
        mismatches.push(`${f.fileName}: refused texts ${JSON.stringify(p.refused)}`);
    }
    expect(mismatches.join('\n')).toBe('');
  });

  it('imports the 700 only when asked, in one write; the refused sheet, corrected, imports the 8', async () => {
    const { lines, broken } = listBank();
    const up = { fileName: '车间题库.docx', base64: (await docxOf(lines)).toString('base64') };
    await app.call('bank.list', {}, officer);
    const before = bankFile();
    // not asked: the file is refused whole, naming the first refused paragraph
    const refusedWhole = await app.raw('bank.importCommit', { ...up, bank: '车间' }, officer);
    expect(refusedWhole).toMatchObject({ ok: false, status: 400, error: { code: 'bad_input' } });
    if (!refusedWhole.ok) expect(refusedWhole.error.message).toBe(`车间题库.docx 第 ${broken[0]!.line} 行「选项」：选项 A, C, D 缺少 B（另有 7 处错误）`);
    expect(bankFile()).toBe(before);
    expect(await app.call('bank.importCommit', { ...up, bank: '车间', skipRefused: true }, officer)).toEqual({ added: 700, duplicates: 0, refused: 8 });
    const bank = (await app.call('bank.list', {}, officer)).filter((q) => q.bank === '车间');
    expect(bank).toHaveLength(700);
    expect(bank.find((q) => q.stem === '关于设备1，首先应当（ ）。')).toMatchObject({ type: 'single', answer: ['B'], options: ['通风', '进入', '点火', '离开'] });
    expect(bank.find((q) => q.stem === '关于设备2，首先应当（ ）')).toMatchObject({ answer: ['C'], explanation: '先通风、再检测、后作业。' });
    expect(bank.find((q) => q.stem === '设备1的防护措施有（ ）。')).toMatchObject({ type: 'multiple', answer: ['A', 'B', 'D'], score: 2 });
    expect(bank.find((q) => q.stem === '说明设备1的主要风险。')).toMatchObject({ type: 'short', answer: ['泄漏、火灾。'], score: 5 });

    // the refused ones as a sheet: our template's columns, where each was, its text and the reason
    const sheet = await app.call('bank.refusedSheet', up, officer);
    expect(sheet.fileName).toBe('车间题库-未通过的题目.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(sheet.base64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(['题型', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '答案', '解析', '分值', '难度', '分类', '标签', '出处', '位置', '原文', '未通过的原因']);
    expect(ws.actualRowCount).toBe(9);
    const col = (name: string) => header.indexOf(name) + 1;
    const text = (r: number, name: string) => String(ws.getRow(r).getCell(col(name)).value ?? '');
    expect(broken.map((b, i) => [text(i + 2, '位置'), text(i + 2, '未通过的原因')])).toEqual(broken.map((b) => [`第 ${b.line} 段`, b.reason]));
    expect([text(2, '题型'), text(2, '选项A'), text(2, '选项B'), text(2, '选项C'), text(2, '原文')]).toEqual([
      '单选',
      '通风',
      '',
      '点火',
      '51. 坏题一：缺了选项 B（ ）\nA. 通风\nC. 点火\nD. 离开\n答案：A',
    ]);
    // as downloaded, the sheet is refused again for the same reasons
    const asIs = await app.call('bank.importPreview', { fileName: sheet.fileName, base64: sheet.base64 }, officer);
    expect(asIs).toMatchObject({ ok: false, layout: 'template', total: 0 });
    expect(asIs.errors).toHaveLength(8);
    // corrected, each of them imports
    broken.forEach((b, i) => {
      for (const [name, value] of Object.entries(b.fix)) ws.getRow(i + 2).getCell(col(name)).value = value;
    });
    const fixed = { fileName: sheet.fileName, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
    const again = await app.call('bank.importPreview', fixed, officer);
    expect(again.errors.map((e) => `${e.row} ${e.column} ${sayIn('zh-CN', e.message)}`)).toEqual([]);
    expect(again).toMatchObject({ ok: true, total: 8, counts: { single: 6, multiple: 1, truefalse: 1 } });
    expect(await app.call('bank.importCommit', { ...fixed, bank: '车间' }, officer)).toEqual({ added: 8, duplicates: 0, refused: 0 });
    expect((await app.call('bank.list', {}, officer)).filter((q) => q.bank === '车间')).toHaveLength(708);
  });

  it("a spreadsheet's refused rows come back in its own columns, and a file with none refused has no sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('题库');
    ws.addRow(['试题类型', '题目内容', '题目选项', '题目答案']);
    ws.addRow(['单选题', '1.好的题', '**A.甲**B.乙', 'A']);
    ws.addRow(['单选题', '2.坏的题', '**A.甲**B.乙', 'E']);
    const up = { fileName: 'packed.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
    const sheet = await app.call('bank.refusedSheet', up, officer);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(Buffer.from(sheet.base64, 'base64') as unknown as ArrayBuffer);
    const rows = back.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    expect(rows.map((r) => r.slice(1, 10).concat(r.slice(16)))).toEqual([
      ['单选题', '坏的题', '甲', '乙', undefined, undefined, undefined, undefined, 'E', '第 3 行', '单选题 | 2.坏的题 | **A.甲**B.乙 | E', '答案 E 不在选项中'],
    ]);
    const good = { fileName: 'good.txt', base64: Buffer.from('1. 好的题（ ）\nA. 甲 B. 乙\n答案：A\n').toString('base64') };
    const none = await app.raw('bank.refusedSheet', good, officer);
    expect(none).toMatchObject({ ok: false, status: 400 });
    if (!none.ok) expect(none.error.message).toBe('good.txt 中没有未通过的题目');
  });

  it("a Word list numbered by Word itself (1. 2. before the questions, A. B. before each question's options) reads as if typed", async () => {
    const q = (text: string) => new Paragraph({ text, numbering: { reference: 'questions', level: 0 } });
    let instance = 0;
    const opts = (...texts: string[]) => ((instance += 1), texts.map((text) => new Paragraph({ text, numbering: { reference: 'options', level: 0, instance } })));
    const doc = new Document({
      numbering: {
        config: [
          { reference: 'questions', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.' }] },
          { reference: 'options', levels: [{ level: 0, format: LevelFormat.UPPER_LETTER, text: '%1.' }] },
          { reference: 'sections', levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、' }] },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: '单选题', numbering: { reference: 'sections', level: 0 } }),
            q('动火作业前应当（ ）。'),
            ...opts('登记', '气体分析', '拍照'),
            new Paragraph('答案：B'),
            q('受限空间作业的监护人可以（ ）。'),
            ...opts('离开', '坚守'),
            new Paragraph('答案：B'),
            new Paragraph({ text: '判断题', numbering: { reference: 'sections', level: 0 } }),
            q('电气火灾可以直接用水扑灭。'),
            new Paragraph('答案：错'),
            q('说说受限空间作业的三个步骤。'),
          ],
        },
      ],
    });
    const up = { fileName: '自动编号.docx', base64: (await Packer.toBuffer(doc)).toString('base64') };
    const p = await app.call('bank.importPreview', up, officer);
    expect(p.sample.map((x) => [x.type, x.stem, x.options.join('/'), x.answer.join('')])).toEqual([
      ['single', '动火作业前应当（ ）。', '登记/气体分析/拍照', 'B'],
      ['single', '受限空间作业的监护人可以（ ）。', '离开/坚守', 'B'],
      ['truefalse', '电气火灾可以直接用水扑灭。', '', 'F'],
    ]);
    expect(p.errors.map((e) => `${e.row} ${sayIn('zh-CN', e.message)}`)).toEqual(['14 答案为空']);
    expect(p.refused).toEqual([{ row: 14, text: '4. 说说受限空间作业的三个步骤。' }]);
  });

  it('a damaged .docx and a text with no questions in it are refused, saying why; nothing is written', async () => {
    await app.call('bank.list', {}, officer);
    const before = bankFile();
    const broken = await app.raw('bank.importPreview', { fileName: '坏的.docx', base64: Buffer.from('not a zip at all').toString('base64') }, officer);
    expect(broken).toMatchObject({ ok: false, status: 400 });
    if (!broken.ok) expect(broken.error.message).toBe('坏的.docx 不是有效的 Word 文档（.docx）；旧的 .doc 请在 Word 中另存为 .docx');
    const prose = '第一条 为了加强安全生产工作，制定本法。\n\n第二条 在中华人民共和国领域内从事生产经营活动的单位，适用本法。\n';
    const p = await app.call('bank.importPreview', { fileName: '安全生产法.md', base64: Buffer.from(prose).toString('base64') }, officer);
    expect(p).toMatchObject({ ok: false, total: 0, refused: [] });
    expect(p.errors.map((e) => sayIn('en-US', e.message))).toEqual(['the file has no questions']);
    const r = await app.raw('bank.importCommit', { fileName: '安全生产法.md', base64: Buffer.from(prose).toString('base64'), bank: 'x', skipRefused: true }, officer);
    expect(r).toMatchObject({ ok: false, status: 400 });
    expect(bankFile()).toBe(before);
  });
});
