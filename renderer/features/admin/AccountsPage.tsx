import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../electron/core/model';
import type { AccountView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';

/** rows shown at once: a plant's 3,000 accounts are found by 工号 or name */
const SHOWN = 100;

/**
 * 账号管理 (admin): roles granted and revoked, a forgotten password reset to a one-time one (shown
 * here once), an account disabled and enabled again, a person's sessions ended. Every change goes
 * to the audit log with the reason written here.
 */
export function AccountsPage({ self }: { self: string }) {
  const { t } = useTranslation();
  const accounts = useLoad(() => api['accounts.list']({}), []);
  const [q, setQ] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [note, setNote] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<{ employeeNo: string; name: string; password: string } | null>(null);
  if (!accounts.data) return accounts.error ? <ErrorNote error={accounts.error} /> : <p className="muted">{t('common.loading')}</p>;
  const needle = q.trim().toLowerCase();
  const matching = accounts.data.filter((a) => !needle || a.employeeNo.toLowerCase().includes(needle) || a.name.toLowerCase().includes(needle));
  const shown = matching.slice(0, SHOWN);

  async function act(fn: () => Promise<string | null>) {
    setError(null);
    setNote(null);
    setOneTime(null);
    try {
      setNote(await fn());
      // a reason is for the one change it was written for
      setReason('');
      accounts.reload();
    } catch (e) {
      setError(e);
    }
  }
  const toggleRole = (a: AccountView, r: Role, on: boolean) =>
    act(async () => {
      const roles = on ? [...a.roles, r] : a.roles.filter((x) => x !== r);
      const next = await api['accounts.setRoles']({ employeeNo: a.employeeNo, roles, reason });
      return t('accounts.rolesSaved', { no: next.employeeNo, roles: next.roles.map((x) => t(`accounts.role.${x}`)).join('、') });
    });
  const reset = (a: AccountView) =>
    act(async () => {
      const r = await api['accounts.resetPassword']({ employeeNo: a.employeeNo, reason });
      setOneTime(r);
      return null;
    });
  const setDisabled = (a: AccountView, disabled: boolean) =>
    act(async () => {
      const next = await api['accounts.setDisabled']({ employeeNo: a.employeeNo, disabled, reason });
      return t(next.disabled ? 'accounts.disabledNow' : 'accounts.enabledNow', { no: next.employeeNo, name: next.name });
    });
  const endSessions = (a: AccountView) =>
    act(async () => {
      const r = await api['accounts.revokeSessions']({ employeeNo: a.employeeNo, reason });
      return t('accounts.sessionsEnded', { no: a.employeeNo, n: r.sessionsEnded });
    });

  return (
    <div className="stack">
      <section className="card">
        <h1>{t('accounts.title')}</h1>
        <p className="muted">{t('accounts.intro')}</p>
        <div className="row">
          <label className="inline grow">
            {t('accounts.find')}
            <input type="search" className="find" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('accounts.findHint')} />
          </label>
          <label className="inline grow">
            {t('accounts.reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
        </div>
        {oneTime && (
          <div className="ok-box" role="status" data-testid="one-time-password">
            <p>{t('accounts.oneTime', { no: oneTime.employeeNo, name: oneTime.name })}</p>
            <p className="big-number mono">{oneTime.password}</p>
            <p className="small">{t('accounts.oneTimeHint')}</p>
          </div>
        )}
        {note && (
          <p className="ok" role="status">
            {note}
          </p>
        )}
        <ErrorNote error={error} />
      </section>
      <section className="card">
        <p className="muted small">{matching.length > SHOWN ? t('accounts.someShown', { n: SHOWN, total: matching.length }) : t('accounts.count', { n: matching.length })}</p>
        <table className="table accounts-table" data-testid="accounts-table">
          <thead>
            <tr>
              <th>{t('people.employeeNo')}</th>
              <th>{t('people.name')}</th>
              {ROLES.map((r) => (
                <th key={r}>{t(`accounts.role.${r}`)}</th>
              ))}
              <th>{t('accounts.state')}</th>
              <th>{t('accounts.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.employeeNo} data-no={a.employeeNo}>
                <td>{a.employeeNo}</td>
                <td>
                  {a.name}
                  {!a.inRoster && <span className="tag">{t('accounts.notInRoster')}</span>}
                </td>
                {ROLES.map((r) => (
                  <td key={r} className="center">
                    <input type="checkbox" aria-label={`${a.employeeNo} ${t(`accounts.role.${r}`)}`} checked={a.roles.includes(r)} onChange={(e) => void toggleRole(a, r, e.target.checked)} />
                  </td>
                ))}
                <td>
                  {a.disabled ? (
                    <span className="state state-overdue">{t('accounts.disabled')}</span>
                  ) : a.mustChangePassword ? (
                    <span className="state state-soon">{t('accounts.mustChange')}</span>
                  ) : (
                    <span className="state state-done">{t('accounts.active')}</span>
                  )}
                </td>
                <td className="nowrap">
                  <button type="button" className="secondary" onClick={() => void reset(a)}>
                    {t('accounts.reset')}
                  </button>{' '}
                  {a.disabled ? (
                    <button type="button" className="secondary" onClick={() => void setDisabled(a, false)}>
                      {t('accounts.enable')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="secondary"
                      disabled={a.employeeNo === self}
                      title={a.employeeNo === self ? t('accounts.notSelf') : undefined}
                      onClick={() => void setDisabled(a, true)}
                    >
                      {t('accounts.disable')}
                    </button>
                  )}{' '}
                  <button type="button" className="secondary" onClick={() => void endSessions(a)}>
                    {t('accounts.endSessions')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
