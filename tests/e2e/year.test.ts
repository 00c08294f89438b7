// End to end in Debian's Chromium: the officer opens 年度培训, sees each person's 学时 of the year
// against their category's requirement, keeps only those short of it, looks at last year, and
// downloads the 年度学时台账.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchChromium } from '../helpers/browser';
import { enterpriseFolder, loginAt, menu, openPage, shot, workstation } from '../helpers/e2e';
import { startServeProcess, type ServerProcess } from '../helpers/server-process';
import { makeApp, removeDir } from '../helpers/temp-app';

const ADMIN_PW = 'year-e2e-admin';
// the plant's year (Beijing time), as the server reckons "this year"
const Y = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();

let server: ServerProcess;
let browser: Browser;
let data: string;

/**
 * The year's records made through the calls before the server starts: a campaign this year and one
 * last year, and collective sessions (what an officer enters on 集中学习): Y001 16 hours this year,
 * Y002 an hour and a half this year and 45 minutes last year, Y003 nothing.
 */
async function seedYear(dir: string) {
  const app = makeApp(dir);
  app.clock.t = Date.now();
  try {
    const admin = (await app.call('auth.login', { employeeNo: 'admin', password: ADMIN_PW })).token;
    // the notice's own dates (2024), moved to the years the test needs
    const template = await app.call('campaign.template', { kind: 'warning', start: '2024-09-01', past: true }, admin);
    const at = (year: number) => JSON.parse(JSON.stringify(template).replaceAll('2024-', `${year}-`)) as typeof template;
    const now = await app.call('campaign.save', { ...at(Y), name: `${Y}年警示月` }, admin);
    const last = await app.call('campaign.save', { ...at(Y - 1), name: `${Y - 1}年再培训`, kind: 'refresher' }, admin);
    const lecture = async (campaignId: string, date: string, minutes: number, who: string[]) => {
      const v = await app.call('collective.save', { campaignId, type: 'lecture', topic: `事故案例宣讲 ${date}`, date, start: '08:30', durationMinutes: minutes, place: '', host: '' }, admin);
      await app.call('collective.attendance', { sessionId: v.id, employeeNos: who }, admin);
    };
    await lecture(now.id, `${Y}-09-07`, 480, ['Y001']);
    await lecture(now.id, `${Y}-09-08`, 480, ['Y001']);
    await lecture(now.id, `${Y}-09-09`, 90, ['Y002']);
    await lecture(last.id, `${Y - 1}-09-09`, 45, ['Y002']);
  } finally {
    app.ports.runtime.stopTimers();
    await app.ports.store.close();
  }
}

beforeAll(async () => {
  if (!chromiumAvailable()) throw new Error('Debian Chromium is not installed at /usr/bin/chromium: .ci/run installs it (apt-get install chromium)');
  const set = enterpriseFolder({
    prefix: 'anxue-e2e-year-',
    enterprise: '年度测试化工（虚构）',
    adminPassword: ADMIN_PW,
    people: [
      ['Y001', '年度甲', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否'],
      ['Y002', '年度乙', '甲醇车间', '合成二班', '电工', '特种作业人员', '否'],
      ['Y003', '年度丙', '公司领导', '', '总经理', '主要负责人', '是'],
    ],
  });
  data = set.data;
  await seedYear(data);
  server = await startServeProcess(['--data', data, '--port', '0']);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (data) removeDir(data);
});

describe("the year's training", () => {
  let officer: Page;
  const row = (no: string) => officer.getByTestId(`year-row-${no}`);

  it('the officer opens 年度培训 from the menu and sees each person’s 学时 of this year against the requirement', async () => {
    officer = await openPage(await workstation(browser));
    await loginAt(officer, server.url, 'admin', ADMIN_PW);
    await menu(officer, '年度培训');
    await officer.getByRole('heading', { name: '年度培训' }).waitFor();
    // this year first among the years, and chosen
    const years = officer.getByRole('group', { name: '年度' }).getByRole('button');
    expect(await years.allTextContents()).toEqual([`${Y} 年`, `${Y - 1} 年`]);
    expect(await years.first().getAttribute('aria-pressed')).toBe('true');
    // Y001: 960 minutes / 45 = 21.3 against 20; Y002: 90 minutes = 2 against 20
    await expect.poll(() => row('Y001').getByTestId('year-credit').textContent()).toBe('21.3');
    expect(await row('Y001').getByTestId('year-status').textContent()).toBe('✓ 达标');
    expect(await row('Y002').getByTestId('year-credit').textContent()).toBe('2');
    expect(await row('Y002').getByTestId('year-status').textContent()).toBe('✗ 未达标，差 18 学时');
    expect(await row('Y003').getByTestId('year-status').textContent()).toBe('✗ 未达标，差 16 学时');
    expect(await officer.getByTestId('year-counts').textContent()).toContain('✓ 1');
    expect(await officer.getByTestId('year-source').textContent()).toContain('以正式文本为准');
    await shot(officer, 'year-01-this-year');
    // the totals by department: the methanol workshop has one of two short, on average (21.3 + 2) / 2
    await officer.getByTestId('year-groups').scrollIntoViewIfNeeded();
    const methanol = officer.getByTestId('year-groups').getByRole('row', { name: /甲醇车间/ });
    expect(await methanol.locator('td').allTextContents()).toEqual(['甲醇车间', '2', '✓ 1', '✗ 1', '11.7']);
    await shot(officer, 'year-01b-totals');
  });

  it('keeps only those short of it, the most short first', async () => {
    await officer.getByLabel('只看未达标').check();
    const rows = officer.getByTestId('year-table').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.locator('td:first-child').allTextContents()).toEqual(['Y002', 'Y003']);
    await shot(officer, 'year-02-only-short');
  });

  it('exports the 年度学时台账 with the figures of the screen', async () => {
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByTestId('year-export').click()]);
    expect(download.suggestedFilename()).toBe(`年度学时台账-${Y}.xlsx`);
    await officer.getByText(`已导出：年度学时台账-${Y}.xlsx`).waitFor();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('年度学时台账')!;
    expect(String(ws.getCell('A1').value)).toBe(`年度测试化工（虚构） ${Y} 年度学时台账`);
    const figures: Record<string, unknown[]> = {};
    ws.eachRow((r, n) => n > 3 && (figures[String(r.getCell(1).value)] = [r.getCell(6).value, r.getCell(7).value, r.getCell(10).value]));
    expect(figures).toEqual({ Y001: [21.3, 20, 0], Y002: [2, 20, 18], Y003: [0, 16, 16] });
  });

  it('last year shows last year’s hours', async () => {
    await officer.getByRole('button', { name: `${Y - 1} 年` }).click();
    await expect.poll(() => row('Y002').getByTestId('year-credit').textContent()).toBe('1');
    await shot(officer, 'year-03-last-year');
  });

  it('reads the same in English', async () => {
    await officer.getByRole('button', { name: 'English' }).click();
    await officer.getByRole('heading', { name: "Year's training" }).waitFor();
    expect(await row('Y002').getByTestId('year-status').textContent()).toBe('✗ short by 19');
    await shot(officer, 'year-04-english');
  });
});
