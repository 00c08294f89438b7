import { useTranslation } from 'react-i18next';
import type { ReportBoardRow } from '../../../electron/shared/api';
import { localDateTime } from '../shell/format';

/** People with a 岗位层级 and where their 述职 stands; a row opens the report (to review it, unless the campaign is closed). */
export function ReportTable({ rows, onOpen, openNo, showSuperior, closed }: { rows: ReportBoardRow[]; onOpen: (no: string) => void; openNo: string | null; showSuperior: boolean; closed: boolean }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('report.nobody')}</p>;
  const toReview = (r: ReportBoardRow) => !closed && r.status === 'submitted';
  return (
    <table className="table" data-testid="report-table">
      <thead>
        <tr>
          <th>{t('people.name')}</th>
          <th>{t('people.dept')}</th>
          <th>{t('report.level')}</th>
          {showSuperior && <th>{t('report.superior')}</th>}
          <th>{t('report.statusHead')}</th>
          <th>{t('report.waitingFor')}</th>
          <th>{t('report.score')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.employeeNo} data-no={r.employeeNo} className={openNo === r.employeeNo ? 'selected' : ''}>
            <td>
              {r.name} <span className="muted small">{r.employeeNo}</span>
            </td>
            <td>
              {r.dept}
              {r.team && <span className="muted small"> · {r.team}</span>}
            </td>
            <td>{t(`people.level.${r.level}`)}</td>
            {showSuperior && <td>{r.superior === 'bureau' ? t('report.bureau') : r.superior ? r.superior.name : <span className="notice">{t('report.noSuperior')}</span>}</td>}
            <td>
              <span className={`status status-${r.status}`}>{t(`report.status.${r.status}`)}</span>
              {r.submittedAt && (
                <div className="muted small">
                  {t('report.version', { n: r.version })} · {localDateTime(r.submittedAt)}
                </div>
              )}
            </td>
            <td>{r.waitingFor ?? '—'}</td>
            <td>{r.score ?? '—'}</td>
            <td>
              {r.version > 0 && (
                <button type="button" className={toReview(r) ? 'primary' : 'secondary'} onClick={() => onOpen(r.employeeNo)}>
                  {toReview(r) ? t('report.openReview') : t('report.open')}
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
