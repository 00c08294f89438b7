// Login limits (services/accounts/login-guard.ts) on a real data folder with a clock the test moves: per
// 工号 and per client address, counted before the password check, kept across a restart, and an
// administrator at the server PC never shut out.
import { afterEach, describe, expect, it } from 'vitest';
import { addressKey, LOGIN_POLICY } from '../../electron/main/services/accounts/login-guard';
import type { ClientInfo } from '../../electron/main/services/ports';
import { dispatch } from '../../electron/main/transport/dispatch';
import { makeApp, removeDir, seeded, type TempApp } from '../helpers/temp-app';

const LAN = (n: number): ClientInfo => ({ address: `10.20.0.${n}`, loopback: false });
const LOCAL: ClientInfo = { address: '127.0.0.1', loopback: true };

let app: TempApp;
afterEach(() => {
  app.close();
  removeDir(app.dir);
});

const tryLogin = (a: TempApp, employeeNo: string, password: string, client: ClientInfo = LOCAL) => dispatch(a.ports, 'auth.login', { employeeNo, password }, null, client);

async function audit(a: TempApp) {
  return (await a.ports.store.audit.read()).entries;
}

describe('per 工号', () => {
  it('5 wrong passwords lock the account; the right one is refused until the lock ends, with when to try again', async () => {
    app = makeApp();
    const s = await seeded(app);
    for (let i = 0; i < 5; i++) expect(await tryLogin(app, 'E001', 'wrong-one')).toMatchObject({ ok: false, status: 401 });
    const locked = await tryLogin(app, 'E001', s.pw('E001'));
    expect(locked).toMatchObject({ ok: false, status: 429, error: { code: 'rate_limited', field: 'employeeNo', retryAfterSeconds: 300 } });
    expect(locked.ok ? '' : locked.error.message).toContain('5 分钟后再试');
    app.clock.advance(LOGIN_POLICY.account.firstLockMs - 1000);
    expect(await tryLogin(app, 'E001', s.pw('E001'))).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSeconds: 1 } });
    app.clock.advance(1000);
    expect(await tryLogin(app, 'E001', s.pw('E001'))).toMatchObject({ ok: true });
    // one lock, one audit entry: not one per guess
    const locks = (await audit(app)).filter((e) => e.action === 'login.locked');
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ subject: 'E001', details: { address: '127.0.0.1', lock: 1 } });
  });

  it('a lock that comes back soon lasts twice as long, up to an hour', async () => {
    app = makeApp();
    await seeded(app);
    const lengths: number[] = [];
    for (let round = 0; round < 6; round++) {
      for (let i = 0; i < 5; i++) await tryLogin(app, 'E002', 'wrong-one');
      const r = await tryLogin(app, 'E002', 'wrong-one');
      lengths.push(r.ok ? 0 : (r.error.retryAfterSeconds ?? 0));
      app.clock.advance((r.ok ? 0 : (r.error.retryAfterSeconds ?? 0)) * 1000);
    }
    expect(lengths).toEqual([300, 600, 1200, 2400, 3600, 3600]);
    // a day without a lock: back to five minutes
    app.clock.advance(LOGIN_POLICY.memoryMs);
    for (let i = 0; i < 5; i++) await tryLogin(app, 'E002', 'wrong-one');
    expect(await tryLogin(app, 'E002', 'wrong-one')).toMatchObject({ error: { retryAfterSeconds: 300 } });
  });

  it('a right password clears the failures before it', async () => {
    app = makeApp();
    const s = await seeded(app);
    for (let i = 0; i < 4; i++) await tryLogin(app, 'E001', 'wrong-one');
    expect(await tryLogin(app, 'E001', s.pw('E001'))).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) expect(await tryLogin(app, 'E001', 'wrong-one')).toMatchObject({ status: 401 });
    expect(await tryLogin(app, 'E001', s.pw('E001'))).toMatchObject({ ok: true });
  });

  it('failures older than the window no longer count', async () => {
    app = makeApp();
    const s = await seeded(app);
    for (let i = 0; i < 4; i++) await tryLogin(app, 'E001', 'wrong-one');
    app.clock.advance(LOGIN_POLICY.windowMs);
    for (let i = 0; i < 4; i++) await tryLogin(app, 'E001', 'wrong-one');
    expect(await tryLogin(app, 'E001', s.pw('E001'))).toMatchObject({ ok: true });
  });

  it('200 guesses at once: at most 5 reach the password check, the rest are refused before it', async () => {
    app = makeApp();
    await seeded(app);
    const before = app.ports.runtime.passwordChecks;
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => tryLogin(app, 'E003', `guess-${i}`, LAN(1))));
    expect(app.ports.runtime.passwordChecks - before).toBeLessThanOrEqual(LOGIN_POLICY.account.failures);
    expect(results.filter((r) => !r.ok && r.status === 401)).toHaveLength(LOGIN_POLICY.account.failures);
    expect(results.filter((r) => !r.ok && r.error.code === 'rate_limited')).toHaveLength(195);
  });

  it('an unknown 工号 is counted and locked the same way (no telling which 工号 exist)', async () => {
    app = makeApp();
    await seeded(app);
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 6; i++) {
      const a = await tryLogin(app, 'E001', 'wrong-one');
      const b = await tryLogin(app, 'NOBODY', 'wrong-one');
      known.push(a.ok ? 200 : a.status);
      unknown.push(b.ok ? 200 : b.status);
    }
    expect(unknown).toEqual(known);
    expect(known).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('the lock survives a restart: it is kept in the data folder', async () => {
    app = makeApp();
    const s = await seeded(app);
    for (let i = 0; i < 5; i++) await tryLogin(app, 'E001', 'wrong-one');
    const t = app.clock.t;
    app.close();
    app = makeApp(app.dir);
    app.clock.t = t + 60_000;
    expect(await tryLogin(app, 'E001', s.pw('E001'))).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSeconds: 240 } });
  });
});

