// End to end in Debian's Chromium, at 1366×768: the roster shows each person's 入职日期 as a day
// (or 未填); 修改 opens the browser's date picker in the cell, and the cell says what was saved.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HEADER } from '../helpers/fixtures';
import { loginAt, menu, openPage, servedEnterprise, shot, warningMonth2024, workstation } from '../helpers/e2e';

const ADMIN_PW = 'hired-on-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-hired-',
  enterprise: '入职日期测试化工（虚构）',
  adminPassword: ADMIN_PW,
  header: [...HEADER, '入职日期'],
  people: [
    ['A001', '老员工甲', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否', '2015/3/1'],
    ['A002', '老员工乙', '储运车间', '罐区班', '班长', '特种作业人员', '否', ''],
    ['N001', '新员工丙', '储运车间', '罐区班', '操作工', '其他从业人员', '否', '2026年12月1日'],
  ],
});

describe('入职日期 on the roster screen', () => {
  let officer: Page;

  it('the list shows each date in Chinese, and 未填 where the file had none', async () => {
    officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await menu(officer, '花名册');
    const row = (name: string) => officer.getByRole('row').filter({ hasText: name });
    await row('老员工甲').waitFor();
    expect(await row('老员工甲').getByTestId('hired-on').textContent()).toContain('2015年3月1日');
    expect(await row('老员工乙').getByTestId('hired-on').textContent()).toContain('未填');
    expect(await row('新员工丙').getByTestId('hired-on').textContent()).toContain('2026年12月1日');
    await shot(officer, 'roster-hired-on-01-list');
  });

  it('修改 opens a date picker in the cell; saved, the cell shows the day and says so', async () => {
    const cell = officer.getByRole('row').filter({ hasText: '老员工乙' }).getByTestId('hired-on');
    await cell.getByRole('button', { name: /修改 老员工乙/ }).click();
    const input = cell.locator('input[type=date]');
    await input.fill('2019-07-15');
    await shot(officer, 'roster-hired-on-02-editing');
    await cell.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => cell.getByRole('status').textContent()).toBe('✓ 已保存');
    expect(await cell.textContent()).toContain('2019年7月15日');
    await shot(officer, 'roster-hired-on-03-saved');
  });

  it('清除日期 takes the date away again, and the cell says so', async () => {
    const cell = officer.getByRole('row').filter({ hasText: '老员工乙' }).getByTestId('hired-on');
    await cell.getByRole('button', { name: /修改 老员工乙/ }).click();
    await cell.getByRole('button', { name: '清除日期' }).click();
    await expect.poll(() => cell.getByRole('status').textContent()).toBe('✓ 已清除');
    expect(await cell.textContent()).toContain('未填');
  });

  it('a campaign of 2024 counts everyone but the one hired in 2026, and says why', async () => {
    await officer.goto(`${e.server.url}#/campaign`);
    await warningMonth2024(officer);
    const box = officer.getByTestId('participants');
    await expect.poll(() => box.getByTestId('participant-count').textContent()).toBe('参加人数：2 人');
    expect(await box.getByTestId('hired-later').textContent()).toBe('另有 1 人入职日期晚于本期结束日期（2024年10月15日），不参加本期。');
    await box.scrollIntoViewIfNeeded();
    await shot(officer, 'roster-hired-on-04-campaign');
  });
});
