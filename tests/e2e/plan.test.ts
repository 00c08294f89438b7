// End to end in Debian's Chromium: the officer's home is the campaign plan —
// the notice's tasks created from the template, overdue ones standing out, a task marked done, one
// of the officer's own with an owner from the roster, at 1366×768.
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { campaignFromTemplate, loginAt, menu, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'plan-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-plan-',
  enterprise: '计划测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [
    ['P001', '计划员工', '甲醇车间', '合成一班', '班长', '其他从业人员', '否'],
    ['P002', '安全科长', '安全环保部', '', '安全员', '安全管理人员', '否'],
  ],
});

describe('the campaign plan', () => {
  let officer: Page;
  const counts = () => officer.getByTestId('plan-counts').textContent();

  it("the notice's tasks from the template; the 2024 dates are all past, so all are overdue", async () => {
    officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await campaignFromTemplate(officer, e.server.url);
    await menu(officer, '计划任务');
    await officer.getByRole('button', { name: '按警示月通知生成任务' }).click();
    await expect.poll(counts).toContain('逾期 12');
    expect(await officer.getByTestId('plan-tasks').locator('tbody tr.task-overdue').count()).toBe(12);
    await officer.getByRole('heading', { name: '计划任务' }).waitFor();
    await shot(officer, 'plan-01-overdue');
  });

  it("a task marked done goes last and counts as done; one of the officer's own, with an owner, is not due yet", async () => {
    const first = officer.getByTestId('plan-tasks').locator('tbody tr').first();
    const title = (await first.locator('td').nth(1).locator('div').first().textContent())!;
    await first.getByRole('button', { name: '标为完成' }).click();
    await expect.poll(counts).toContain('已完成 1 / 12');
    expect(await officer.getByTestId('plan-tasks').locator('tbody tr').last().textContent()).toContain(title);
    await officer.getByRole('button', { name: '添加任务' }).click();
    const editor = officer.getByTestId('plan-editor');
    await editor.getByLabel('任务').fill('车间应急演练');
    const later = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await editor.getByLabel('期限').fill(later);
    await editor.getByLabel('负责人（工号）').fill('P001');
    await editor.getByRole('button', { name: '保存任务' }).click();
    await editor.waitFor({ state: 'detached' });
    const row = officer.getByTestId('plan-tasks').locator('tbody tr', { hasText: '车间应急演练' });
    await expect.poll(() => row.textContent()).toContain('计划员工（P001）');
    expect(await row.textContent()).toContain('未到期');
    await shot(officer, 'plan-02-done-and-own');
  });

  it('an owner who is not on the roster is refused with the field named, and nothing is added', async () => {
    await officer.getByRole('button', { name: '添加任务' }).click();
    const editor = officer.getByTestId('plan-editor');
    await editor.getByLabel('任务').fill('无人负责的任务');
    await editor.getByLabel('负责人（工号）').fill('X999');
    await editor.getByRole('button', { name: '保存任务' }).click();
    await officer.getByText('花名册中没有工号 X999').waitFor();
    await editor.getByRole('button', { name: '取消' }).click();
    expect(await officer.getByTestId('plan-tasks').locator('tbody tr').count()).toBe(13);
  });

  it('the 总结报告: opened from the plan, prose written, the Word draft downloaded and read back with the figures on screen', async () => {
    await officer.getByRole('link', { name: '总结报告 →' }).click();
    await officer.getByRole('heading', { name: '总结报告' }).waitFor();
    const people = (await officer.getByTestId('fig-people').locator('.fig-value').textContent())!;
    expect(people).toBe('0 / 2 人（0%）');
    await officer.locator('textarea[data-section=overview]').fill('公司主要负责人亲自部署，成立了警示月活动领导小组。');
    await officer.locator('textarea[data-section=problems]').fill('部分班组学习记录不完整。');
    await officer.evaluate(() => window.scrollTo(0, 0));
    await shot(officer, 'plan-03-summary');
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('button', { name: '下载 Word 稿' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^总结报告-.*\.docx$/);
    const xml = execFileSync('unzip', ['-p', (await download.path())!, 'word/document.xml'], { encoding: 'utf8' }).replace(/<[^>]+>/g, '');
    expect(xml).toContain('公司主要负责人亲自部署，成立了警示月活动领导小组。');
    expect(xml).toContain('部分班组学习记录不完整。');
    expect(xml).toContain('全公司在册 2 人，参加 0 人，参与率 0%');
    expect(xml).toContain('二、主要做法和成效');
    // the prose was saved with the download: it is there after a reload
    await officer.reload();
    expect(await officer.locator('textarea[data-section=problems]').inputValue()).toBe('部分班组学习记录不完整。');
  });
});