describe('an administrator lifts a lock', () => {
  it('sees what is locked and until when, unlocks with a reason (audited), and the person can log in again', async () => {
    app = makeApp();
    const s = await seeded(app);
    for (let i = 0; i < 5; i++) await tryLogin(app, 'E001', 'wrong-one');
    for (let i = 0; i < 20; i++) await tryLogin(app, `X${i}`, 'wrong', LAN(7));
    const locks = await app.call('auth.locks', {}, s.admin);
    expect(locks.map((l) => [l.kind, l.subject])).toEqual(
      expect.arrayContaining([
        ['account', 'E001'],
        ['address', '10.20.0.7'],
      ]),
    );
    expect(await app.raw('auth.unlock', { kind: 'account', subject: 'E001', reason: ' ' }, s.admin)).toMatchObject({ ok: false, error: { code: 'bad_input', field: 'reason' } });
    expect(await app.raw('auth.unlock', { kind: 'account', subject: 'E002', reason: '误锁' }, s.admin)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await tryLogin(app, 'E001', s.pw('E001'))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    await app.call('auth.unlock', { kind: 'account', subject: 'E001', reason: '本人忘记密码，已核实身份' }, s.admin);
    expect(await tryLogin(app, 'E001', s.pw('E001'))).toMatchObject({ ok: true });
    await app.call('auth.unlock', { kind: 'address', subject: '10.20.0.7', reason: '班组电脑，已查明' }, s.admin);
    expect(await tryLogin(app, 'E002', s.pw('E002'), LAN(7))).toMatchObject({ ok: true });
    const unlocked = (await audit(app)).filter((e) => e.action === 'login.unlocked');
    expect(unlocked.map((e) => [e.subject, e.reason, e.by])).toEqual([
      ['E001', '本人忘记密码，已核实身份', 'admin'],
      ['10.20.0.7', '班组电脑，已查明', 'admin'],
    ]);
    expect(await app.call('auth.locks', {}, s.admin)).toEqual([]);
  });
});

describe('per client address', () => {
  it('20 failures from one address block it for every 工号; other addresses are not affected', async () => {
    app = makeApp();
    const s = await seeded(app);
    // spraying one password across many 工号 from one PC
    for (let i = 0; i < LOGIN_POLICY.address.failures; i++) expect(await tryLogin(app, `X${i}`, 'Spring2024!', LAN(7))).toMatchObject({ status: 401 });
    const blocked = await tryLogin(app, 'E001', s.pw('E001'), LAN(7));
    expect(blocked).toMatchObject({ ok: false, error: { code: 'rate_limited', field: 'address', retryAfterSeconds: 900 } });
    expect(blocked.ok ? '' : blocked.error.message).toContain('从这台电脑');
    expect(await tryLogin(app, 'E001', s.pw('E001'), LAN(8))).toMatchObject({ ok: true });
    const entry = (await audit(app)).find((e) => e.action === 'login.blocked');
    expect(entry).toMatchObject({ subject: '10.20.0.7', by: '10.20.0.7' });
    app.clock.advance(LOGIN_POLICY.address.firstLockMs);
    expect(await tryLogin(app, 'E001', s.pw('E001'), LAN(7))).toMatchObject({ ok: true });
  });

  it('a stranger on the LAN locks at most four accounts per quarter hour', async () => {
    app = makeApp();
    const s = await seeded(app);
    const victims = ['E001', 'E002', 'E003', 'M001', 'admin'];
    for (const v of victims) for (let i = 0; i < 5; i++) await tryLogin(app, v, 'wrong-one', LAN(9));
    const fine = await Promise.all(victims.map(async (v) => (await tryLogin(app, v, v === 'admin' ? 'admin-pass-1' : s.pw(v), LAN(10))).ok));
    expect(fine).toEqual([false, false, false, false, true]);
  });

  it('the server PC itself is never blocked as an address (many people share the desktop app)', async () => {
    app = makeApp();
    const s = await seeded(app);
    for (let i = 0; i < 40; i++) await tryLogin(app, `X${i}`, 'wrong-one', LOCAL);
    expect(await tryLogin(app, 'E001', s.pw('E001'), LOCAL)).toMatchObject({ ok: true });
  });

  it('IPv6 clients are counted by their /64', () => {
    expect(addressKey('fe80::1')).toBe('fe80:0:0:0::/64');
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('192.168.3.4')).toBe('192.168.3.4');
  });
});

