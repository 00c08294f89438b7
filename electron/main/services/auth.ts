// Accounts, passwords (scrypt) and sessions.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import type { Role } from '../../core/model';
import type { Input, Me } from '../../shared/api';
import type { Account } from '../storage/data-store';
import { ApiError, badInput, conflict } from './errors';
import { iso, type Caller, type Ports, type SessionTable } from './ports';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 };

function scrypt(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scryptCb(password.normalize('NFC'), salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
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

export function memorySessions(ttlMs = 12 * 3600_000, now: () => number = Date.now): SessionTable {
  const table = new Map<string, { employeeNo: string; lastSeen: number }>();
  return {
    create(employeeNo) {
      const token = randomBytes(32).toString('base64url');
      table.set(token, { employeeNo, lastSeen: now() });
      return token;
    },
    resolve(token) {
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
    drop(token) {
      table.delete(token);
    },
    dropAllFor(employeeNo) {
      for (const [t, s] of table) if (s.employeeNo === employeeNo) table.delete(t);
    },
  };
}

export async function resolveCaller(ports: Ports, token: string | null): Promise<Caller> {
  const employeeNo = ports.sessions.resolve(token);
  if (!employeeNo) return { account: null, token: null };
  // peek: this runs on every call, and the accounts file holds every employee
  const { accounts } = await ports.store.accounts.peek();
  const found = accounts.find((a) => a.employeeNo === employeeNo);
  const account = found ? { ...found, roles: [...found.roles] } : null;
  return { account, token: account ? token : null };
}

export async function toMe(ports: Ports, a: Account): Promise<Me> {
  const { people } = await ports.store.roster.read();
  const p = people.find((x) => x.employeeNo === a.employeeNo);
  const person = p ? { employeeNo: p.employeeNo, name: p.name, dept: p.dept, team: p.team, post: p.post, category: p.category, leader: p.leader } : null;
  return { employeeNo: a.employeeNo, name: a.name, roles: a.roles, person };
}

export async function setupStatus(ports: Ports) {
  const meta = await ports.store.meta.read();
  return { initialized: meta.enterprise !== null, enterprise: meta.enterprise };
}

/** First run: enterprise + admin account. Refused once the folder is set up. */
export async function setupInit(ports: Ports, input: Input<'setup.init'>): Promise<Me> {
  const passwordHash = await hashPassword(input.password);
  const at = iso(ports.clock.now());
  await ports.store.meta.update((m) => {
    if (m.enterprise !== null) throw conflict('已完成初始设置，不能再次设置');
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
  return toMe(ports, account);
}

const failures = new Map<string, number[]>();
const LOCK_AFTER = 5;
const LOCK_WINDOW_MS = 5 * 60_000;

export async function login(ports: Ports, input: Input<'auth.login'>): Promise<{ token: string; me: Me }> {
  const now = Date.now();
  const recent = (failures.get(input.employeeNo) ?? []).filter((t) => now - t < LOCK_WINDOW_MS);
  if (recent.length >= LOCK_AFTER) {
    throw new ApiError('forbidden', '密码错误次数过多，请 5 分钟后再试');
  }
  const { accounts } = await ports.store.accounts.read();
  const a = accounts.find((x) => x.employeeNo === input.employeeNo);
  const ok = a ? await verifyPassword(input.password, a.passwordHash) : await verifyPassword(input.password, DUMMY_HASH);
  if (!a || !ok) {
    failures.set(input.employeeNo, [...recent, now]);
    throw new ApiError('unauthenticated', '工号或密码错误');
  }
  failures.delete(input.employeeNo);
  const token = ports.sessions.create(a.employeeNo);
  return { token, me: await toMe(ports, a) };
}
// a fixed hash so an unknown 工号 costs the same time as a wrong password
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$' + Buffer.alloc(64).toString('base64');

export async function changePassword(ports: Ports, caller: Account, input: Input<'auth.changePassword'>): Promise<{ ok: true }> {
  if (!(await verifyPassword(input.oldPassword, caller.passwordHash))) throw badInput('原密码不正确', 'oldPassword');
  const hash = await hashPassword(input.newPassword);
  await ports.store.accounts.update((f) => {
    const a = f.accounts.find((x) => x.employeeNo === caller.employeeNo);
    if (a) a.passwordHash = hash;
  });
  return { ok: true };
}

export function hasRole(a: Account, r: Role): boolean {
  return a.roles.includes(r);
}
