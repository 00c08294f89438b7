import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { hours } from '../shell/format';
import { useLoad } from '../shell/use-load';

/** 进度: every employee's hours, quiz score and essay status, filterable by 部门 / 班组. */
export function ProgressPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const rows = useLoad(() => api['progress.table']({ campaignId: campaign.id }), [campaign.id]);
  const [dept, setDept] = useState('');
  const [team, setTeam] = useState('');
  if (rows.error) return <ErrorNote error={rows.error} />;
  if (!rows.data) return <p className="muted">{t('common.loading')}</p>;
  const depts = [...new Set(rows.data.map((r) => r.dept))];
  const teams = [...new Set(rows.data.filter((r) => !dept || r.dept === dept).map((r) => r.team).filter(Boolean))];
  const shown = rows.data.filter((r) => (!dept || r.dept === dept) && (!team || r.team === team));
  const behind = shown.filter((r) => r.creditHours < r.targetCreditHours).length;
  return (
    <section className="card">
      <div className="row-between">
        <h1>{t('progress.title')}</h1>
        <div className="row">
          <select value={dept} onChange={(e) => (setDept(e.target.value), setTeam(''))} aria-label={t('people.dept')}>
            <option value="">{t('progress.allDepts')}</option>
            {depts.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <select value={team} onChange={(e) => setTeam(e.target.value)} aria-label={t('people.team')}>
            <option value="">{t('progress.allTeams')}</option>
            {teams.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </div>
      </div>
      <p>{t('progress.summary', { n: shown.length, behind })}</p>
      <table className="table" data-testid="progress-table">
        <thead>
          <tr>
            <th>{t('people.employeeNo')}</th>
            <th>{t('people.name')}</th>
            <th>{t('people.dept')}</th>
            <th>{t('people.team')}</th>
            <th>{t('people.category')}</th>
            <th>{t('progress.hours')}</th>
            <th>{t('progress.credit')}</th>
            <th>{t('progress.quiz')}</th>
            <th>{t('progress.essay')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.employeeNo} className={r.creditHours < r.targetCreditHours ? 'behind' : ''}>
              <td>{r.employeeNo}</td>
              <td>{r.name}</td>
              <td>{r.dept}</td>
              <td>{r.team}</td>
              <td>{r.category}</td>
              <td>{hours(r.studiedMs)}</td>
              <td>
                {r.creditHours} / {r.targetCreditHours}
              </td>
              <td>{r.quizPercent === null ? '—' : r.quizPending ? t('progress.quizPending') : `${r.quizPercent}${r.quizPassed ? ' ✓' : ' ✗'}`}</td>
              <td>{t(`essay.status.${r.essayStatus}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
