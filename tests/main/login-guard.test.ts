// Login limits (services/login-guard.ts) on a real data folder with a clock the test moves: per
// 工号 and per client address, counted before the password check, kept across a restart, and an
// administrator at the server PC never shut out.
import { afterEach, describe, expect, it } from 'vitest';
import { passwordChecks } from '../../electron/main/services/auth';
import { addressKey, LOGIN_POLICY } from '../../electron/main/services/login-guard';
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
      app.clock.advance((r.ok ? 0 : r.error.retryAfterSeconds ?? 0) * 1000);
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
    const before = passwordChecks.count;
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => tryLogin(app, 'E003', `guess-${i}`, LAN(1))));
    expect(passwordChecks.count - before).toBeLessThanOrEqual(LOGIN_POLICY.account.failures);
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
    expect(locks.map((l) => [l.kind, l.subject])).toEqual(expect.arrayContaining([['account', 'E001'], ['address', '10.20.0.7']]));
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
