// Limits on failed logins, kept with the data (login-guard.json), so a restart does not clear them.
// Every password the server checks goes through here: a sign-in, and the old password when a
// signed-in person changes theirs (a session left open must not become a way to guess it); so
// does every first-run setup code sent from another PC.
//
// Every attempt is counted BEFORE the password is checked, inside one serialized update of the
// guard file: guesses sent at once queue up behind each other, and once the limit is reached the
// rest are refused without reaching the (slow, scrypt) check. A successful login takes its own
// count back and clears the account's failures.
//
// - per 工号: 5 failures in 15 minutes lock the account for 5 minutes, then 10, 20, 40, at most
//   60 (a key with no lock for 24 hours starts again at 5);
// - per client address (not on the server PC): 20 failures in 15 minutes block the address for
//   15 minutes, growing the same way up to 4 hours. This comes first for a stranger on the LAN:
//   one address can lock at most four accounts per quarter hour, and cannot spray a password
//   across the roster;
// - an administrator on the server PC itself is never locked out: while their account is locked,
//   one try every 10 seconds still reaches the check, so a stranger cannot keep the admin out;
// - setup codes: 10 wrong codes in 15 minutes from all addresses together pause setup from other
//   PCs for 15 minutes, growing the same way up to 4 hours (a spray from many addresses gets no
//   more guesses than one); a wrong code also counts against its address as a failed sign-in.
//   Setup at the server PC needs no code and is never paused.
// Each lock and block that begins goes into the audit log (once per lock, not once per guess).
import type { LoginGuardFile } from '../../../records/shared-docs';
import type { DeepReadonly } from '../../../records/versioned';
import type { ClientInfo, Ports } from '../ports';
import { appendAudit, type AuditInput } from './audit';
import { ApiError } from '../errors';
import { said } from '../../../core/message';
import { iso } from '../ports';

type GuardEntry = LoginGuardFile['entries'][string];

export const LOGIN_POLICY = {
  windowMs: 15 * 60_000,
  account: { failures: 5, firstLockMs: 5 * 60_000, maxLockMs: 60 * 60_000 },
  address: { failures: 20, firstLockMs: 15 * 60_000, maxLockMs: 4 * 3600_000 },
  /**
   * wrong first-run setup codes from every address together: a spray from many addresses gets no
   * more guesses than one PC. Setup at the server PC itself needs no code and is never held up.
   */
  setupCode: { failures: 10, firstLockMs: 15 * 60_000, maxLockMs: 4 * 3600_000 },
  /** a key with no lock for this long starts again at the first lock's length */
  memoryMs: 24 * 3600_000,
  /** an administrator on the server PC: one try this often while their account is locked */
  adminLoopbackEveryMs: 10_000,
  /** the file never holds more keys than this (the least recently tried go first) */
  maxEntries: 5000,
} as const;

/** The one key of the setup code (there is one code, whoever guesses it). */
const SETUP_KEY = 'setup:code';

/** The key of a client address: IPv6 by its /64 (one host can use a whole /64), IPv4 as it is. */
export function addressKey(address: string): string {
  if (!address.includes(':')) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill('0'), ...t] : h;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** An attempt counted: its time and its keys; the first key is the one the right secret proves (an account, the setup code). */
export interface LoginTicket {
  at: number;
  keys: string[];
}

/** Which call checked a secret: kept in the audit entry of a lock it began. */
export type GuardedCall = 'auth.login' | 'auth.changePassword' | 'setup.init';

type Rule = { failures: number; firstLockMs: number; maxLockMs: number };
type Refusal = { key: string; until: number };

const ruleOf = (key: string): Rule => (key.startsWith('no:') ? LOGIN_POLICY.account : key === SETUP_KEY ? LOGIN_POLICY.setupCode : LOGIN_POLICY.address);

const emptyEntry = (): GuardEntry => ({ failures: [], lockedUntil: 0, locks: 0, lastLockAt: 0, lastTryAt: 0 });

function prune(f: LoginGuardFile, now: number): void {
  const keys = Object.keys(f.entries);
  for (const k of keys) {
    const e = f.entries[k]!;
    e.failures = e.failures.filter((t) => now - t < LOGIN_POLICY.windowMs);
    if (e.failures.length === 0 && e.lockedUntil <= now && now - e.lastLockAt >= LOGIN_POLICY.memoryMs) delete f.entries[k];
  }
  const left = Object.entries(f.entries);
  if (left.length > LOGIN_POLICY.maxEntries) {
    left.sort((a, b) => a[1].lastTryAt - b[1].lastTryAt);
    for (const [k] of left.slice(0, left.length - LOGIN_POLICY.maxEntries)) delete f.entries[k];
  }
}

