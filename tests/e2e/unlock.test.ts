// End to end in Debian's Chromium: an account locked by wrong passwords, the
// message on the login page, the administrator lifting the lock on the settings page with a
// reason (kept in the audit log), and the person logging in again. At 1366×768, with screenshots.
import { describe, expect, it } from 'vitest';
import { loginAt, openPage, servedEnterprise, shot, workstation } from '../helpers/e2e';

const ADMIN_PW = 'unlock-e2e-admin';
const e = servedEnterprise({
  prefix: 'anxue-e2e-unlock-',
  enterprise: '解锁测试化工（虚构）',
  adminPassword: ADMIN_PW,
  people: [['U001', '忘记密码的人', '甲醇车间', '合成一班', '操作工', '其他从业人员', '否']],
});

describe('lifting a login lock', () => {
  it('five wrong passwords lock the account; the admin unlocks it with a reason; the person logs in', async () => {
    const person = await openPage(await workstation(e.browser));
    await person.goto(e.server.url);
    for (let i = 0; i < 6; i++) {
      await person.fill('input[name=employeeNo]', 'U001');
      await person.fill('input[name=password]', `wrong-${i}`);
      // each try answered before the next
      await Promise.all([person.waitForResponse((r) => r.url().includes('/api/auth.login')), person.click('button[type=submit]')]);
    }
    await person.getByText('这个账号已暂时锁定').waitFor();
    await shot(person, 'unlock-01-locked');
    const admin = await openPage(await workstation(e.browser));
    await loginAt(admin, e.server.url, 'admin', ADMIN_PW);
    await admin.getByRole('link', { name: '设置' }).click();
    const locks = admin.getByTestId('locks');
    const row = locks.locator('tr[data-subject=U001]');
    await row.waitFor();
    expect(await row.getByRole('button', { name: '解除锁定' }).isDisabled()).toBe(true);
    await locks.getByLabel('解除锁定的理由（记入审计日志）').fill('本人来电，已核实身份');
    await shot(admin, 'unlock-02-settings');
    await row.getByRole('button', { name: '解除锁定' }).click();
    await locks.getByText('目前没有被锁定的账号或被禁止登录的地址。').waitFor();
    await loginAt(person, e.server.url, 'U001', e.pw.U001!);
    await admin.getByRole('link', { name: '档案' }).click();
    await admin.getByTestId('audit').getByText('解除了 U001 的登录锁定').waitFor();
    expect(await admin.getByTestId('audit').textContent()).toContain('本人来电，已核实身份');
  });
});
