// `roster import` and `accounts …`: the people who study, and their accounts, from the server PC.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { listAccounts, resetPassword, revokeSessions, setDisabled, setRoles } from '../services/accounts/accounts';
import { commitRosterBytes, firstErrorLine, previewRosterBytes } from '../services/roster/roster';
import { ROLES, type Role } from '../../core/model';
import { CliError, dbOf, need, openInitialized, refused, say, type Out } from './common';
import { cliLang, sayIn } from '../messages';

export async function rosterCommand(args: string[], out: Out): Promise<number> {
  const [sub, ...more] = args;
  if (sub !== 'import') throw refused('cli.unknownRoster', { sub: sub ?? '' });
  const { values, positionals } = parseArgs({ args: more, allowPositionals: true, options: { data: { type: 'string' }, db: { type: 'string' } } });
  const file = positionals[0];
  if (!file) throw refused('cli.noRosterPath');
  if (!existsSync(file) || !statSync(file).isFile()) throw refused('cli.noFile', { file });
  const dataDir = need(values.data, 'data');
  const ports = await openInitialized(dataDir, dbOf(values.db));
  try {
    const bytes = new Uint8Array(readFileSync(file));
    const name = path.basename(file);
    const preview = await previewRosterBytes(ports, name, bytes);
    if (!preview.ok) throw new CliError(sayIn(cliLang(), firstErrorLine(preview)));
    const r = await commitRosterBytes(ports, name, bytes);
    out(say('cli.roster.done', { created: r.created, updated: r.updated, unchanged: r.unchanged }));
    if (r.initialPasswords.length > 0) {
      out(say('cli.roster.passwords'));
      for (const p of r.initialPasswords) out(`  ${p.employeeNo}\t${p.name}\t${p.password}`);
    }
  } finally {
    await ports.close();
  }
  return 0;
}

export async function accountsCommand(args: string[], out: Out): Promise<number> {
  // on the server PC: the way back in when the only admin has forgotten the password
  const [sub, ...more] = args;
  const subs = ['list', 'grant', 'revoke', 'reset-password', 'disable', 'enable', 'end-sessions'];
  if (!sub || !subs.includes(sub)) throw refused('cli.unknownAccounts', { sub: sub ?? '', subs: subs.join('、') });
  const { values, positionals } = parseArgs({ args: more, allowPositionals: true, options: { data: { type: 'string' }, db: { type: 'string' }, reason: { type: 'string' } } });
  const no = positionals[0];
  if (sub !== 'list' && !no) throw refused('cli.noEmployeeNo');
  let role: Role | null = null;
  if (sub === 'grant' || sub === 'revoke') {
    const r = positionals[1];
    if (!r || !(ROLES as readonly string[]).includes(r)) throw refused('cli.unknownRole', { role: r ?? '', roles: ROLES.join('、') });
    role = r as Role;
  }
  const ports = await openInitialized(need(values.data, 'data'), dbOf(values.db));
  const by = 'cli';
  const reason = values.reason ?? '服务器电脑上的命令行';
  const roleList = (roles: readonly Role[]) => roles.join(',');
  try {
    if (sub === 'list') {
      out(say('cli.accounts.header'));
      for (const a of await listAccounts(ports))
        out([a.employeeNo, a.name, roleList(a.roles), say(a.disabled ? 'cli.accounts.disabled' : a.mustChangePassword ? 'cli.accounts.mustChange' : 'cli.accounts.active')].join('\t'));
      return 0;
    }
    const account = (await listAccounts(ports)).find((a) => a.employeeNo === no);
    if (!account) throw refused('accounts.noAccountEmployeeNumber', { employeeNo: no! });
    if (sub === 'grant' || sub === 'revoke') {
      const roles = sub === 'grant' ? [...new Set([...account.roles, role!])] : account.roles.filter((r) => r !== role);
      if (roles.length === 0) throw refused('rule.oneRole');
      const a = await setRoles(ports, by, { employeeNo: no!, roles, reason });
      out(say('cli.accounts.roles', { employeeNo: a.employeeNo, name: a.name, roles: roleList(a.roles) }));
    } else if (sub === 'reset-password') {
      const r = await resetPassword(ports, by, { employeeNo: no!, reason });
      out(say('cli.accounts.oneTimePassword', { employeeNo: r.employeeNo, name: r.name }));
      out(`  ${r.password}`);
    } else if (sub === 'disable' || sub === 'enable') {
      const a = await setDisabled(ports, by, { employeeNo: no!, disabled: sub === 'disable', reason });
      out(say(a.disabled ? 'cli.accounts.nowDisabled' : 'cli.accounts.nowEnabled', { employeeNo: a.employeeNo, name: a.name }));
    } else {
      const r = await revokeSessions(ports, by, { employeeNo: no!, reason });
      out(say('cli.accounts.sessionsEnded', { no: no!, count: r.sessionsEnded }));
    }
  } finally {
    await ports.close();
  }
  return 0;
}
