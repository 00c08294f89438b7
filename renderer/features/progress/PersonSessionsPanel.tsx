import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { dayText, localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';

const mins = (ms: number) => Math.floor(ms / 60_000);

/** One person's sessions with their evidence: what was counted, what was not, and why. */
export function PersonSessionsPanel({ campaignId, employeeNo, onClose }: { campaignId: string; employeeNo: string; onClose: () => void }) {
  const { t } = useTranslation();
  const d = useLoad(() => api['progress.person']({ campaignId, employeeNo }), [campaignId, employeeNo]);
  if (d.error) return <ErrorNote error={d.error} />;
  if (!d.data) return <p className="muted">{t('common.loading')}</p>;
  const p = d.data;
  return (
    <section className="card" data-testid="person-sessions">
      <div className="row-between">
        <h2>
          {p.person.name}（{p.person.employeeNo}，{p.person.dept}）
        </h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('sessions.close')}
        </button>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>{t('evidence.when')}</th>
            <th>{t('evidence.what')}</th>
            <th>{t('evidence.counted')}</th>
            <th>{t('evidence.excluded')}</th>
            <th>{t('evidence.checks')}</th>
          </tr>
        </thead>
        <tbody>
          {p.collective.map((c, i) => (
            <tr key={`c${i}`}>
              <td>
                {dayText(c.date)} {c.start}
              </td>
              <td>
                {t(`sessions.types.${c.type}`)}：{c.topic}
              </td>
              <td>{c.durationMinutes}</td>
              <td>—</td>
              <td>{c.via === 'self' ? t('evidence.selfCheckIn') : t('evidence.ticked')}</td>
            </tr>
          ))}
          {p.sessions.map((s, i) => (
            <tr key={i}>
              <td>
                {localDateTime(s.startedAt)} – {localDateTime(s.endedAt).slice(11)}
              </td>
              <td>{s.docTitle}</td>
              <td>{mins(s.countedMs)}</td>
              <td>
                {Object.entries(s.excludedMs)
                  .filter(([, ms]) => ms >= 60_000)
                  .map(([k, ms]) => `${t(`evidence.reason.${k}`)} ${mins(ms)}`)
                  .join('；') || '—'}
              </td>
              <td>{s.checks ? t('evidence.checkLine', s.checks) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
