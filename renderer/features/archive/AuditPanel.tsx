import { useTranslation } from 'react-i18next';
import type { AuditEntryView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';

/** The audit log: deletions of a person's records, login locks, password changes — who, when and why (a hash chain). */
export function AuditPanel() {
  const { t } = useTranslation();
  const audit = useLoad(() => api['audit.list']({}), []);
  if (!audit.data || audit.data.entries.length === 0) return null;
  const describe = (e: AuditEntryView): string => {
    const d = e.details;
    const until = typeof d.until === 'string' ? localDateTime(d.until) : '';
    switch (e.action) {
      case 'person.deleted':
        return t('audit.deleted', { no: e.subject, name: String(d.name ?? ''), n: Number(d.eventCount ?? 0) });
      case 'login.locked':
        return t('audit.locked', { no: e.subject, until, address: String(d.address ?? '') });
      case 'login.blocked':
        return t('audit.blocked', { address: e.subject, until });
      case 'setup.locked':
        return t('audit.setupLocked', { until, address: String(d.address ?? '') });
      case 'login.unlocked':
        return t('audit.unlocked', { subject: e.subject });
      case 'password.changed':
        return t('audit.passwordChanged', { no: e.subject, n: Number(d.sessionsEnded ?? 0) });
      case 'records.merged':
        return t('audit.merged', { station: e.subject, events: Number(d.events ?? 0), conflicts: Number(d.conflicts ?? 0) });
      case 'account.roles': {
        const names = (x: unknown) => (Array.isArray(x) ? x.map((r) => t(`accounts.role.${String(r)}`)).join('、') : '');
        return t('audit.roles', { no: e.subject, added: names(d.added) || '—', removed: names(d.removed) || '—' });
      }
      case 'password.reset':
        return t('audit.passwordReset', { no: e.subject });
      case 'account.disabled':
        return t('audit.disabled', { no: e.subject });
      case 'account.enabled':
        return t('audit.enabled', { no: e.subject });
      case 'sessions.revoked':
        return t('audit.sessionsRevoked', { no: e.subject, n: Number(d.sessionsEnded ?? 0) });
      case 'campaign.closed':
        return t('audit.campaignClosed', { name: String(d.name ?? e.subject) });
      case 'campaign.reopened':
        return t('audit.campaignReopened', { name: String(d.name ?? e.subject) });
      case 'merge.decided':
        return t('audit.mergeDecided', { kind: t(`merge.kind.${String(d.kind)}`), no: d.employeeNo ? ` ${String(d.employeeNo)}` : '', choice: t(`merge.choice.${String(d.choice)}`) });
    }
  };
  return (
    <section className="card" data-testid="audit">
      <h2>{t('audit.title')}</h2>
      <p className={audit.data.intact ? 'ok' : 'error'}>{audit.data.intact ? t('audit.intact') : t('audit.broken')}</p>
      <table className="table">
        <tbody>
          {audit.data.entries.map((e) => (
            <tr key={e.seq}>
              <td>{localDateTime(e.at)}</td>
              <td>{e.by}</td>
              <td>{describe(e)}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
