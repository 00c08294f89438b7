// Account administration, for the admin: who has which roles, a forgotten
// password reset to a one-time one, an account disabled (a person who left keeps their records)
// and enabled again, a person's sessions ended. Each change is in the audit log; the last admin
// who can still sign in can never be removed or disabled.
import { ROLES, type Role } from '../../../core/model';
import type { AccountView, Input } from '../../../shared/api';
import type { Account } from '../../../records/shared-docs';
import { appendAudit } from './audit';
import { generatePassword, replacePassword } from './auth';
import { badInput, conflict, notFound } from '../errors';
import { iso, type Ports } from '../ports';

const ROLE_NAMES: Record<Role, string> = { employee: '员工', officer: '安全管理人员', archivist: '档案管理员', admin: '系统管理员' };

function view(a: Account, inRoster: ReadonlySet<string>): AccountView {
  return {
    employeeNo: a.employeeNo,
    name: a.name,
    roles: ROLES.filter((r) => a.roles.includes(r)),
    disabled: a.disabled === true,
    mustChangePassword: a.mustChangePassword === true,
    createdAt: a.createdAt,
    inRoster: inRoster.has(a.employeeNo),
  };
}

async function rosterNos(ports: Ports): Promise<Set<string>> {
  return new Set((await ports.store.roster.peek()).people.map((p) => p.employeeNo));
}

export async function listAccounts(ports: Ports): Promise<AccountView[]> {
  const { accounts } = await ports.store.accounts.peek();
  const inRoster = await rosterNos(ports);
  return [...accounts].sort((a, b) => a.employeeNo.localeCompare(b.employeeNo)).map((a) => view(a as Account, inRoster));
}

/** Admins who can sign in, but the one named (what would be left if it lost the role or were disabled). */
const otherActiveAdmins = (accounts: readonly Account[], employeeNo: string) => accounts.filter((a) => a.employeeNo !== employeeNo && a.roles.includes('admin') && !a.disabled).length;

/** Change one account, refusing what would leave no admin; returns the account as it is now. */
async function change(ports: Ports, employeeNo: string, fn: (a: Account, all: Account[]) => void): Promise<Account> {
  let out: Account | null = null;
  await ports.store.accounts.update((f) => {
    const a = f.accounts.find((x) => x.employeeNo === employeeNo);
    if (!a) throw notFound('accounts.noAccountEmployeeNumber', { employeeNo });
    fn(a, f.accounts);
    out = structuredClone(a);
  });
  return out!;
}

export async function setRoles(ports: Ports, by: string, input: Input<'accounts.setRoles'>): Promise<AccountView> {
  const roles = ROLES.filter((r) => input.roles.includes(r));
  let before: Role[] = [];
  const a = await change(ports, input.employeeNo, (acc, all) => {
    if (acc.roles.includes('admin') && !roles.includes('admin') && otherActiveAdmins(all, acc.employeeNo) === 0) throw conflict('accounts.lastAdminCannotLose');
    before = [...acc.roles];
    acc.roles = roles;
  });
  const added = roles.filter((r) => !before.includes(r));
  const removed = before.filter((r) => !roles.includes(r));
  if (added.length + removed.length > 0) {
    const words = [...added.map((r) => `授予${ROLE_NAMES[r]}`), ...removed.map((r) => `取消${ROLE_NAMES[r]}`)].join('，');
    await appendAudit(ports, { by, action: 'account.roles', subject: a.employeeNo, reason: input.reason || words, details: { added, removed, roles } });
  }
  return view(a, await rosterNos(ports));
}

/**
 * A one-time password, shown to the admin this once (never stored in clear): the person must
 * choose their own at the next sign-in. Every session of the account ends.
 */
export async function resetPassword(ports: Ports, by: string, input: Input<'accounts.resetPassword'>): Promise<{ employeeNo: string; name: string; password: string; sessionsEnded: number }> {
  const { accounts } = await ports.store.accounts.peek();
  const a = accounts.find((x) => x.employeeNo === input.employeeNo);
  if (!a) throw notFound('accounts.noAccountEmployeeNumber', { employeeNo: input.employeeNo });
  const password = generatePassword();
  const sessionsEnded = await replacePassword(ports, a.employeeNo, password, null, true);
  await appendAudit(ports, { by, action: 'password.reset', subject: a.employeeNo, reason: input.reason || '管理员重置密码', details: { sessionsEnded } });
  return { employeeNo: a.employeeNo, name: a.name, password, sessionsEnded };
}

/** Disable (sign-in refused, sessions ended, records kept) or enable an account again. */
export async function setDisabled(ports: Ports, by: string, input: Input<'accounts.setDisabled'>): Promise<AccountView> {
  if (input.disabled && input.employeeNo === by) throw badInput('accounts.youCannotDisableAccount', {}, 'employeeNo');
  const at = iso(ports.clock.now());
  let was = false;
  const a = await change(ports, input.employeeNo, (acc, all) => {
    if (input.disabled && acc.roles.includes('admin') && otherActiveAdmins(all, acc.employeeNo) === 0) throw conflict('accounts.lastAdminCannotDisabled');
    was = acc.disabled === true;
    if (input.disabled) {
      acc.disabled = true;
      acc.disabledAt = at;
    } else {
      delete acc.disabled;
      delete acc.disabledAt;
    }
  });
  let sessionsEnded = 0;
  if (input.disabled) sessionsEnded = await ports.sessions.dropAllFor(a.employeeNo, null);
  if (was !== input.disabled)
    await appendAudit(ports, {
      by,
      action: input.disabled ? 'account.disabled' : 'account.enabled',
      subject: a.employeeNo,
      reason: input.reason || (input.disabled ? '停用账号' : '重新启用账号'),
      details: { sessionsEnded },
    });
  return view(a, await rosterNos(ports));
}

/** End every session of an account (a PC left signed in, a token that may have leaked). */
export async function revokeSessions(ports: Ports, by: string, input: Input<'accounts.revokeSessions'>): Promise<{ sessionsEnded: number }> {
  const { accounts } = await ports.store.accounts.peek();
  if (!accounts.some((x) => x.employeeNo === input.employeeNo)) throw notFound('accounts.noAccountEmployeeNumber', { employeeNo: input.employeeNo });
  const sessionsEnded = await ports.sessions.dropAllFor(input.employeeNo, null);
  await appendAudit(ports, { by, action: 'sessions.revoked', subject: input.employeeNo, reason: input.reason || '管理员结束全部登录', details: { sessionsEnded } });
  return { sessionsEnded };
}
