// End to end in Debian's Chromium: the officer records a 专题研讨, ticks who attended, and keeps
// its 研讨记录 — two speakers tapped from the attendees, their points, the conclusions, a follow-up
// registered as a finding, the signed sheet's photo (a file that is no photo refused, named). The
// confirmation shows the saved state; the finding is in the 问题台账. At 1366×768 and phone width.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { campaignFromTemplate, loginAt, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'discuss-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-discuss-',
  enterprise: '研讨测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [
    ['D001', '发言甲', '甲醇车间', '合成一班', '班长', '其他从业人员', '否'],
    ['D002', '发言乙', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否'],
    ['D003', '旁听丙', '甲醇车间', '合成二班', '操作工', '其他从业人员', '否'],
  ],
});

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

describe('研讨记录 on the sessions page', () => {
  let officer: Page;

  it('the officer records a seminar and who attended', async () => {
    officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await campaignFromTemplate(officer, e.server.url);
    await officer.goto(`${e.server.url}#/sessions`);
    const form = officer.getByTestId('session-form');
    await form.getByLabel('形式').selectOption('seminar');
    await form.getByLabel('主题', { exact: true }).fill('动火作业事故教训专题研讨');
    await form.getByRole('button', { name: '记录这次活动' }).click();
    await officer.getByText('已记录 0 人参加').waitFor();
    // not yet attended: the minutes say where to start
    await officer.getByTestId('session-minutes').click();
    await officer.getByText(/还没有登记参加人员/).waitFor();
    await officer.getByTestId('session-minutes').click();
    // the attendance opens with the new session
    await officer.getByLabel('甲醇车间').check();
    await officer.getByRole('button', { name: '保存参加人员（3 人）' }).click();
    await officer.getByText('已记录 3 人参加').waitFor();
    await officer.getByTestId('session-attendance').click();
  });

  it('keeps the minutes: speakers tapped, a follow-up registered as a finding, the sheet photo; the saved state shown', async () => {
    await officer.getByTestId('session-minutes').click();
    const m = officer.getByTestId('minutes-form');
    await m.getByTestId('speaker-D001').click();
    await m.getByTestId('speaker-D002').click();
    expect(await m.getByTestId('speaker-D001').getAttribute('aria-pressed')).toBe('true');
    expect(await m.getByTestId('speaker-D003').getAttribute('aria-pressed')).toBe('false');
    await m.getByTestId('points-D001').fill('动火前必须做气体分析');
    await m.getByTestId('points-D002').fill('监护人不得离开现场');
    await m.getByTestId('minutes-conclusions').fill('严格执行作业票证制度');
    await m.getByTestId('add-followup').click();
    const row = m.getByTestId('followup-0');
    await row.getByLabel('问题', { exact: true }).fill('合成一班动火分析单不全');
    await row.getByLabel('措施', { exact: true }).fill('动火前两人复核分析单');
    await row.getByLabel('责任人').selectOption('D001');
    await row.locator('input[type=date]').fill('2024-09-30');
    await row.getByTestId('as-finding-0').check();
    await row.getByRole('button', { name: '重大隐患' }).click();
    await row.getByTestId('location-0').fill('合成一班');
    // a file that is no photo is refused, named
    await m.getByTestId('sheet-photo').setInputFiles({ name: '签到表.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7 not a photo') });
    await m.getByText(/「签到表.jpg」不是照片/).waitFor();
    await m.getByTestId('sheet-photo').setInputFiles({ name: '签到表.png', mimeType: 'image/png', buffer: PNG });
    await m.getByTestId('sheet-name').getByText('签到表.png').waitFor();
    await shot(officer, 'discussion-01-form');
    await m.getByTestId('minutes-save').click();
    const saved = m.getByTestId('minutes-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain('已保存研讨记录：2 人发言，1 项后续措施（1 项已登记为问题）');
    expect(await saved.textContent()).toContain('发言甲（D001）：动火前必须做气体分析');
    expect(await saved.textContent()).toContain('签到表照片：签到表.png');
    // the switch of a registered follow-up cannot be taken back
    expect(await row.getByTestId('as-finding-0').isDisabled()).toBe(true);
    await saved.scrollIntoViewIfNeeded();
    await shot(officer, 'discussion-02-saved');
    // saved again without change: still one finding
    await m.getByTestId('minutes-save').click();
    await saved.waitFor();
    await officer.getByRole('link', { name: '隐患排查' }).click();
    await expect.poll(() => officer.getByTestId('finding').count()).toBe(1);
    expect(await officer.getByTestId('finding').first().textContent()).toContain('研讨提出：动火作业事故教训专题研讨');
  });

  it('at phone width the chips and switches are big enough to tap', async () => {
    await officer.setViewportSize({ width: 390, height: 844 });
    await officer.goto(`${e.server.url}#/sessions`);
    await officer.getByTestId('session-minutes').click();
    const chip = officer.getByTestId('speaker-D003');
    const box = (await chip.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(44);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await officer.getByTestId('minutes-form').scrollIntoViewIfNeeded();
    await shot(officer, 'discussion-03-phone');
  });
});