function lockFor(e: GuardEntry, from: number, rule: Rule): number {
  e.locks = from - e.lastLockAt < LOGIN_POLICY.memoryMs ? e.locks + 1 : 1;
  e.lastLockAt = from;
  e.lockedUntil = from + Math.min(rule.firstLockMs * 2 ** (e.locks - 1), rule.maxLockMs);
  e.failures = [];
  return e.lockedUntil;
}

function refusal(r: Refusal, now: number, via: GuardedCall): ApiError {
  const seconds = Math.max(1, Math.ceil((r.until - now) / 1000));
  const when = seconds < 90 ? said('common.seconds', { n: seconds }) : said('common.minutes', { n: Math.ceil(seconds / 60) });
  if (r.key === SETUP_KEY) {
    return new ApiError('rate_limited', 'accounts.tooManyWrongSetup', { when }, 'setupCode', seconds);
  }
  if (r.key.startsWith('no:')) {
    // on the password page the field at fault is the old password, on the login page the 工号
    return new ApiError('rate_limited', 'accounts.tooManyWrongPasswords', { when }, via === 'auth.changePassword' ? 'oldPassword' : 'employeeNo', seconds);
  }
  return new ApiError('rate_limited', 'accounts.tooManyFailedSign', { when }, 'address', seconds);
}

/**
 * Count this attempt under `keys` before the secret is checked. Refuses (rate_limited, with when
 * to try again) when a key is locked, or when this attempt would go over a key's limit, which then
 * begins a lock (audited). `slowLane`: the administrator at the server PC, never shut out of their
 * account.
 */
async function admitAttempt(ports: Ports, keys: string[], via: GuardedCall, client: ClientInfo, slowLane: boolean, subject: string): Promise<LoginTicket> {
  const now = ports.clock.now();
  const locked: AuditInput[] = [];
  const outcome = await ports.store.loginGuard.update((f): Refusal | null => {
    prune(f, now);
    let refused: Refusal | null = null;
    for (const key of keys) {
      const e = (f.entries[key] ??= emptyEntry());
      const account = key.startsWith('no:');
      const rule = ruleOf(key);
      if (e.lockedUntil <= now && e.failures.length >= rule.failures) {
        // the last failure reached the limit: the lock runs from it
        const until = lockFor(e, Math.max(...e.failures), rule);
        const details = { address: client.address, until: iso(until), lock: e.locks, via };
        locked.push(
          account
            ? {
                by: client.address,
                action: 'login.locked',
                subject,
                reason: via === 'auth.changePassword' ? `修改密码时连续 ${rule.failures} 次原密码错误` : `连续 ${rule.failures} 次密码错误`,
                details,
              }
            : key === SETUP_KEY
              ? { by: client.address, action: 'setup.locked', subject: 'setup', reason: `${LOGIN_POLICY.windowMs / 60_000} 分钟内 ${rule.failures} 次设置码错误`, details }
              : {
                  by: client.address,
                  action: 'login.blocked',
                  subject: client.address,
                  reason: `${LOGIN_POLICY.windowMs / 60_000} 分钟内 ${rule.failures} 次${via === 'setup.init' ? '设置码错误' : '登录失败'}`,
                  details: via === 'setup.init' ? details : { ...details, employeeNo: subject },
                },
        );
      }
      if (e.lockedUntil > now) {
        // the administrator at the server PC: a slow lane, never a closed door
        if (account && slowLane) {
          if (now - (e.laneAt ?? 0) >= LOGIN_POLICY.adminLoopbackEveryMs) continue;
          refused = { key, until: (e.laneAt ?? 0) + LOGIN_POLICY.adminLoopbackEveryMs };
        } else refused = { key, until: e.lockedUntil };
        break;
      }
    }
    if (refused) {
      // nothing new to keep: thrown, the update leaves the file as it was
      if (locked.length === 0) throw refusal(refused, now, via);
      return refused;
    }
    // counted now, before the check: parallel guesses see each other's count
    for (const key of keys) {
      const e = f.entries[key]!;
      if (e.lockedUntil > now) e.laneAt = now;
      else e.failures.push(now);
      e.lastTryAt = now;
    }
    return null;
  });
  // a lock that began is written even though this attempt is refused
  for (const entry of locked) await appendAudit(ports, entry);
  if (outcome) throw refusal(outcome, now, via);
  return { at: now, keys };
}

