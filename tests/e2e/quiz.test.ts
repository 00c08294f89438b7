// End to end in Debian's Chromium: the officer imports a question bank and builds a paper
// drawn at random by rules; the employee takes it, closes the window mid-way, comes back to the same
// paper with the time left, flags and answers on the whole-paper page, submits; the officer grades the
// short answer by keyboard; the results show pass rates by 班组 and the score sheet downloads.
// Every response the employee's browser receives before submitting is checked for answer keys.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir } from '../helpers/temp-app';
import { enterpriseFolder, loginAt, openPage, randomPaperFromTemplate, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'quiz-e2e-admin';

let server: ServerProcess;
let browser: Browser;
let data: string;
let employeePw = '';

/** a bank the team wrote for this test, in our template layout with 分类 and 难度 */
async function bankXlsx(): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('题库');
  ws.addRow(['题型', '题干', '选项A', '选项B', '选项C', '选项D', '答案', '解析', '分值', '难度', '分类']);
  for (let i = 1; i <= 8; i++)
    ws.addRow([
      '单选',
      `${i <= 4 ? '动火' : '受限空间'}作业第${i}题：哪一项是对的？`,
      `错误说法${i}甲`,
      `正确说法${i}`,
      `错误说法${i}乙`,
      `错误说法${i}丙`,
      'B',
      `第${i}题的解析`,
      1,
      2,
      i <= 4 ? '动火' : '受限空间',
    ]);
  for (let i = 1; i <= 6; i++) ws.addRow(['判断', `判断第${i}题：作业前必须办理作业票。`, '', '', '', '', '正确', '', 1, 1, '通用']);
  ws.addRow(['简答', '结合本岗位，说明一项主要风险和你的防范措施。', '', '', '', '', '能说清风险与措施', '', 10, 3, '通用']);
  ws.addRow(['简答', '说说你从警示教育中得到的教训。', '', '', '', '', '联系本岗位', '', 10, 3, '通用']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  const set = enterpriseFolder({
    prefix: 'anxue-e2e-quiz-',
    enterprise: '考核测试化工（虚构）',
    adminPassword: ADMIN_PW,
    people: [
      ['Q001', '考试员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否'],
      ['Q002', '另一员工', '甲醇车间', '合成二班', '操作工', '其他从业人员', '否'],
    ],
  });
  data = set.data;
  employeePw = set.pw.Q001!;
  server = await startServeProcess(['--data', data, '--port', '0']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
});

const remaining = async (page: Page) => {
  const [m, s] = (await page.getByRole('timer').textContent())!
    .replace(/[^\d:]/g, '')
    .split(':')
    .map(Number);
  return m! * 60 + s!;
};

describe('quiz: bank import, a paper drawn by rules, resume after closing, grading, score sheet', () => {
  let officer: Page;
  let employeeCtx: BrowserContext;
  /** every response body the employee's browser got from quiz calls before submitting */
  const seenBeforeSubmit: Promise<{ url: string; body: string }>[] = [];
  let submitted = false;

  it('the officer imports a bank from Excel: preview, then import', async () => {
    expect(employeePw).toMatch(/^\S{10}$/);
    officer = await openPage(await workstation(browser));
    await loginAt(officer, server.url, 'admin', ADMIN_PW);
    await officer.goto(`${server.url}#/bank`);
    await officer.getByTestId('bank-file').setInputFiles({ name: '车间题库.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await bankXlsx() });
    await officer.getByTestId('bank-preview').waitFor();
    expect(await officer.getByTestId('bank-preview').textContent()).toContain('共 16 题：单选 8，多选 0，判断 6，填空 0，简答 2');
    await officer.getByRole('button', { name: '确认导入' }).click();
    await officer.getByText('已导入 16 题').waitFor();
    // the list can be filtered by 分类, as imported
    await officer.getByLabel('分类').first().selectOption('动火');
    await expect.poll(() => officer.getByTestId('question-list').locator('tbody tr').count()).toBe(4);
  });

  it('the officer builds a paper drawn at random: a rule the bank cannot fill shows, then 100 points', async () => {
    const rule = await randomPaperFromTemplate(officer, server.url, 3);
    // rule 1: single choice about 动火 from the imported bank — asking 5 of the 4 there is shown as short
    await rule(1).getByLabel('题库').selectOption('车间题库');
    await rule(1).getByLabel('分类').selectOption('动火');
    await rule(1).getByLabel('数量').fill('5');
    await expect.poll(() => officer.getByTestId('pool-1').textContent()).toContain('只有 4 题，不够');
    await rule(1).getByLabel('数量').fill('4');
    await rule(1).getByLabel('每题分值').fill('15');
    await rule(2).getByLabel('题型').selectOption('truefalse');
    await rule(2).getByLabel('题库').selectOption('车间题库');
    await rule(2).getByLabel('数量').fill('3');
    await rule(2).getByLabel('每题分值').fill('10');
    await rule(3).getByLabel('题型').selectOption('short');
    await rule(3).getByLabel('题库').selectOption('车间题库');
    await rule(3).getByLabel('数量').fill('1');
    await rule(3).getByLabel('每题分值').fill('10');
    expect(await officer.getByTestId('paper-summary').textContent()).toBe('每份试卷 8 题，满分 100 分');
    await officer.getByLabel('考试时长（分钟）').fill('20');
    await shot(officer, 'quiz-01-rules');
    await officer.getByRole('button', { name: '保存培训计划' }).click();
    await officer.getByText('已保存').first().waitFor();
  });

  it('the employee starts, answers two, flags one, closes the window; reopening resumes the same paper with the time left', async () => {
    employeeCtx = await workstation(browser);
    const page = await openPage(employeeCtx);
    employeeCtx.on('response', (r) => {
      if (!/quiz\./.test(r.url()) || submitted) return;
      seenBeforeSubmit.push(
        r.text().then(
          (body) => ({ url: r.url(), body }),
          () => ({ url: r.url(), body: '' }),
        ),
      );
    });
    await loginAt(page, server.url, 'Q001', employeePw);
    await page.goto(`${server.url}#/quiz`);
    await page.getByRole('button', { name: '开始考试' }).click();
    // starting says first that the clock starts and an attempt is used
    const ask = page.getByTestId('confirm-dialog');
    expect(await ask.textContent()).toMatch(/限时 20 分钟.*立即开始计时.*用掉 1 次考试机会：已考 0 次，共可考 \d+ 次/);
    await ask.getByRole('button', { name: '开始计时' }).click();
    await page.getByTestId('answered').waitFor();
    expect(await page.getByTestId('answered').textContent()).toBe('已答 0 / 8 题');
    const before = await remaining(page);
    expect(before).toBeGreaterThan(19 * 60);
    // one question per screen: answer the first two (whatever they are), flag the second; the
    // answers are saved in the background (debounced): this is the save that holds all of it
    const saved = page.waitForResponse((r) => {
      if (!/quiz\.save/.test(r.url()) || !r.ok()) return false;
      const body = JSON.parse(r.request().postData() ?? '{}') as { answers?: object; flags?: string[] };
      return Object.keys(body.answers ?? {}).length === 2 && (body.flags ?? []).length === 1;
    });
    const stems: string[] = [];
    for (let i = 0; i < 2; i++) {
      const legend = (await page.locator('fieldset.question legend').textContent())!;
      stems.push(legend);
      // whatever it is: the first option, or a few words in the answer box
      if ((await page.locator('fieldset.question textarea').count()) > 0) await page.getByLabel('您的答案').fill('先写一句，稍后再改。');
      else await page.locator('fieldset.question label.option').first().click();
      if (i === 1) await page.getByTestId('flag-2').click();
      else await page.getByRole('button', { name: '下一题' }).click();
    }
    await page.getByText('1 题待检查').waitFor();
    await saved;
    await page.close();
    // a few seconds later, a new window (a new session: the token lived in the closed window)
    await new Promise((r) => setTimeout(r, 2500));
    const again = await openPage(employeeCtx);
    await loginAt(again, server.url, 'Q001', employeePw);
    await again.goto(`${server.url}#/quiz`);
    await again.getByRole('button', { name: '继续考试' }).click();
    await again.getByTestId('answered').waitFor();
    expect(await again.getByTestId('answered').textContent()).toBe('已答 2 / 8 题 · 1 题待检查');
    expect((await again.locator('fieldset.question legend').textContent())!).toBe(stems[0]);
    const after = await remaining(again);
    expect(after).toBeLessThan(before - 2);
    expect(after).toBeGreaterThan(before - 60);
    // the whole paper on one page: answer everything else
    await again.getByRole('button', { name: '整卷显示' }).click();
    const items = again.locator('.quiz-item');
    expect(await items.count()).toBe(8);
    for (let i = 0; i < 8; i++) {
      const item = items.nth(i);
      const text = (await item.textContent())!;
      if (text.includes('简答')) await item.getByLabel('您的答案').fill('主要风险是动火时可燃气体积聚，我会先做气体分析并全程监护。');
      else if (text.includes('判断')) await item.getByText('正确', { exact: true }).click();
      else await item.locator('label.option', { hasText: '正确说法' }).click();
    }
    await expect.poll(() => again.getByTestId('answered').textContent()).toBe('已答 8 / 8 题 · 1 题待检查');
    await shot(again, 'quiz-02-whole-paper');
    // nothing the employee received so far holds a key or an explanation
    const seen = await Promise.all(seenBeforeSubmit);
    // the paper twice (start, resume) and the saves: each one checked
    expect(seen.filter((x) => /quiz\.start/.test(x.url)).length).toBeGreaterThanOrEqual(2);
    expect(seen.filter((x) => /quiz\.start/.test(x.url)).every((x) => x.body.includes('正确说法'))).toBe(true);
    for (const { body } of seen) expect(body).not.toMatch(/"answer"|"explanation"|解析|能说清风险/);
    submitted = true;
    await again.getByRole('button', { name: '交卷' }).click();
    await again.getByTestId('confirm-dialog').getByRole('button', { name: '确认交卷' }).click();
    await again.getByTestId('quiz-score').waitFor();
    // the single and true/false answers were all right: 4 × 15 + 3 × 10 = 90; the short answer waits,
    // so only the objective points are shown, and no verdict
    expect(await again.getByTestId('quiz-score').textContent()).toBe('客观题 90 分，简答题待阅卷');
    expect(await again.getByTestId('quiz-result').textContent()).toContain('阅卷后显示总分和是否合格');
    expect(await again.locator('main').textContent()).not.toMatch(/不合格|合格（及格线/);
  });

  it('the officer grades the short answer by keyboard (Enter saves), then the results and the score sheet', async () => {
    await officer.goto(`${server.url}#/grading`);
    const card = officer.getByTestId('answer-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('动火时可燃气体积聚');
    const score = card.locator('input[type=number]');
    await score.focus();
    await score.fill('8');
    await officer.keyboard.press('Enter');
    await card.waitFor({ state: 'detached' });
    await officer.goto(`${server.url}#/results`);
    await expect.poll(() => officer.getByTestId('paper-stats').textContent()).toContain('1 人交卷');
    const teams = officer.getByTestId('pass-by-team');
    expect(await teams.textContent()).toContain('合成一班');
    const row = officer.getByTestId('results-people').locator('tr', { hasText: 'Q001' });
    expect(await row.textContent()).toContain('98 / 100');
    expect(await row.textContent()).toContain('合格');
    await shot(officer, 'quiz-03-results');
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('button', { name: '导出成绩单（Excel）' }).click()]);
    const file = path.join(data, 'score-sheet.xlsx');
    await download.saveAs(file);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('成绩单')!;
    const header = ws.getRow(3).values as unknown[];
    let found: unknown[] | null = null;
    ws.eachRow((r) => {
      if (r.getCell(2).value === 'Q001') found = r.values as unknown[];
    });
    expect(found).not.toBeNull();
    const cell = (name: string) => found![header.indexOf(name)];
    expect(cell('得分')).toBe(98);
    expect(cell('结果')).toBe('合格');
    expect(cell('阅卷人')).toBe('admin');
    expect(header).toContain('本人签字');
  });

  it('a GIFT file with a question whose braces do not balance: the refused line and the good questions are shown; the officer imports the good ones only', async () => {
    await officer.goto(`${server.url}#/bank`);
    const gift = ['::Q1:: 动火作业前要做什么？ {', '=气体分析', '~错', '::Q2:: {{{{ }}', '', '::Q3:: 监护人可以离开作业现场。 {F}', '', '::Q4:: 受限空间作业前首先应当？ {=通风 ~直接进入}', ''].join(
      '\n',
    );
    await officer.getByTestId('bank-file').setInputFiles({ name: '有错的题.gift', mimeType: 'text/plain', buffer: Buffer.from(gift) });
    await officer.getByTestId('bank-refused').waitFor();
    expect(await officer.getByTestId('bank-refused').textContent()).toContain('第 4 行「GIFT」：答案块里又出现了「{」');
    expect(await officer.getByTestId('bank-preview').textContent()).toContain('共 2 题');
    expect(await officer.getByTestId('bank-preview').textContent()).not.toContain('::Q2::');
    await shot(officer, 'bank-refused-gift');
    await officer.getByRole('button', { name: '导入 2 道可导入的题目' }).click();
    await officer.getByText('已导入 2 题，跳过重复 0 题，跳过有错误的 1 题。').waitFor();
  });

  it('a Word question list with refused questions: each named by its paragraph and reason, the refused ones download as a sheet, the good ones import', async () => {
    const { Document, Packer, Paragraph, TextRun } = await import('docx');
    const lines = [
      '一、单项选择题（每题2分）',
      '1. 动火作业前应当进行（ ）。',
      'A. 登记 B. 气体分析 C. 拍照',
      '答案：B',
      '2. 受限空间作业的监护人可以（ ）。',
      'A. 离开 C. 坚守',
      '答案：C',
      '3. 高处作业是指坠落高度基准面（ ）及以上。',
      'A. 2米 B. 5米',
      '答案：E',
      '二、判断题',
      '4. 动火作业前必须进行气体分析。（√）',
      '5. 电气火灾可以直接用水扑灭。',
    ];
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: lines.map((l) => new Paragraph({ children: [new TextRun(l)] })) }] }));
    await officer.getByTestId('bank-file').setInputFiles({ name: '班组题库.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await officer.getByTestId('bank-refused').waitFor();
    const refused = await officer.getByTestId('bank-refused').textContent();
    for (const said of ['第 5 段「选项」：选项 A, C 缺少 B', '第 8 段「答案」：答案 E 不在选项中', '第 13 段「答案」：答案为空']) expect(refused).toContain(said);
    expect(await officer.getByTestId('bank-preview').textContent()).toContain('共 2 题：单选 1，多选 0，判断 1');
    await shot(officer, 'bank-refused-docx');
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByTestId('bank-refused-sheet').click()]);
    expect(download.suggestedFilename()).toBe('班组题库-未通过的题目.xlsx');
    await officer.getByRole('button', { name: '导入 2 道可导入的题目' }).click();
    await officer.getByText('已导入 2 题，跳过重复 0 题，跳过有错误的 3 题。').waitFor();
  });
});