describe('the administrator at the server PC', () => {
  it('a stranger who locks the admin account does not keep the admin out: one try every 10 s from the server PC', async () => {
    app = makeApp();
    await seeded(app);
    for (let i = 0; i < 5; i++) await tryLogin(app, 'admin', 'wrong-one', LAN(3));
    // from the LAN: locked
    expect(await tryLogin(app, 'admin', 'admin-pass-1', LAN(4))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // at the server PC: a slow lane, never a closed door
    expect(await tryLogin(app, 'admin', 'typo-pass-1', LOCAL)).toMatchObject({ ok: false, status: 401 });
    expect(await tryLogin(app, 'admin', 'admin-pass-1', LOCAL)).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSeconds: 10 } });
    app.clock.advance(LOGIN_POLICY.adminLoopbackEveryMs);
    expect(await tryLogin(app, 'admin', 'admin-pass-1', LOCAL)).toMatchObject({ ok: true });
  });

  it('an employee locked at the server PC stays locked there (the slow lane is for administrators)', async () => {
    app = makeApp();
    const s = await seeded(app);
    for (let i = 0; i < 5; i++) await tryLogin(app, 'E001', 'wrong-one', LAN(3));
    app.clock.advance(LOGIN_POLICY.adminLoopbackEveryMs);
    expect(await tryLogin(app, 'E001', s.pw('E001'), LOCAL)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });
});