/**
 * Count a password check (a sign-in, or the old password when changing it) before it is made:
 * per 工号, and per client address unless on the server PC. Refused once a limit is reached.
 */
export function admitLogin(ports: Ports, employeeNo: string, client: ClientInfo, isAdmin: boolean, via: GuardedCall = 'auth.login'): Promise<LoginTicket> {
  const accountKey = `no:${employeeNo}`;
  const keys = client.loopback ? [accountKey] : [accountKey, `ip:${addressKey(client.address)}`];
  return admitAttempt(ports, keys, via, client, isAdmin && client.loopback, employeeNo);
}

/**
 * Count a first-run setup code before it is compared: against one limit for every address
 * together, and against the address's own (shared with its failed sign-ins).
 */
export function admitSetupCode(ports: Ports, client: ClientInfo): Promise<LoginTicket> {
  const keys = client.loopback ? [SETUP_KEY] : [SETUP_KEY, `ip:${addressKey(client.address)}`];
  return admitAttempt(ports, keys, 'setup.init', client, false, 'setup');
}

/** The secret was right: take this attempt's count back and clear the failures of what it proved (the account, the code). */
export async function loginSucceeded(ports: Ports, ticket: LoginTicket): Promise<void> {
  const [first, ...rest] = ticket.keys;
  const seen = await ports.store.loginGuard.peek();
  if (!seen.entries[first!] && rest.every((k) => !seen.entries[k]?.failures.includes(ticket.at))) return;
  await ports.store.loginGuard.update((f) => {
    const [accountKey, ...others] = ticket.keys;
    delete f.entries[accountKey!];
    for (const key of others) {
      const e = f.entries[key];
      if (!e) continue;
      const i = e.failures.lastIndexOf(ticket.at);
      if (i >= 0) e.failures.splice(i, 1);
    }
  });
}

/** Until when a key is locked: its lock, or the one its failures have earned (it begins at the next try). */
function lockedUntil(key: string, e: DeepReadonly<GuardEntry>, now: number): number {
  if (e.lockedUntil > now) return e.lockedUntil;
  const rule = ruleOf(key);
  const recent = e.failures.filter((t) => now - t < LOGIN_POLICY.windowMs);
  if (recent.length < rule.failures) return 0;
  const until = lockFor(structuredClone(e) as GuardEntry, Math.max(...recent), rule);
  return until > now ? until : 0;
}

/** What is locked or blocked now, with until when (for the administrator). */
export async function currentLocks(ports: Ports): Promise<{ kind: 'account' | 'address'; subject: string; until: string; failures: number }[]> {
  const now = ports.clock.now();
  const { entries } = await ports.store.loginGuard.peek();
  return (
    Object.entries(entries)
      // the setup code's lock is over once the server is set up; an admin has nothing to lift there
      .filter(([key]) => key !== SETUP_KEY)
      .map(([key, e]) => ({ key, e, until: lockedUntil(key, e, now) }))
      .filter((x) => x.until > 0)
      .map(({ key, e, until }) => ({ kind: key.startsWith('no:') ? ('account' as const) : ('address' as const), subject: key.slice(3), until: iso(until), failures: e.failures.length }))
      .sort((a, b) => a.until.localeCompare(b.until))
  );
}

/**
 * An administrator lifts a lock (of an account, or of a client address) before it ends; its
 * failures and its history of locks go with it. Kept in the audit log, with why.
 */
export async function unlock(ports: Ports, by: string, input: { kind: 'account' | 'address'; subject: string; reason: string }): Promise<{ ok: true }> {
  const key = `${input.kind === 'account' ? 'no' : 'ip'}:${input.subject}`;
  const was = await ports.store.loginGuard.update((f) => {
    const e = f.entries[key];
    if (!e || lockedUntil(key, e, ports.clock.now()) === 0)
      throw new ApiError('not_found', input.kind === 'account' ? 'accounts.accountNotLocked' : 'accounts.addressNotBlocked', { subject: input.subject });
    delete f.entries[key];
    return e;
  });
  await appendAudit(ports, { by, action: 'login.unlocked', subject: input.subject, reason: input.reason, details: { kind: input.kind, failures: was.failures.length, locks: was.locks } });
  return { ok: true };
}
