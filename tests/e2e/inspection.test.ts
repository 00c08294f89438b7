// End to end in Debian's Chromium: the officer records a 检维修、特殊作业 inspection
// with its checklist and two findings (one with a photo); a finding without 责任人 and a file that is
// not a photo are refused on screen; the 责任人 reports the correction from their own home; the
// officer (not the 责任人) verifies and closes it; the other one is overdue; the ledger .xlsx is
// downloaded and read back. At 1366×768, with screenshots.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { campaignFromTemplate, loginAt, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'inspect-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-inspect-',
  enterprise: '检查测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [
    ['K001', '整改员工', '甲醇车间', '合成一班', '班长', '其他从业人员', '否'],
    ['K002', '罐区班长', '储运车间', '罐区班', '班长', '其他从业人员', '否'],
  ],
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

describe('安全专项检查 and the 问题台账', () => {
  let officer: Page;

  it('the officer records an inspection with its checklist', async () => {
    officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await campaignFromTemplate(officer, e.server.url);
    await officer.getByRole('link', { name: '隐患排查' }).click();
    await officer.getByRole('button', { name: '新建检查' }).click();
    const ed = officer.getByTestId('inspection-editor');
    await ed.getByLabel('检查类型').selectOption('maintenance');
    await ed.getByLabel('受检单位').fill('甲醇车间');
    await ed.getByLabel('检查日期').fill(day(-5));
    await ed.getByLabel('检查人').fill('安全环保部 张工');
    await ed.getByLabel('「作业审批是否规范严格，有无违规审批」的结果').selectOption('problem');
    await shot(officer, 'inspect-01-checklist');
    await ed.getByRole('button', { name: '保存检查' }).click();
    await ed.waitFor({ state: 'detached' });
    expect(await officer.getByTestId('inspections').locator('tbody tr').first().textContent()).toContain('检维修、特殊作业安全管理专项检查');
  });

  it('two findings: refused without 责任人 and with a file that is not a photo; then one with a photo, one already past its deadline', async () => {
    const row = officer.getByTestId('inspections').locator('tbody tr').first();
    await row.getByRole('button', { name: '登记问题' }).click();
    let form = officer.getByTestId('finding-form');
    await form.getByLabel('隐患等级').selectOption('major');
    await form.getByLabel('位置').fill('甲醇合成工段');
    await form.getByLabel('问题描述').fill('动火作业票未做气体分析即审批');
    await form.getByLabel('整改措施').fill('气体分析合格后方可审批，组织审批人培训');
    await form.getByLabel('整改期限').fill(day(10));
    await form.getByRole('button', { name: '保存问题' }).click();
    await form.getByText('请填写整改责任人（工号）').waitFor();
    await form.getByLabel('添加照片').setInputFiles({ name: '现场.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7 this is not a photo') });
    await form.getByText('「现场.jpg」不是照片：只接受 JPG 或 PNG 图片').waitFor();
    await form.getByLabel('添加照片').setInputFiles({ name: '动火作业票.png', mimeType: 'image/png', buffer: PNG });
    await form.getByTestId('photos').getByText('动火作业票.png').waitFor();
    await form.getByLabel('整改责任人（工号）').fill('K001');
    await shot(officer, 'inspect-02-finding');
    await form.getByRole('button', { name: '保存问题' }).click();
    await form.waitFor({ state: 'detached' });
    await row.getByRole('button', { name: '登记问题' }).click();
    form = officer.getByTestId('finding-form');
    await form.getByLabel('位置').fill('罐区');
    await form.getByLabel('问题描述').fill('作业监护人未持证');
    await form.getByLabel('整改措施').fill('更换持证监护人');
    await form.getByLabel('整改责任人（工号）').fill('K002');
    await form.getByLabel('整改期限').fill(day(-1));
    await form.getByRole('button', { name: '保存问题' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => officer.getByTestId('finding-counts').textContent()).toContain('逾期 1');
    const first = officer.getByTestId('finding').first();
    expect(await first.textContent()).toContain('作业监护人未持证');
    expect(await first.getAttribute('class')).toContain('finding-overdue');
    await shot(officer, 'inspect-03-ledger');
  });

  it('the 责任人 reports the correction from their home; the officer verifies and closes it', async () => {
    const owner = await openPage(await workstation(e.browser));
    await loginAt(owner, e.server.url, 'K001', e.pw.K001!);
    const mine = owner.getByTestId('my-findings');
    await mine.getByText('我负责整改的问题（未完成 1 项）').waitFor();
    expect(await mine.textContent()).not.toContain('作业监护人未持证');
    await mine.getByRole('button', { name: '填报整改情况' }).click();
    await mine.getByLabel('整改情况（做了什么、何时完成）').fill('已修订动火作业审批流程，12 名审批人完成培训');
    await mine.getByLabel('添加照片').setInputFiles({ name: '培训签到.png', mimeType: 'image/png', buffer: PNG });
    await mine.getByTestId('photos').getByText('培训签到.png').waitFor();
    await mine.getByRole('button', { name: '填报整改情况' }).click();
    await expect.poll(() => mine.getByTestId('finding-status').textContent()).toBe('已整改，待验收');
    // the 责任人 has no 验收 button
    expect(await mine.getByRole('button', { name: '验收合格，销号' }).count()).toBe(0);
    await shot(owner, 'inspect-04-rectified');
    await officer.reload();
    const card = officer.getByTestId('finding').filter({ hasText: '动火作业票未做气体分析即审批' });
    await card.getByLabel('验收意见（不合格时必填）').fill('现场核查合格');
    await card.getByRole('button', { name: '验收合格，销号' }).click();
    await expect.poll(() => card.getByTestId('finding-status').textContent()).toBe('已验收销号');
    await expect.poll(() => officer.getByTestId('finding-counts').textContent()).toContain('已销号 1');
    expect(await officer.getByTestId('finding-counts').textContent()).toContain('逾期 1');
    await shot(officer, 'inspect-05-closed');
  });

  it("the ledger downloads as .xlsx in the bureaus' columns", async () => {
    const [download] = await Promise.all([officer.waitForEvent('download'), officer.getByRole('button', { name: '导出问题台账（Excel）' }).click()]);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync((await download.path())!) as never);
    const ws = wb.getWorksheet('问题台账')!;
    expect((ws.getRow(2).values as string[]).slice(1)).toEqual(['序号', '检查时间', '检查类型', '问题描述', '隐患等级', '整改措施', '责任人', '整改期限', '整改情况', '验收人', '验收时间']);
    const r3 = (ws.getRow(3).values as string[]).slice(1);
    expect(r3.slice(0, 8)).toEqual([
      1,
      day(-5),
      '检维修、特殊作业安全管理专项检查',
      '甲醇合成工段：动火作业票未做气体分析即审批',
      '重大隐患',
      '气体分析合格后方可审批，组织审批人培训',
      '整改员工（K001）',
      day(10),
    ] as never);
    expect(r3[8]).toBe('已整改，验收合格；已修订动火作业审批流程，12 名审批人完成培训');
    expect(r3[9]).toBe('admin');
    expect((ws.getRow(4).values as string[])[9]).toBe('逾期未整改');
  });
});
