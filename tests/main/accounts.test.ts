// Account administration through the contract on real storage: roles granted
// and revoked (and enforced at once), the last admin kept, a one-time password that must be
// replaced before anything else works, an account disabled (sessions ended, sign-in refused,
// records kept) and enabled, sessions ended; each change in the audit log; the CLI does the same.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

let app: TempApp;
beforeEach(() => {
  app = makeApp();
});
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const audit = async (admin: string) => (await app.call('audit.list', {}, admin)).entries.map((e) => [e.action, e.subject, e.by]);

describe('account administration', () => {
  it('lists every account with its roles and state, never a password hash', async () => {
    const s = await seeded(app);
    const list = await app.call('accounts.list', {}, s.admin);
    expect(list.map((a) => [a.employeeNo, a.roles, a.disabled, a.inRoster])).toEqual([
      ['admin', ['officer', 'archivist', 'admin'], false, false],
      ['E001', ['employee'], false, true],
      ['E002', ['employee'], false, true],
      ['E003', ['employee'], false, true],
      ['M001', ['employee'], false, true],
    ]);
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });

  it('a role granted takes effect at once, and so does a role revoked; both are in the audit log', async () => {
    const s = await seeded(app);
    const e1 = await s.login('E001');
    expect(await app.raw('roster.list', {}, e1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const granted = await app.call('accounts.setRoles', { employeeNo: 'E001', roles: ['employee', 'officer'], reason: '新任安全员' }, s.admin);
    expect(granted.roles).toEqual(['employee', 'officer']);
    expect((await app.raw('roster.list', {}, e1)).ok).toBe(true);
    await app.call('accounts.setRoles', { employeeNo: 'E001', roles: ['employee'], reason: '' }, s.admin);
    expect(await app.raw('roster.list', {}, e1)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const log = (await app.call('audit.list', {}, s.admin)).entries.filter((e) => e.action === 'account.roles');
    expect(log.map((e) => [e.subject, e.details.added, e.details.removed, e.reason])).toEqual([
      ['E001', [], ['officer'], '取消安全管理人员'],
      ['E001', ['officer'], [], '新任安全员'],
    ]);
    // no role at all is refused by the contract
    expect(await app.raw('accounts.setRoles', { employeeNo: 'E001', roles: [] }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('the last admin can neither lose the role nor be disabled; with a second admin, the first may go', async () => {
    const s = await seeded(app);
    expect(await app.raw('accounts.setRoles', { employeeNo: 'admin', roles: ['officer'] }, s.admin)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await app.raw('accounts.setDisabled', { employeeNo: 'admin', disabled: true }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'employeeNo' } });
    await app.call('accounts.setRoles', { employeeNo: 'M001', roles: ['employee', 'admin'], reason: '' }, s.admin);
    const m1 = await s.login('M001');
    // two admins: one may disable the other
    expect((await app.call('accounts.setDisabled', { employeeNo: 'admin', disabled: true, reason: '' }, m1)).disabled).toBe(true);
    // now M001 is the last admin who can sign in: it keeps the role
    expect(await app.raw('accounts.setRoles', { employeeNo: 'M001', roles: ['employee'] }, m1)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await app.call('accounts.list', {}, m1)).find((a) => a.employeeNo === 'M001')!.roles).toEqual(['employee', 'admin']);
  });

  it('a reset gives a one-time password: the old one is refused, sessions end, and until a new one is chosen only that works', async () => {
    const s = await seeded(app);
    const before = await s.login('E002');
    const r = await app.call('accounts.resetPassword', { employeeNo: 'E002', reason: '忘记密码' }, s.admin);
    expect(r).toMatchObject({ employeeNo: 'E002', name: '测试乙', sessionsEnded: 1 });
    expect(r.password).toMatch(/^[A-Za-z2-9]{10}$/);
    expect(await app.raw('auth.me', {}, before)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect(await app.raw('auth.login', { employeeNo: 'E002', password: s.pw('E002') }, null)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const login = await app.call('auth.login', { employeeNo: 'E002', password: r.password });
    expect(login.me.mustChangePassword).toBe(true);
    expect(await app.raw('progress.mine', { campaignId: s.campaign.id }, login.token)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await app.call('auth.me', {}, login.token)).mustChangePassword).toBe(true);
    await app.call('auth.changePassword', { oldPassword: r.password, newPassword: 'my-own-pass-2' }, login.token);
    expect((await app.call('auth.me', {}, login.token)).mustChangePassword).toBe(false);
    expect((await app.raw('progress.mine', { campaignId: s.campaign.id }, login.token)).ok).toBe(true);
    expect(await audit(s.admin)).toContainEqual(['password.reset', 'E002', 'admin']);
    // the one-time password is nowhere in the data
    expect(JSON.stringify(await app.ports.store.accounts.read())).not.toContain(r.password);
  });

  it('a disabled account cannot sign in and its sessions end; its records stay; enabled again, it signs in', async () => {
    const s = await seeded(app);
    const e3 = await s.login('E003');
    await app.call('study.start', { campaignId: s.campaign.id, docId: 'warning-month-notes' }, e3);
    const off = await app.call('accounts.setDisabled', { employeeNo: 'E003', disabled: true, reason: '离职' }, s.admin);
    expect(off.disabled).toBe(true);
    expect(await app.raw('auth.me', {}, e3)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    const refused = await app.raw('auth.login', { employeeNo: 'E003', password: s.pw('E003') }, null);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(JSON.stringify(refused)).toContain('已停用');
    // a wrong password says what it always says: being disabled is told only to whoever knows the password
    expect(await app.raw('auth.login', { employeeNo: 'E003', password: 'wrong-pass' }, null)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated', key: 'accounts.wrongEmployeeNoPassword', message: '工号或密码错误' },
    });
    expect(existsSync(path.join(app.dir, 'people', 'E003.json'))).toBe(true);
    expect((await app.call('progress.table', { campaignId: s.campaign.id }, s.admin)).rows.some((r) => r.employeeNo === 'E003')).toBe(true);
    await app.call('accounts.setDisabled', { employeeNo: 'E003', disabled: false, reason: '' }, s.admin);
    expect((await app.raw('auth.login', { employeeNo: 'E003', password: s.pw('E003') }, null)).ok).toBe(true);
    const log = await audit(s.admin);
    expect(log).toContainEqual(['account.disabled', 'E003', 'admin']);
    expect(log).toContainEqual(['account.enabled', 'E003', 'admin']);
  });

  it('ending sessions signs the person out everywhere; unknown 工号 are refused by name', async () => {
    const s = await seeded(app);
    const a = await s.login('E001');
    const b = await s.login('E001');
    expect(await app.call('accounts.revokeSessions', { employeeNo: 'E001', reason: '' }, s.admin)).toEqual({ sessionsEnded: 2 });
    for (const t of [a, b]) expect(await app.raw('auth.me', {}, t)).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
    expect((await app.raw('auth.me', {}, s.admin)).ok).toBe(true);
    for (const call of ['accounts.revokeSessions', 'accounts.resetPassword'] as const) {
      const r = await app.raw(call, { employeeNo: 'X999' }, s.admin);
      expect(r).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(JSON.stringify(r)).toContain('X999');
    }
    expect(await audit(s.admin)).toContainEqual(['sessions.revoked', 'E001', 'admin']);
  });
});

describe('accounts on the command line (the server PC)', () => {
  it('grant, revoke, reset-password, disable and enable; the last admin is kept; a bad role is named', async () => {
    await seeded(app);
    app.close();
    const run = (...args: string[]) => cli(['accounts', ...args, '--data', app.dir]);
    const grant = run('grant', 'E001', 'archivist');
    expect(grant.status, grant.stderr).toBe(0);
    expect(grant.stdout).toContain('E001 测试甲 的角色：employee,archivist');
    expect(run('revoke', 'E001', 'archivist').stdout).toContain('的角色：employee');
    const bad = run('grant', 'E001', 'boss');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('boss');
    const last = run('revoke', 'admin', 'admin');
    expect(last.status).toBe(2);
    expect(last.stderr).toContain('最后一位系统管理员');
    const lastOff = run('disable', 'admin');
    expect(lastOff.status).toBe(2);
    expect(lastOff.stderr).toContain('不能停用最后一位系统管理员');
    const reset = run('reset-password', 'admin');
    expect(reset.status, reset.stderr).toBe(0);
    const pw = /^\s+(\S{10})$/m.exec(reset.stdout)![1]!;
    expect(run('disable', 'E002').stdout).toContain('已停用');
    const list = run('list');
    expect(list.stdout).toMatch(/E002\t测试乙\temployee\t已停用/);
    expect(list.stdout).toMatch(/admin\t管理员\tofficer,archivist,admin\t待改密码/);
    expect(run('enable', 'E002').stdout).toContain('已启用');
    // the admin signs in with the one-time password, and must change it first
    app = makeApp(app.dir);
    const login = await app.call('auth.login', { employeeNo: 'admin', password: pw });
    expect(login.me.mustChangePassword).toBe(true);
    expect((await app.call('audit.list', {}, login.token).catch((e: { body?: { code: string } }) => e.body)) as { code: string }).toMatchObject({ code: 'forbidden' });
  });
});
