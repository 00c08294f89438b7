// End to end in Debian's Chromium: an employee practises ten questions of 《安全生产法》,
// misses two on purpose, finds them in the 错题本; with the server's test clock running fast they come
// due the next day and are reviewed; the practice time shows as self-study; the officer's weak-spot
// view names the clauses missed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { removeDir } from '../helpers/temp-app';
import { campaignFromTemplate, enterpriseFolder, loginAt, openPage, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'practice-e2e-admin';
/** the server's clock runs this many times faster: a day passes in under a minute and a half */
const SPEED = 1000;

interface BankQ {
  id: string;
  type: string;
  stem: string;
  options: string[];
  answer: string[];
  cite: { clause: string };
}
const BANK: BankQ[] = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../content/question-banks/work-safety-law.json'), 'utf8')).questions;

let server: ServerProcess;
let browser: Browser;
let data: string;
let pw = '';

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  const set = enterpriseFolder({
    prefix: 'anxue-e2e-practice-',
    enterprise: '练习测试化工（虚构）',
    adminPassword: ADMIN_PW,
    people: [['P001', '练习员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否']],
  });
  data = set.data;
  pw = set.pw.P001!;
  server = await startServeProcess(['--data', data, '--port', '0', '--test-clock-speed', String(SPEED)], { ANXUE_ALLOW_TEST_CLOCK: '1' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
});

/** The question on screen, found in the bundled bank by its stem. */
async function current(page: Page): Promise<BankQ> {
  const legend = (await page.locator('fieldset.question legend').textContent())!;
  const q = BANK.find((b) => legend.includes(b.stem));
  if (!q) throw new Error(`not a question of the bank: ${legend}`);
  return q;
}

/** Gives the answer on screen: the right one, or a wrong one. */
async function answer(page: Page, q: BankQ, right: boolean): Promise<void> {
  if (q.type === 'truefalse') {
    const v = right ? q.answer[0] : q.answer[0] === 'T' ? 'F' : 'T';
    await page.getByLabel(v === 'T' ? '正确' : '错误', { exact: true }).check();
  } else if (q.type === 'fill') {
    await page.getByLabel('您的答案').fill(right ? q.answer[0]! : '不知道');
  } else {
    const letters = q.options.map((_, i) => String.fromCharCode(65 + i));
    const pick = right ? q.answer : [letters.find((l) => !q.answer.includes(l))!];
    for (const l of pick) await page.getByLabel(`${l}. ${q.options[l.charCodeAt(0) - 65]}`, { exact: true }).check();
  }
  await page.getByRole('button', { name: '提交答案' }).click();
  await page.getByTestId('practice-feedback').waitFor();
}

describe('practice and the wrong-answer book', () => {
  let employee: Page;
  const missed: BankQ[] = [];

  it('the officer creates the warning-month campaign (attention checks off: the test clock runs fast)', async () => {
    const officer = await openPage(await workstation(browser));
    await loginAt(officer, server.url, 'admin', ADMIN_PW);
    await campaignFromTemplate(officer, server.url);
    // the server's clock runs 1000× fast: attention checks would come every fraction of a second
    await officer.goto(`${server.url}#/settings`);
    await officer.getByLabel(/^启用防挂机验证/).uncheck();
    await officer.getByRole('button', { name: '保存' }).click();
    await officer.getByText('已保存').waitFor();
    await officer.close();
  });

  it('the employee practises ten questions of 《安全生产法》 and misses two: right answer, 解析 and the clause are shown', async () => {
    employee = await openPage(await workstation(browser));
    await loginAt(employee, server.url, 'P001', pw);
    await employee.goto(`${server.url}#/practice`);
    await employee.getByRole('button', { name: /中华人民共和国安全生产法/ }).click();
    await employee.getByText('第 1 题，共 10 题').waitFor();
    for (let i = 0; i < 10; i++) {
      const q = await current(employee);
      await answer(employee, q, i >= 2);
      const fb = employee.getByTestId('practice-feedback');
      if (i < 2) {
        missed.push(q);
        await expect.poll(() => fb.textContent()).toContain('回答错误');
        await expect.poll(() => fb.textContent()).toContain('已放进错题本');
      } else await expect.poll(() => fb.textContent()).toContain('回答正确');
      expect(await fb.textContent()).toContain('正确答案：');
      expect(await fb.textContent()).toContain(q.cite.clause.replace(/第.+款$/, '').slice(0, 4));
      if (i === 0) await shot(employee, 'practice-feedback');
      await employee.getByRole('button', { name: i < 9 ? '下一题' : '看结果' }).click();
    }
    await expect.poll(() => employee.getByTestId('practice-done').textContent()).toContain('答对 8 道');
  });

  it('the two are in the 错题本, not yet due; the next day (server clock) they are due and come back', async () => {
    await employee.getByTestId('practice-done').getByRole('button', { name: '返回练习' }).click();
    await expect.poll(() => employee.getByTestId('book-summary').textContent()).toContain('错题本里有 2 道题，其中 0 道今天该复习');
    await employee.getByRole('button', { name: '查看错题本' }).click();
    for (const q of missed) await expect.poll(() => employee.getByTestId('book-list').textContent()).toContain(q.stem);
    await shot(employee, 'practice-book');
    // a day on the server's fast clock is 86.4 s
    await expect
      .poll(
        async () => {
          await employee.reload();
          return employee.getByTestId('book-summary').textContent();
        },
        { timeout: 600_000, interval: 5_000 },
      )
      .toContain('其中 2 道今天该复习');
    await employee.getByRole('button', { name: '复习到期的错题（2 道）' }).click();
    for (let i = 0; i < 2; i++) {
      const q = await current(employee);
      expect(missed.map((m) => m.id)).toContain(q.id);
      await answer(employee, q, true);
      await expect.poll(() => employee.getByTestId('practice-feedback').textContent()).toContain('已在 1 天答对');
      await employee.getByRole('button', { name: i < 1 ? '下一题' : '看结果' }).click();
    }
    await expect.poll(() => employee.getByTestId('practice-done').textContent()).toContain('答对 2 道');
  });

  it('the practice time shows as self-study on the home page', async () => {
    // at 1000× a heartbeat spans more server time than one beat may credit, so nothing would count:
    // the same data folder is served again at 60× (one real second is a server minute)
    await server.stop();
    server = await startServeProcess(['--data', data, '--port', '0', '--test-clock-speed', '60'], { ANXUE_ALLOW_TEST_CLOCK: '1' });
    employee = await openPage(await workstation(browser));
    await loginAt(employee, server.url, 'P001', pw);
    await employee.goto(`${server.url}#/practice`);
    await employee.bringToFront();
    await employee.getByRole('button', { name: /^随机抽 \d+ 道题$/ }).click();
    await employee.getByTestId('study-status').waitFor();
    // time counts while the person is at it (the idle rule of reading): ten real seconds of activity
    for (let i = 0; i < 100; i++) {
      await employee.mouse.move(200 + (i % 10) * 20, 300 + (i % 7) * 10);
      await employee.waitForTimeout(100);
    }
    await employee.goto(`${server.url}#/study`);
    await expect.poll(() => employee.getByTestId('breakdown').textContent()).toMatch(/自学 (?!0 学时)[\d.]+ 学时/);
  });

  it('“查看条文” opens the clause in the study guide, lit', async () => {
    await employee.goto(`${server.url}#/practice`);
    await employee.reload();
    await employee.getByRole('button', { name: /中华人民共和国安全生产法/ }).click();
    const q = await current(employee);
    await answer(employee, q, true);
    await employee.getByRole('button', { name: '查看条文' }).click();
    await employee.locator('[data-search-hit="first"]').waitFor();
    expect(await employee.locator('[data-search-hit="first"]').textContent()).toContain(/^第.+?条/.exec(q.cite.clause)![0]);
    await shot(employee, 'practice-clause');
  });

  it('the officer’s weak-spot view names the clauses missed', async () => {
    const officer = await openPage(await workstation(browser));
    await loginAt(officer, server.url, 'admin', ADMIN_PW);
    await officer.goto(`${server.url}#/results`);
    const table = officer.getByTestId('weak-spots');
    for (const q of missed) await expect.poll(() => table.textContent()).toContain(q.cite.clause);
    expect(await table.textContent()).toContain('中华人民共和国安全生产法');
    await shot(officer, 'practice-weak-spots');
  });
});