describe('changing a password: the old password is counted as a sign-in is', () => {
  const change = (a: TempApp, token: string, oldPassword: string, client: ClientInfo = LAN(5), newPassword = 'a-new-pass-22') =>
    dispatch(a.ports, 'auth.changePassword', { oldPassword, newPassword }, token, client);

  it('300 wrong old passwords at once from one session: at most 5 reach the check, the account locks (audited), the right one waits for the lock to end', async () => {
    app = makeApp();
    const s = await seeded(app);
    const token = (await app.call('auth.login', { employeeNo: 'E001', password: s.pw('E001') })).token;
    const before = app.ports.runtime.passwordChecks;
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => change(app, token, `guess-${i}`)));
    expect(app.ports.runtime.passwordChecks - before).toBeLessThanOrEqual(LOGIN_POLICY.account.failures);
    expect(results.filter((r) => !r.ok && r.status === 400 && r.error.field === 'oldPassword')).toHaveLength(LOGIN_POLICY.account.failures);
    expect(results.filter((r) => !r.ok && r.error.code === 'rate_limited')).toHaveLength(300 - LOGIN_POLICY.account.failures);
    // the right old password, and a sign-in with the right password, wait for the lock like any guess
    const locked = await change(app, token, s.pw('E001'));
    expect(locked).toMatchObject({ ok: false, status: 429, error: { code: 'rate_limited', field: 'oldPassword', retryAfterSeconds: 300 } });
    expect(await tryLogin(app, 'E001', s.pw('E001'), LAN(6))).toMatchObject({ ok: false, error: { code: 'rate_limited', field: 'employeeNo' } });
    expect(app.ports.runtime.passwordChecks - before).toBeLessThanOrEqual(LOGIN_POLICY.account.failures);
    // one lock, one audit entry, saying where the guesses came from
    const locks = (await audit(app)).filter((e) => e.action === 'login.locked');
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ subject: 'E001', by: '10.20.0.5', details: { address: '10.20.0.5', lock: 1, via: 'auth.changePassword' } });
    expect(locks[0]!.reason).toContain('原密码错误');
    // the password is what it was; after the lock the right old password changes it
    app.clock.advance(LOGIN_POLICY.account.firstLockMs);
    expect(await change(app, token, s.pw('E001'))).toMatchObject({ ok: true });
    expect(await tryLogin(app, 'E001', 'a-new-pass-22')).toMatchObject({ ok: true });
  });

  it('one at a time with the clock moved: 5 wrong in a quarter hour lock, the next lock is twice as long, and a right old password clears the count', async () => {
    app = makeApp();
    const s = await seeded(app);
    const token = (await app.call('auth.login', { employeeNo: 'E002', password: s.pw('E002') })).token;
    for (let i = 0; i < 4; i++) expect(await change(app, token, 'wrong-one', LOCAL)).toMatchObject({ status: 400 });
    // the right one clears the four before it (as a sign-in does)
    expect(await change(app, token, s.pw('E002'), LOCAL, 'second-pass-22')).toMatchObject({ ok: true });
    const checks = app.ports.runtime.passwordChecks;
    for (let i = 0; i < 300; i++) {
      await change(app, token, `guess-${i}`, LOCAL);
      app.clock.advance(2000);
    }
    // 300 guesses over ten minutes: five checked, the lock (5 min from the fifth) ends once and five more are checked, then 10 min
    expect(app.ports.runtime.passwordChecks - checks).toBe(2 * LOGIN_POLICY.account.failures);
    const locks = (await audit(app)).filter((e) => e.action === 'login.locked' && e.subject === 'E002');
    expect(locks.map((e) => e.details.lock)).toEqual([1, 2]);
    expect(await tryLogin(app, 'E002', 'second-pass-22')).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
  });

  it('wrong old passwords and wrong sign-ins add up to one count per 工号 and per address', async () => {
    app = makeApp();
    const s = await seeded(app);
    const token = (await app.call('auth.login', { employeeNo: 'E003', password: s.pw('E003') })).token;
    for (let i = 0; i < 3; i++) await change(app, token, 'wrong-one', LAN(11));
    for (let i = 0; i < 2; i++) await tryLogin(app, 'E003', 'wrong-one', LAN(12));
    expect(await change(app, token, s.pw('E003'), LAN(11))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    // the address: 3 wrong old passwords + 17 wrong sign-ins across 工号 block it
    app.clock.advance(LOGIN_POLICY.windowMs);
    const t2 = (await app.call('auth.login', { employeeNo: 'E001', password: s.pw('E001') })).token;
    for (let i = 0; i < 3; i++) await change(app, t2, 'wrong-one', LAN(13));
    for (let i = 0; i < LOGIN_POLICY.address.failures - 3; i++) await tryLogin(app, `X${i}`, 'wrong-one', LAN(13));
    expect(await tryLogin(app, 'E002', s.pw('E002'), LAN(13))).toMatchObject({ ok: false, error: { code: 'rate_limited', field: 'address' } });
  });
});

