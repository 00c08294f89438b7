// End to end in Debian's Chromium at 1366×768: a new campaign starts from the chooser — four kinds,
// a start that is today unless changed; a day before today is refused with the backend's words
// until the officer ticks "start in the past".
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAt, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

/** a day on this machine's calendar, as the browser's date field writes it */
const todayIso = (now = new Date()) => `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

const ADMIN_PW = 'template-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-template-',
  enterprise: '模板测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [['T001', '模板员工', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否']],
});

describe('the template chooser', () => {
  let officer: Page;
  const startInput = () => officer.getByTestId('template-start').locator('input[type=date]');

  it('shows the four kinds, each saying what it is, and a start of today', async () => {
    officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await officer.goto(`${e.server.url}#/campaign`);
    for (const k of ['warning', 'induction', 'refresher', 'team']) await officer.getByTestId(`template-${k}`).waitFor();
    expect(await startInput().inputValue()).toBe(todayIso());
    expect(await officer.getByTestId('template-induction').textContent()).toContain('公司级、车间级、班组级');
    await shot(officer, 'template-01-chooser');
  });

  it('a day in the past is refused until it is ticked; then the warning month starts that day', async () => {
    await startInput().fill('2024-09-01');
    await officer.getByTestId('template-warning').click();
    await officer
      .getByRole('alert')
      .getByText(/早于今天/)
      .waitFor();
    await shot(officer, 'template-02-past-refused');
    await officer.getByLabel(/^从过去的日期开始/).check();
    await officer.getByTestId('template-warning').click();
    await expect.poll(() => officer.getByLabel('名称', { exact: true }).inputValue()).toBe('2024年“危险化学品生产安全事故警示月”安全专项整治');
    expect(await officer.locator('form input[type=date]').first().inputValue()).toBe('2024-09-01');
  });

  it('saved, the campaign offers a new one; a month of team activities from today then starts beside it', async () => {
    await officer.getByRole('button', { name: '保存培训计划' }).click();
    await officer.getByText('已保存').first().waitFor();
    await officer.goto(`${e.server.url}#/campaign`);
    await officer.getByRole('link', { name: '新建培训计划' }).waitFor();
    await officer.evaluate(() => window.scrollTo(0, 0));
    await shot(officer, 'template-03-existing-offers-new');
    await officer.getByRole('link', { name: '新建培训计划' }).click();
    await officer.getByTestId('template-team').click();
    await expect.poll(() => officer.getByLabel('名称', { exact: true }).inputValue()).toContain('班组安全活动');
    // today as the enterprise counts it (UTC+8), which near midnight may not be this machine's
    const start = await officer.locator('form input[type=date]').first().inputValue();
    expect([todayIso(), todayIso(new Date(Date.now() + 86_400_000))]).toContain(start);
    expect(await officer.getByLabel('名称', { exact: true }).inputValue()).toBe(`${start.slice(0, 4)}年${Number(start.slice(5, 7))}月班组安全活动`);
    await shot(officer, 'template-04-team');
  });

  it('an induction shows the hours of its three levels against its target; saved, it is the campaign the pages work on', async () => {
    await officer.goto(`${e.server.url}#/campaign`);
    await officer.getByRole('link', { name: '新建培训计划' }).click();
    await officer.getByTestId('template-induction').click();
    const hours = officer.getByTestId('induction-hours');
    await hours.waitFor();
    expect(await hours.locator('input').evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).value))).toEqual(['24', '24', '24']);
    expect(await officer.getByTestId('induction-total').textContent()).toBe('三级合计 72 学时，与要求学时一致。');
    await hours.getByLabel('公司级').fill('30');
    expect(await officer.getByTestId('induction-total').textContent()).toBe('三级合计 78 学时，与上面的要求学时 72 不一致，请核对。');
    await hours.getByLabel('公司级').fill('24');
    await shot(officer, 'template-05-induction-hours');
    await officer.getByRole('button', { name: '保存培训计划' }).click();
    await officer.getByText('已保存').first().waitFor();
    // the picker now names the induction just made
    await expect.poll(() => officer.getByTestId('campaign-bar').textContent()).toContain('三级安全教育');
  });
});
