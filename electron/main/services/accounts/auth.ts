// Accounts, passwords (scrypt) and sessions.
import { indexOf } from '../list-index';
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Role } from '../../../core/model';
import type { Input, Me } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import { appendAudit } from './audit';
import { ApiError, badInput, conflict, forbidden } from '../errors';
import { admitLogin, admitSetupCode, loginSucceeded } from './login-guard';
import { createSigningKey, keepCopyFor, unlockWith } from '../signing/signing';
import { iso, LOCAL_CLIENT, type Caller, type ClientInfo, type Ports } from '../ports';
import type { SessionTable } from '../../storage/store';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether `password` is the one `stored` was made from; counted in the app's runtime (the login-limit tests count them). */
export async function verifyPassword(ports: Ports, password: string, stored: string): Promise<boolean> {
  ports.runtime.passwordChecks += 1;
  const [kind, n, r, p, saltB64, keyB64] = stored.split('$');
  if (kind !== 'scrypt' || !saltB64 || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const key = await scrypt(password, Buffer.from(saltB64, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password a person can read off a slip and type: no 0/O/1/l/I. */
export function generatePassword(length = 10): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

export function memorySessions(ttlMs = SESSION_TTL_MS, now: () => number = Date.now): SessionTable {
  const table = new Map<string, { employeeNo: string; lastSeen: number }>();
  return {
    async create(employeeNo) {
      const token = newToken();
      table.set(token, { employeeNo, lastSeen: now() });
      return token;
    },
    async resolve(token) {
      if (!token) return null;
      const s = table.get(token);
      if (!s) return null;
      if (now() - s.lastSeen > ttlMs) {
        table.delete(token);
        return null;
      }
      s.lastSeen = now();
      return s.employeeNo;
    },
    async drop(token) {
      table.delete(token);
    },
    async dropAllFor(employeeNo, except = null) {
      let n = 0;
      for (const [t, s] of table)
        if (s.employeeNo === employeeNo && t !== except) {
          table.delete(t);
          n += 1;
        }
      return n;
    },
  };
}

/** a session ends after this long without a call */
export const SESSION_TTL_MS = 12 * 3600_000;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function resolveCaller(ports: Ports, token: string | null, client: ClientInfo = LOCAL_CLIENT): Promise<Caller> {
  const employeeNo = await ports.sessions.resolve(token);
  if (!employeeNo) return { account: null, token: null, client };
  // peek, and an index made once per accounts file: this runs on every call, and the file holds every employee
  const { accounts } = await ports.store.accounts.peek();
  // a disabled account has no sessions (they end when it is disabled); one that is left is refused all the same
  const found = indexOf(accounts, 'active', (a) => (a.disabled ? null : a.employeeNo)).get(employeeNo);
  const account = found ? { ...found, roles: [...found.roles] } : null;
  return { account, token: account ? token : null, client };
}

export async function toMe(ports: Ports, a: Account): Promise<Me> {
  // peek, not read: every sign-in comes here and the roster holds everyone (a copy of 3,000 rows per sign-in)
  const { people } = await ports.store.roster.peek();
  const p = people.find((x) => x.employeeNo === a.employeeNo);
  const person = p
    ? {
        employeeNo: p.employeeNo,
        name: p.name,
        dept: p.dept,
        team: p.team,
        post: p.post,
        category: p.category,
        leader: p.leader,
        ...(p.level ? { level: p.level } : {}),
        ...(p.superior ? { superior: p.superior } : {}),
      }
    : null;
  return { employeeNo: a.employeeNo, name: a.name, roles: a.roles, person, mustChangePassword: a.mustChangePassword === true };
}

export async function setupStatus(ports: Ports, client: ClientInfo = LOCAL_CLIENT) {
  const meta = await ports.store.meta.peek();
  const initialized = meta.enterprise !== null;
  return { initialized, enterprise: meta.enterprise, setupCodeRequired: !initialized && !client.loopback };
}

function sameCode(given: string, expected: string): boolean {
  const norm = (x: string) => Buffer.from(x.toUpperCase().replace(/[\s-]/g, ''));
  const a = norm(given);
  const b = norm(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A one-time setup code: 12 characters a person can read off the server's screen and type. */
export function generateSetupCode(): string {
  const raw = generatePassword(12)
    .toUpperCase()
    .replace(/[^A-Z2-9]/g, 'X');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8)}`;
}

/**
 * First run: enterprise + admin account. Refused once the folder is set up. From the server PC
 * itself it needs nothing more; from any other address only with the code the server printed
 * (a page elsewhere on the network must not be the one to set up a fresh server).
 */
export async function setupInit(ports: Ports, input: Input<'setup.init'>, client: ClientInfo = LOCAL_CLIENT): Promise<Me> {
  // answered before the slow hash: a set-up server costs nothing to ask again
  if ((await ports.store.meta.peek()).enterprise !== null) throw conflict('accounts.setupDoneAlreadyCannot');
  if (!client.loopback) {
    if (!ports.setupCode) throw forbidden('accounts.firstSetupCanDone');
    if (!input.setupCode) throw badInput('accounts.setUpAnotherPc', {}, 'setupCode');
    // a guess is counted before it is compared, for all addresses together (login-guard.ts)
    const ticket = await admitSetupCode(ports, client);
    if (!sameCode(input.setupCode, ports.setupCode)) throw badInput('accounts.setupCodeNotRight', {}, 'setupCode');
    await loginSucceeded(ports, ticket);
  }
  const passwordHash = await hashPassword(input.password);
  const at = iso(ports.clock.now());
  await ports.store.meta.update((m) => {
    if (m.enterprise !== null) throw conflict('accounts.setupDoneAlreadyCannot');
    m.enterprise = input.enterprise;
    m.createdAt = at;
  });
  const account: Account = {
    employeeNo: input.adminNo,
    name: input.adminName,
    roles: ['admin', 'officer', 'archivist'],
    passwordHash,
    createdAt: at,
  };
  await ports.store.accounts.update((f) => {
    f.accounts = f.accounts.filter((a) => a.employeeNo !== account.employeeNo);
    f.accounts.push(account);
  });
  // the enterprise's signing key, under this admin's password
  await createSigningKey(ports, account.employeeNo, input.password);
  return toMe(ports, account);
}

export async function login(ports: Ports, input: Input<'auth.login'>, client: ClientInfo = LOCAL_CLIENT): Promise<{ token: string; me: Me }> {
  const { accounts } = await ports.store.accounts.peek();
  const found = accounts.find((x) => x.employeeNo === input.employeeNo);
  // counted before the check; refused here once a limit is reached
  const ticket = await admitLogin(ports, input.employeeNo, client, found?.roles.includes('admin') ?? false);
  const ok = await verifyPassword(ports, input.password, found?.passwordHash ?? DUMMY_HASH);
  if (!found || !ok) throw new ApiError('unauthenticated', 'accounts.wrongEmployeeNoPassword');
  // said only to whoever knows the password: a disabled account is not told apart from a wrong password otherwise
  if (found.disabled) throw forbidden('accounts.accountDisabledAskSystem');
  await loginSucceeded(ports, ticket);
  // an admin's sign-in unlocks the signing key for this app (services/signing/signing.ts)
  if (found.roles.includes('admin')) await unlockWith(ports, found.employeeNo, input.password);
  const token = await ports.sessions.create(found.employeeNo);
  return { token, me: await toMe(ports, { ...found, roles: [...found.roles] }) };
}
// a fixed hash so an unknown 工号 costs the same time as a wrong password
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64).toString('base64');

export async function changePassword(ports: Ports, caller: Caller & { account: Account }, input: Input<'auth.changePassword'>): Promise<{ ok: true; sessionsEnded: number }> {
  const a = caller.account;
  // counted as a sign-in is, before the check: a session left open is not a way to guess the
  // password (nor the signing key an admin's password unlocks)
  const ticket = await admitLogin(ports, a.employeeNo, caller.client, a.roles.includes('admin'), 'auth.changePassword');
  if (!(await verifyPassword(ports, input.oldPassword, a.passwordHash))) throw badInput('accounts.oldPasswordNotRight', {}, 'oldPassword');
  await loginSucceeded(ports, ticket);
  const sessionsEnded = await replacePassword(ports, caller.account.employeeNo, input.newPassword, caller.token);
  await appendAudit(ports, { by: caller.account.employeeNo, action: 'password.changed', subject: caller.account.employeeNo, reason: '本人修改密码', details: { sessionsEnded } });
  return { ok: true, sessionsEnded };
}

/**
 * Set a new password and end every session of the account but `keep` (the one that changed
 * it, if any); `mustChange`: a one-time password (an admin's reset) that must be replaced at the
 * next sign-in. Every way a password changes goes through here; how many sessions ended.
 */
export async function replacePassword(ports: Ports, employeeNo: string, password: string, keep: string | null, mustChange = false): Promise<number> {
  const hash = await hashPassword(password);
  let admin = false;
  await ports.store.accounts.update((f) => {
    const a = f.accounts.find((x) => x.employeeNo === employeeNo);
    admin = a?.roles.includes('admin') ?? false;
    if (a) {
      a.passwordHash = hash;
      if (mustChange) a.mustChangePassword = true;
      else delete a.mustChangePassword;
    }
  });
  // an admin's copy of the signing key follows the password (or goes, when the key is locked)
  if (admin) await keepCopyFor(ports, employeeNo, password);
  return await ports.sessions.dropAllFor(employeeNo, keep);
}

export function hasRole(a: Account, r: Role): boolean {
  return a.roles.includes(r);
}