describe('first-run setup codes', () => {
  const CODE = 'ABCD-EFGH-JKMN';
  const INPUT = { enterprise: '远程设置（虚构）', adminNo: 'boss', adminName: 'B', password: 'long-enough-1' };
  const fresh = () => {
    app = makeApp();
    app.ports.setupCode = CODE;
    return app;
  };
  const trySetup = (a: TempApp, setupCode: string, client: ClientInfo) => dispatch(a.ports, 'setup.init', { ...INPUT, setupCode }, null, client);
  const isSetUp = async (a: TempApp) => (await a.ports.store.meta.read()).enterprise !== null;

  it('200 wrong codes at once from one PC: at most 10 are compared; then even the right code waits, setup at the server PC does not', async () => {
    const a = fresh();
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => trySetup(a, `WXYZ-WXYZ-${String(i).padStart(4, '2')}`, LAN(1))));
    expect(results.filter((r) => !r.ok && r.status === 400 && r.error.field === 'setupCode')).toHaveLength(LOGIN_POLICY.setupCode.failures);
    expect(results.filter((r) => !r.ok && r.error.code === 'rate_limited')).toHaveLength(200 - LOGIN_POLICY.setupCode.failures);
    const wait = await trySetup(a, CODE, LAN(2));
    expect(wait).toMatchObject({ ok: false, status: 429, error: { code: 'rate_limited', field: 'setupCode', retryAfterSeconds: LOGIN_POLICY.setupCode.firstLockMs / 1000 } });
    expect(wait.ok ? '' : wait.error.message).toContain('在服务器电脑上直接设置');
    expect(await isSetUp(a)).toBe(false);
    const locks = (await audit(a)).filter((e) => e.action === 'setup.locked');
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ subject: 'setup', by: '10.20.0.1', details: { address: '10.20.0.1', lock: 1, via: 'setup.init' } });
    // at the server PC no code is needed, and nothing holds it up
    expect(await dispatch(a.ports, 'setup.init', INPUT, null, LOCAL)).toMatchObject({ ok: true });
  });

  it('a spray from many addresses gets no more: 10 wrong codes from 10 PCs pause setup for every PC; the pause grows and survives a restart', async () => {
    const a = fresh();
    for (let i = 1; i <= LOGIN_POLICY.setupCode.failures; i++) expect(await trySetup(a, 'WXYZ-WXYZ-WXYZ', LAN(i))).toMatchObject({ status: 400 });
    expect(await trySetup(a, CODE, LAN(99))).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSeconds: 900 } });
    app.clock.advance(LOGIN_POLICY.setupCode.firstLockMs);
    // the second round pauses it twice as long
    for (let i = 1; i <= LOGIN_POLICY.setupCode.failures; i++) await trySetup(a, 'WXYZ-WXYZ-WXYZ', LAN(20 + i));
    expect(await trySetup(a, CODE, LAN(98))).toMatchObject({ ok: false, error: { code: 'rate_limited', retryAfterSeconds: 1800 } });
    const t = app.clock.t;
    app.close();
    app = makeApp(app.dir);
    app.ports.setupCode = CODE;
    app.clock.t = t;
    expect(await trySetup(app, CODE, LAN(97))).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    app.clock.advance(2 * LOGIN_POLICY.setupCode.firstLockMs);
    // once the pause is over the right code sets it up, from any PC
    expect(await trySetup(app, CODE, LAN(97))).toMatchObject({ ok: true });
    expect(await isSetUp(app)).toBe(true);
    expect((await audit(app)).filter((e) => e.action === 'setup.locked').map((e) => e.details.lock)).toEqual([1, 2]);
  });

  it('a wrong code counts against its PC as a failed sign-in; a right code is not counted', async () => {
    const a = fresh();
    for (let i = 0; i < 5; i++) await trySetup(a, 'WXYZ-WXYZ-WXYZ', LAN(7));
    for (let i = 0; i < LOGIN_POLICY.address.failures - 5; i++) await tryLogin(a, `X${i}`, 'wrong-one', LAN(7));
    expect(await tryLogin(a, 'X0', 'wrong-one', LAN(7))).toMatchObject({ ok: false, error: { code: 'rate_limited', field: 'address' } });
    // 5 wrong codes so far: 4 more and the right one are all compared, the right one sets it up
    for (let i = 0; i < 4; i++) expect(await trySetup(a, 'WXYZ-WXYZ-WXYZ', LAN(8))).toMatchObject({ status: 400 });
    expect(await trySetup(a, CODE, LAN(8))).toMatchObject({ ok: true });
    // no pause began, so nothing about setup in the audit log
    expect((await audit(a)).filter((e) => e.action === 'setup.locked')).toEqual([]);
  });
});
