// End to end in Debian's Chromium: the admin's 账号管理 page at 1366×768 — a role
// granted (the person's menu changes at their next page load), a forgotten password reset to a
// one-time one that the person must replace before anything else opens, an account disabled (the
// login page says so) and enabled again, the last admin's own account protected. With screenshots.
import { describe, expect, it } from 'vitest';
import { loginAt, menu, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'accounts-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-accounts-',
  enterprise: '账号测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [
    ['A001', '新任安全员', '安全环保部', '', '安全员', '安全管理人员', '否'],
    ['A002', '忘记密码的人', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否'],
    ['A003', '已离职的人', '储运车间', '罐区班', '操作工', '其他从业人员', '否'],
  ],
});

describe('account administration', () => {
  it('grant a role, reset a password, disable and enable an account', async () => {
    const admin = await openPage(await workstation(e.browser));
    await loginAt(admin, e.server.url, 'admin', ADMIN_PW);
    await menu(admin, '账号管理');
    const table = admin.getByTestId('accounts-table');
    await table.locator('tr[data-no=A001]').waitFor();
    // the admin's own account cannot be disabled from here
    expect(await table.locator('tr[data-no=admin]').getByRole('button', { name: '停用' }).isDisabled()).toBe(true);

    // A001 becomes a safety officer: the officer's pages appear once signed in
    await admin.getByLabel('理由（记入审计日志，可不填）').fill('新任安全员');
    await table.getByLabel('A001 安全管理').click();
    await admin.getByText('A001 的角色：员工、安全管理').waitFor();
    const a1 = await openPage(await workstation(e.browser));
    await loginAt(a1, e.server.url, 'A001', e.pw.A001!);
    await a1.getByTestId('nav-assessment').waitFor();

    // A002 forgot the password: a one-time one, shown once, to be replaced at sign-in
    await admin.getByLabel('查找').fill('A002');
    await table.locator('tr[data-no=A001]').waitFor({ state: 'detached' });
    await table.locator('tr[data-no=A002]').getByRole('button', { name: '重置密码' }).click();
    const box = admin.getByTestId('one-time-password');
    await box.waitFor();
    await shot(admin, 'accounts-01-reset');
    const oneTime = /([A-Za-z2-9]{10})/.exec((await box.locator('.big-number').textContent())!)![1]!;
    await expect.poll(() => table.locator('tr[data-no=A002]').textContent()).toContain('待改密码');
    const a2 = await openPage(await workstation(e.browser));
    await a2.goto(e.server.url);
    await a2.fill('input[name=employeeNo]', 'A002');
    await a2.fill('input[name=password]', e.pw.A002!);
    await a2.click('button[type=submit]');
    await a2.getByText('工号或密码错误').waitFor();
    // the same refusal on a screen in English: the English side of the backend's message
    const en = await openPage(await workstation(e.browser));
    await en.addInitScript(() => localStorage.setItem('anxue.lang', 'en-US'));
    await en.goto(e.server.url);
    await en.fill('input[name=employeeNo]', 'A002');
    await en.fill('input[name=password]', e.pw.A002!);
    await en.click('button[type=submit]');
    await en.getByRole('alert').getByText('wrong employee no. or password').waitFor();
    expect(await en.getByText('工号或密码错误').count()).toBe(0);
    await shot(en, 'accounts-01b-refused-in-english');
    await en.close();
    await a2.fill('input[name=password]', oneTime);
    await a2.click('button[type=submit]');
    await a2.getByTestId('password-forced').waitFor();
    await shot(a2, 'accounts-02-forced-change');
    await a2.getByLabel('原密码').fill(oneTime);
    await a2.getByLabel('新密码（至少 8 位）').fill('a2-own-password');
    await a2.getByLabel('再次输入新密码').fill('a2-own-password');
    await a2.getByRole('button', { name: '修改密码' }).click();
    await a2.getByTestId('who').waitFor();
    expect(await a2.getByTestId('who').textContent()).toContain('忘记密码的人');

    // A003 left: disabled, the login page says so; enabled again, they sign in
    await admin.getByLabel('查找').fill('A003');
    const row3 = table.locator('tr[data-no=A003]');
    await row3.getByRole('button', { name: '停用' }).click();
    await admin.getByText('已停用，其登录已全部结束，记录保留').waitFor();
    await expect.poll(() => row3.textContent()).toContain('已停用');
    await shot(admin, 'accounts-03-disabled');
    const a3 = await openPage(await workstation(e.browser));
    await a3.goto(e.server.url);
    await a3.fill('input[name=employeeNo]', 'A003');
    await a3.fill('input[name=password]', e.pw.A003!);
    await a3.click('button[type=submit]');
    await a3.getByText('此账号已停用，请联系系统管理员').waitFor();
    await row3.getByRole('button', { name: '启用' }).click();
    await admin.getByText('已重新启用').waitFor();
    await loginAt(a3, e.server.url, 'A003', e.pw.A003!);

    // every change is in the audit log on the archive page
    await admin.getByRole('link', { name: '档案' }).click();
    const audit = admin.getByTestId('audit');
    await audit.waitFor();
    await expect.poll(() => audit.textContent()).toContain('A003');
    expect(await audit.textContent()).toContain('新任安全员');
  });
});
