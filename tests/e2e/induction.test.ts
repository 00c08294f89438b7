// End to end in Debian's Chromium, at 1366×768: the officer enters a new hire's 三级安全教育 levels
// as they were signed on the paper card — a tap on the empty level, the date (today), the signer
// picked from the roster's fitting people, what was taught — and the row shows the new state.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { loginAt, menu, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'induction-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-induction-',
  enterprise: '入职测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [
    ['N001', '新员工甲', '储运车间', '罐区班', '操作工', '其他从业人员', '否'],
    ['N002', '新员工乙', '储运车间', '装卸班', '装卸工', '其他从业人员', '否'],
    ['M001', '王总', '公司领导', '', '总经理', '主要负责人', '是'],
    ['S001', '安全科长', '安全环保部', '', '安全员', '安全管理人员', '否'],
    ['W001', '储运主任', '储运车间', '', '车间主任', '其他从业人员', '否'],
    ['T001', '罐区班长', '储运车间', '罐区班', '班长', '其他从业人员', '否'],
  ],
});

/** An induction campaign for the two new hires, through the contract as the campaign page would save it (running today). */
async function inductionCampaign(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const token = sessionStorage.getItem('anxue.token');
    const post = async (name: string, body: unknown) => {
      const r = await fetch(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
      if (!r.ok) throw new Error(`${name}: ${await r.text()}`);
      return r.json();
    };
    const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    const t = await post('campaign.template', {});
    await post('campaign.save', {
      ...t,
      name: '新员工三级安全教育',
      kind: 'induction',
      participants: { kind: 'some', depts: [], teams: [], categories: [], employeeNos: ['N001', 'N002'] },
      induction: {
        levels: [
          { level: 'company', hours: 24 },
          { level: 'workshop', hours: 24 },
          { level: 'team', hours: 24 },
        ],
      },
      start: day(-10),
      end: day(30),
      studyStart: day(-10),
      studyEnd: day(30),
      phases: [],
      essay: { ...t.essay, deadline: day(30) },
    });
  });
}

describe('三级安全教育', () => {
  let officer: Page;

  it('the board lists the new hires with their three levels, none entered yet', async () => {
    officer = await openPage(await workstation(e.browser));
    await loginAt(officer, e.server.url, 'admin', ADMIN_PW);
    await inductionCampaign(officer);
    await officer.reload();
    await officer.getByTestId('who').waitFor();
    await menu(officer, '三级安全教育');
    const table = officer.getByTestId('induction-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await officer.getByTestId('level-N001-company').textContent()).toContain('登记签字');
    await shot(officer, 'induction-01-board');
  });

  it('a tap on an empty level: today’s date, the fitting signers first; entered, the row shows it at once', async () => {
    await officer.getByTestId('level-N001-company').getByRole('button').click();
    const dialog = officer.getByTestId('induction-dialog');
    await dialog.waitFor();
    // 公司级: the principal and the safety manager are suggested, the workshop's people are not
    const choices = await dialog.locator('label.signer-choice').allTextContents();
    expect(choices.join('|')).toContain('王总');
    expect(choices.join('|')).toContain('安全科长');
    expect(choices.join('|')).not.toContain('储运主任');
    await dialog.getByRole('radio', { name: /王总/ }).check();
    await dialog.getByTestId('induction-content').fill('安全生产法律法规和本单位安全生产规章制度');
    await shot(officer, 'induction-02-form');
    await dialog.getByTestId('induction-sign').click();
    await dialog.waitFor({ state: 'detached' });
    const done = officer.getByTestId('induction-done');
    await expect.poll(() => done.textContent()).toContain('已登记');
    expect(await done.textContent()).toContain('王总 签字');
    expect(await done.textContent()).toContain('公司级 ✓');
    expect(await officer.getByTestId('level-N001-company').textContent()).toContain('王总 签字');
    await shot(officer, 'induction-03-signed');
  });

  it('班组级: the new hire’s own team leader is the one suggested, and chosen already', async () => {
    await officer.getByTestId('level-N001-team').getByRole('button').click();
    const dialog = officer.getByTestId('induction-dialog');
    const choices = await dialog.locator('label.signer-choice').allTextContents();
    expect(choices).toHaveLength(1);
    expect(choices[0]).toContain('罐区班长');
    expect(await dialog.getByRole('radio', { name: /罐区班长/ }).isChecked()).toBe(true);
    await dialog.getByTestId('induction-sign').click();
    await expect.poll(() => officer.getByTestId('level-N001-team').textContent()).toContain('罐区班长 签字');
  });

  it('a signed level shows who signed; a mistaken entry is revoked with a reason tapped, and the level is empty again', async () => {
    await officer.getByTestId('level-N001-team').getByRole('button').click();
    const dialog = officer.getByTestId('induction-dialog');
    expect(await dialog.textContent()).toContain('签字人：罐区班长（班长）');
    await dialog.getByRole('button', { name: '日期登记错了' }).click();
    await shot(officer, 'induction-04-revoke');
    await dialog.getByTestId('induction-revoke').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => officer.getByTestId('induction-done').textContent()).toContain('已撤销');
    expect(await officer.getByTestId('level-N001-team').textContent()).toContain('登记签字');
  });
});
