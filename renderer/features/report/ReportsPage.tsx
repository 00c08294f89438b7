import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../../electron/core/duty-report';
import type { CampaignSummary } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { ReportReview } from './ReportReview';
import { ReportTable } from './ReportTable';

const STATUSES: ReportStatus[] = ['not_started', 'draft', 'submitted', 'returned', 'accepted'];

/** The officer's 述职 board: by level, who has reported, who is waiting for whom; any report opens read-only (the head's: the bureau's answer is recorded here). */
export function ReportsPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [level, setLevel] = useState<string>('');
  const board = useLoad(() => api['report.board']({ campaignId: campaign.id }), [campaign.id]);
  if (!board.data) return board.error ? <ErrorNote error={board.error} /> : <p className="muted">{t('common.loading')}</p>;
  const rows = board.data.rows.filter((r) => !level || r.level === level);
  return (
    <div className="stack">
      <section className="card">
        <h1>{t('report.boardTitle')}</h1>
        <p className="muted">{t('report.boardIntro')}</p>
        {board.data.rows.length === 0 ? (
          <p className="notice">{t('report.noLevels')}</p>
        ) : (
          <table className="table" data-testid="report-levels">
            <thead>
              <tr>
                <th>{t('report.level')}</th>
                <th>{t('report.people')}</th>
                {STATUSES.map((s) => (
                  <th key={s}>{t(`report.status.${s}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {board.data.levels.map((l) => (
                <tr key={l.level} data-level={l.level} className={level === l.level ? 'selected' : ''}>
                  <td>
                    <button type="button" className="link" onClick={() => setLevel(level === l.level ? '' : l.level)}>
                      {t(`people.level.${l.level}`)}
                    </button>
                  </td>
                  <td>{l.total}</td>
                  {STATUSES.map((s) => (
                    <td key={s} className={s === 'submitted' && l.counts[s] > 0 ? 'notice' : ''}>
                      {l.counts[s]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {board.data.rows.length > 0 && (
        <section className="card">
          <h2>{level ? t(`people.level.${level}`) : t('report.everyone')}</h2>
          <ReportTable rows={rows} onOpen={setOpen} openNo={open} showSuperior closed={!!campaign.closedAt} />
          {open && <ReportReview key={open} campaignId={campaign.id} closed={!!campaign.closedAt} employeeNo={open} onClose={() => setOpen(null)} onAnswered={board.reload} />}
        </section>
      )}
    </div>
  );
}
