import { settingsSchema } from '../../../core/model';
import { who, type Handlers } from '../handler';
import { listAccounts, resetPassword, revokeSessions, setDisabled, setRoles } from './accounts';
import { auditList } from './audit';
import { changePassword, login, setupInit, setupStatus, toMe } from './auth';
import { currentLocks, unlock } from './login-guard';

export const accountHandlers = {
  'setup.status': (p, c) => setupStatus(p, c.client),
  'setup.init': (p, c, i) => setupInit(p, i, c.client),
  'auth.login': (p, c, i) => login(p, i, c.client),
  'auth.logout': async (p, c) => {
    if (c.token) await p.sessions.drop(c.token);
    return { ok: true };
  },
  'auth.me': (p, c) => toMe(p, who(c)),
  'auth.changePassword': (p, c, i) => changePassword(p, { ...c, account: who(c) }, i),
  'auth.locks': (p) => currentLocks(p),
  'auth.unlock': (p, c, i) => unlock(p, who(c).employeeNo, i),
  'accounts.list': (p) => listAccounts(p),
  'accounts.setRoles': (p, c, i) => setRoles(p, who(c).employeeNo, i),
  'accounts.resetPassword': (p, c, i) => resetPassword(p, who(c).employeeNo, i),
  'accounts.setDisabled': (p, c, i) => setDisabled(p, who(c).employeeNo, i),
  'accounts.revokeSessions': (p, c, i) => revokeSessions(p, who(c).employeeNo, i),
  'settings.get': async (p) => (await p.store.meta.read()).settings,
  'settings.save': async (p, _c, i) => {
    const s = settingsSchema.parse(i);
    await p.store.meta.update((m) => {
      m.settings = s;
    });
    return s;
  },
  'audit.list': (p) => auditList(p),
} satisfies Partial<Handlers>;
