// End to end in Debian's Chromium: a 班组长 writes a 述职报告 with an attachment
// and submits it to the 车间主任 the roster names; the 车间主任 returns it with remarks; it is revised
// and submitted again; the 车间主任 accepts it and scores it on an edited 计分表; the officer's
// board shows it. At 1366×768, with screenshots.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { HEADER } from '../helpers/fixtures';
import { campaignFromTemplate, loginAt, menu, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'report-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-report-',
  enterprise: '述职测试化工（虚构）',
  adminPassword: ADMIN_PW,
  header: [...HEADER, '岗位层级', '上级工号'],
  people: [
    ['D01', '副总甲', '公司领导', '', '生产副总', '安全管理人员', '是', '分管副总', ''],
    ['W01', '主任乙', '甲醇车间', '', '车间主任', '安全管理人员', '否', '车间主任', 'D01'],
    ['T01', '班长丙', '甲醇车间', '合成一班', '班长', '其他从业人员', '否', '班组长', 'W01'],
  ],
});
beforeAll(async () => {
  // the campaign, as the officer sets it up
  const officer = await openPage(await workstation(e.browser));
  await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
  await campaignFromTemplate(officer, e.server.url);
  await officer.context().close();
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
const para = (s: string, n: number) => Array.from({ length: n }, (_, i) => `${s}第${i + 1}项。`).join('');

describe('履职述职: 班组长 → 车间主任', () => {
  let reporter: Page;
  let superior: Page;

  it('the 班组长 sees whom the report goes to, writes three parts, attaches a file and submits', async () => {
    reporter = await openPage(await workstation(e.browser));
    await loginAt(reporter, e.server.url, 'T01', e.pw.T01!);
    await reporter.getByRole('link', { name: '述职', exact: true }).click();
    expect(await reporter.getByTestId('report-to').textContent()).toContain('班组长；述职报告提交给：主任乙（W01，车间主任）');
    await reporter.locator('textarea[data-part=duties]').fill(para('落实班组岗位安全责任清单，交接班检查安全设施', 6));
    await reporter.locator('textarea[data-part=work]').fill(para('组织班组安全活动和隐患排查，跟踪整改销号', 6));
    await reporter.locator('textarea[data-part=rules]').fill(para('执行操作规程和作业票制度，制止违章作业', 6));
    await reporter.locator('input[type=file]').setInputFiles({ name: '班组安全活动记录.png', mimeType: 'image/png', buffer: PNG });
    await reporter.getByTestId('report-attachments').getByText('班组安全活动记录.png').waitFor();
    await expect.poll(() => reporter.getByTestId('report-saved').textContent(), { timeout: 120_000 }).toContain('已自动保存');
    await shot(reporter, 'report-01-writing');
    await reporter.getByRole('button', { name: '提交给 主任乙' }).click();
    await reporter.getByTestId('confirm-dialog').getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => reporter.getByTestId('report-status').textContent()).toBe('待审阅');
    expect(await reporter.locator('textarea[data-part=duties]').getAttribute('readonly')).not.toBeNull();
  });

  it('the 车间主任 finds it waiting, reads it with its attachment, and returns it with remarks', async () => {
    superior = await openPage(await workstation(e.browser));
    await loginAt(superior, e.server.url, 'W01', e.pw.W01!);
    await superior.getByRole('link', { name: '述职', exact: true }).click();
    const inbox = superior.getByTestId('report-inbox');
    await inbox.getByText('向我述职的人（1 人）').waitFor();
    const row = inbox.locator('tr[data-no=T01]');
    expect(await row.textContent()).toContain('待审阅');
    await row.getByRole('button', { name: '审阅' }).click();
    const review = superior.getByTestId('report-review');
    await review.getByText('落实班组岗位安全责任清单').first().waitFor();
    await review.getByRole('button', { name: '班组安全活动记录.png' }).waitFor();
    // returning needs remarks: the button waits for them
    expect(await review.getByRole('button', { name: '退回修改' }).isDisabled()).toBe(true);
    await review.getByLabel('审阅意见（退回时必填）').fill('请写明本班组本月排查出的隐患数量和整改情况。');
    await shot(superior, 'report-02-review');
    await review.getByRole('button', { name: '退回修改' }).click();
    await expect.poll(() => row.textContent()).toContain('已退回');
  });

  it('the 班组长 sees the remarks, revises and submits again', async () => {
    await reporter.reload();
    await reporter.getByTestId('report-returned').getByText('请写明本班组本月排查出的隐患数量和整改情况。').waitFor();
    expect(await reporter.getByTestId('report-status').textContent()).toBe('已退回');
    await shot(reporter, 'report-03-returned');
    const work = reporter.locator('textarea[data-part=work]');
    await work.fill(`${await work.inputValue()}本月排查隐患 5 项，已整改 4 项，1 项列入问题台账限期整改。`);
    await reporter.getByRole('button', { name: '提交给 主任乙' }).click();
    await reporter.getByTestId('confirm-dialog').getByRole('button', { name: '确认提交' }).click();
    await expect.poll(() => reporter.getByTestId('report-status').textContent()).toBe('待审阅');
  });

  it('the 车间主任 scores the second version on an edited 计分表 and accepts it', async () => {
    await superior.reload();
    const row = superior.getByTestId('report-inbox').locator('tr[data-no=T01]');
    await expect.poll(() => row.textContent()).toContain('第 2 稿');
    await row.getByRole('button', { name: '审阅' }).click();
    const review = superior.getByTestId('report-review');
    await review.getByText('本月排查隐患 5 项').waitFor();
    const scores = [22, 23, 18, 13];
    for (const [i, v] of scores.entries()) await review.locator(`input[data-item="${i}"]`).fill(String(v));
    // the last item removed, two of the enterprise's own added
    await review.locator('.score-sheet tbody tr').nth(4).getByRole('button', { name: '删除' }).click();
    await review.getByRole('button', { name: '增加一项' }).click();
    await review.locator('.score-sheet tbody tr').nth(4).getByLabel('计分项目').fill('隐患整改闭环');
    await review.locator('.score-sheet tbody tr').nth(4).getByLabel('分值').fill('15');
    await review.locator('input[data-item="4"]').fill('12.5');
    await expect.poll(() => review.getByTestId('score-total').textContent()).toBe('合计 88.5 分 / 满分 100 分');
    await review.getByLabel('审阅意见（退回时必填）').fill('履职到位，同意。');
    await shot(superior, 'report-04-score');
    await review.getByRole('button', { name: '通过并计分' }).click();
    await expect.poll(() => row.textContent()).toContain('已通过');
    expect(await row.textContent()).toContain('88.5');
  });

  it("the 班组长 sees it accepted with the score; the officer's board counts it", async () => {
    await reporter.reload();
    await expect.poll(() => reporter.getByTestId('report-accepted').textContent()).toContain('主任乙 已审阅通过');
    expect(await reporter.getByTestId('report-accepted').textContent()).toContain('得分 88.5');
    await shot(reporter, 'report-05-accepted');
    const officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await menu(officer, '述职管理');
    const team = officer.getByTestId('report-levels').locator('tr[data-level=team]');
    await expect.poll(() => team.locator('td').allTextContents()).toEqual(['班组长', '1', '0', '0', '0', '0', '1']);
    const w = officer.getByTestId('report-table').locator('tr[data-no=W01]');
    expect(await w.textContent()).toContain('未开始');
    expect(await w.textContent()).toContain('副总甲');
    await shot(officer, 'report-06-board');
  });
});
