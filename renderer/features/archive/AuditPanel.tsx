import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';

/** The audit log: every deletion of a person's records, with who, when and why (a hash chain). */
export function AuditPanel() {
  const { t } = useTranslation();
  const audit = useLoad(() => api['audit.list']({}), []);
  if (!audit.data || audit.data.entries.length === 0) return null;
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
              <td>{t('audit.deleted', { no: e.subject, name: String(e.details.name ?? ''), n: Number(e.details.eventCount ?? 0) })}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
