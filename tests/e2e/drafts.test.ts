// End to end in Debian's Chromium: the officer imports 安全生产法 (from ../shared/corpus) as the
// official text of its document, drafts questions from it, edits one, deletes one, accepts the rest
// into a bank; a paper drawn from that bank is what the employee then gets.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftQuestions } from '../../electron/core/question-draft';
import { markdownBlocks } from '../../electron/main/services/corpus/text-extract';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { ROOT } from '../helpers/cli';
import { enterpriseFolder, loginAt, openPage, randomPaperFromTemplate, shot, workstation } from '../helpers/e2e';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir } from '../helpers/temp-app';

const ADMIN_PW = 'drafts-e2e-admin';
const LAW = path.resolve(ROOT, '../shared/corpus/安全生产法.md');
const haveLaw = existsSync(LAW);
if (!haveLaw) console.log(`[drafts e2e] ${LAW} is absent: drafting from the official text is not tried`);

let server: ServerProcess;
let browser: Browser;
let data: string;
let employeePw = '';
const EDITED = '（本题已由安全管理人员修改）';

beforeAll(async () => {
  if (!haveLaw) return;
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  const set = enterpriseFolder({
    prefix: 'anxue-e2e-drafts-',
    enterprise: '出题测试化工（虚构）',
    adminPassword: ADMIN_PW,
    people: [['D001', '考试员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否']],
  });
  data = set.data;
  employeePw = set.pw.D001!;
  server = await startServeProcess(['--data', data, '--port', '0']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
});

describe.runIf(haveLaw)('questions drafted from an official text, reviewed, into a bank, onto a paper', () => {
  let officer: Page;
  let accepted = 0;
  // what the server drafts is this pure function of the text: the stems a paper may show
  const drafts = draftQuestions({ docId: 'work-safety-law', title: '中华人民共和国安全生产法', paragraphs: markdownBlocks(readFileSync(LAW, 'utf8')).map((b) => b.text) });

  it('the officer imports 安全生产法 as the official text of its document', async () => {
    officer = await openPage(await workstation(browser));
    await loginAt(officer, server.url, 'admin', ADMIN_PW);
    await officer.goto(`${server.url}#/documents`);
    await officer.getByTestId('import-work-safety-law').click();
    await officer.getByTestId('import-file').setInputFiles({ name: '安全生产法.md', mimeType: 'text/markdown', buffer: readFileSync(LAW) });
    await officer.getByTestId('import-preview').waitFor();
    await officer.getByRole('button', { name: '确认导入' }).click();
    await officer.getByText(/已导入：安全生产法\.md/).waitFor();
  });

  it('drafts from it, edits one, deletes one, and accepts the rest into a bank', async () => {
    await officer.goto(`${server.url}#/bank`);
    await officer.getByTestId('open-drafts').click();
    await officer.getByTestId('drafts-doc').selectOption('work-safety-law');
    const summary = officer.getByTestId('drafts-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(`《安全生产法》（安全生产法.md）：起草 ${drafts.length} 题`);
    const items = officer.getByTestId('draft');
    await expect.poll(() => items.count()).toBe(drafts.length);
    // every draft is checked at first, shows where it comes from and the sentence it quotes
    expect(await officer.locator('[data-testid=draft] input[type=checkbox]:checked').count()).toBe(drafts.length);
    expect(await items.first().textContent()).toContain(drafts[0]!.question.source);
    expect(await items.first().textContent()).toContain(`原文：「${drafts[0]!.quote}」`);
    await shot(officer, 'drafts-01-list');

    // the single choices of one article: the answer is marked among the options
    await officer.getByLabel('题型').selectOption('single');
    await officer.getByLabel('条款').selectOption('第一百一十四条');
    await expect.poll(() => items.count()).toBe(drafts.filter((d) => d.question.type === 'single' && d.unit === '第一百一十四条').length);
    expect(await items.first().locator('.right-answer').count()).toBe(1);
    await shot(officer, 'drafts-02-filtered');
    await officer.getByLabel('题型').selectOption('');
    await officer.getByLabel('条款').selectOption('');

    // edit the first: its stem, kept in the list as edited
    await items.first().getByRole('button', { name: '修改' }).click();
    const editor = officer.getByTestId('question-editor');
    const stem = editor.getByLabel('题干');
    await stem.fill(`${await stem.inputValue()}${EDITED}`);
    await shot(officer, 'drafts-03-edit');
    await editor.getByRole('button', { name: '保留修改' }).click();
    await expect.poll(() => items.first().textContent()).toContain(EDITED);
    expect(await items.first().textContent()).toContain('已修改');
    // delete the second
    const second = (await items.nth(1).locator('.draft-stem').textContent())!;
    await items.nth(1).getByRole('button', { name: '删除' }).click();
    await expect.poll(() => items.count()).toBe(drafts.length - 1);
    expect(await officer.getByTestId('draft-list').textContent()).not.toContain(second);
    expect(await summary.textContent()).toContain('已删除 1 题');

    accepted = drafts.length - 1;
    expect(await officer.getByTestId('drafts-bank').inputValue()).toBe('安全生产法');
    await officer.getByTestId('drafts-accept').click();
    const done = officer.getByTestId('drafts-done');
    await done.waitFor();
    expect(await done.textContent()).toContain(`已加入题库「安全生产法」${accepted} 题，跳过题库中已有的 0 题。`);
    // now they are in the bank: shown so, and none is checked to be added again
    expect(await summary.textContent()).toContain(`题库中已有 ${accepted} 题`);
    expect(await officer.locator('[data-testid=draft] input[type=checkbox]:checked').count()).toBe(0);
    await shot(officer, 'drafts-04-done');
  });

  it('a paper drawn from that bank is what the employee gets', async () => {
    const rule = await randomPaperFromTemplate(officer, server.url, 2);
    await rule(1).getByLabel('题型').selectOption('single');
    await rule(1).getByLabel('题库').selectOption('安全生产法');
    await rule(1).getByLabel('数量').fill('5');
    await rule(1).getByLabel('每题分值').fill('10');
    await rule(2).getByLabel('题型').selectOption('truefalse');
    await rule(2).getByLabel('题库').selectOption('安全生产法');
    await rule(2).getByLabel('数量').fill('10');
    await rule(2).getByLabel('每题分值').fill('5');
    expect(await officer.getByTestId('paper-summary').textContent()).toBe('每份试卷 15 题，满分 100 分');
    await officer.getByRole('button', { name: '保存培训计划' }).click();
    await officer.getByText('已保存').first().waitFor();

    const page = await openPage(await workstation(browser));
    await loginAt(page, server.url, 'D001', employeePw);
    await page.goto(`${server.url}#/quiz`);
    await page.getByRole('button', { name: '开始考试' }).click();
    await page.getByTestId('confirm-dialog').getByRole('button', { name: '开始计时' }).click();
    await page.getByTestId('answered').waitFor();
    await page.getByRole('button', { name: '整卷显示' }).click();
    const items = page.locator('.quiz-item');
    await expect.poll(() => items.count()).toBe(15);
    const stems = drafts.map((d, i) => (i === 0 ? `${d.question.stem}${EDITED}` : d.question.stem));
    const notFromBank: string[] = [];
    for (const text of await items.allTextContents()) if (!stems.some((s) => text.includes(s))) notFromBank.push(text.slice(0, 60));
    expect(notFromBank).toEqual([]);
    await shot(page, 'drafts-05-paper');
  });
});
