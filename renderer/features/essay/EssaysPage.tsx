import { useState } from 'react';
import { Day } from '../shell/Dates';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary, EssayOverview } from '../../../electron/shared/api';
import { PersonHeadCells } from '../../components/PersonHeadCells';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';
import { EssayReviewPanel } from './EssayReviewPanel';

type Status = EssayOverview['rows'][number]['status'];
const STATUSES: Status[] = ['not_started', 'draft', 'submitted', 'returned', 'accepted'];

/** 剖析材料审阅: where everyone stands, who has not submitted, what looks copied; open one to review (a closed campaign's: to read). */
export function EssaysPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const overview = useLoad(() => api['essay.overview']({ campaignId: campaign.id }), [campaign.id]);
  const [status, setStatus] = useState<Status | 'missing' | ''>('');
  const [open, setOpen] = useState<string | null>(null);
  if (overview.error) return <ErrorNote error={overview.error} />;
  const o = overview.data;
  if (!o) return <p className="muted">{t('common.loading')}</p>;
  const rows = o.rows.filter((r) => !status || (status === 'missing' ? r.status === 'not_started' || r.status === 'draft' : r.status === status));
  const flagged = o.rows.filter((r) => r.similarity?.flagged).length;
  const toReview = (r: (typeof rows)[number]) => !campaign.closedAt && r.status === 'submitted';
  if (open)
    return (
      <EssayReviewPanel
        campaign={campaign}
        employeeNo={open}
        onClose={() => {
          setOpen(null);
          overview.reload();
        }}
      />
    );
  return (
    <div className="stack">
      <section className="card">
        <h1>{t('essays.title')}</h1>
        <p data-testid="essays-summary">
          {t('essays.summary', { n: o.rows.length, ...o.counts })} {t('essays.deadline')}
          <Day day={o.deadline} due />
        </p>
        {flagged > 0 && <p className="notice">{t('essays.flaggedLine', { n: flagged, threshold: o.thresholdPercent })}</p>}
        <div className="row" role="group" aria-label={t('essays.filter')}>
          <button type="button" className={status === '' ? 'tab active' : 'tab'} onClick={() => setStatus('')}>
            {t('common.all')}
          </button>
          <button type="button" className={status === 'missing' ? 'tab active' : 'tab'} onClick={() => setStatus('missing')} data-testid="filter-missing">
            {t('essays.missing', { n: o.counts.not_started + o.counts.draft })}
          </button>
          {STATUSES.map((s) => (
            <button key={s} type="button" className={status === s ? 'tab active' : 'tab'} onClick={() => setStatus(s)}>
              {t('essays.statusCount', { status: t(`essay.status.${s}`), n: o.counts[s] })}
            </button>
          ))}
        </div>
      </section>
      <section className="card">
        <table className="table" data-testid="essays-table">
          <thead>
            <tr>
              <PersonHeadCells />
              <th>{t('essays.status')}</th>
              <th>{t('essays.chars')}</th>
              <th>{t('essays.submittedAt')}</th>
              <th>{t('essays.similarity')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.employeeNo} className={r.similarity?.flagged ? 'behind' : ''}>
                <td>{r.employeeNo}</td>
                <td>
                  {r.name}
                  {r.leader && <span className="tag">{t('essays.leader')}</span>}
                </td>
                <td>{r.dept}</td>
                <td>{r.team}</td>
                <td>
                  <span className={`status status-${r.status}`}>{t(`essay.status.${r.status}`)}</span>
                  {r.version > 1 && <span className="muted small"> {t('essays.version', { n: r.version })}</span>}
                </td>
                <td className={r.total < r.minChars ? 'notice' : ''}>
                  {r.total} / {r.minChars}
                </td>
                <td>{r.submittedAt ? localDateTime(r.submittedAt) : '—'}</td>
                <td className={r.similarity?.flagged ? 'notice' : ''}>{r.similarity ? `${r.similarity.percent}%${r.similarity.matches[0] ? ` · ${r.similarity.matches[0].label}` : ''}` : '—'}</td>
                <td>
                  {r.version > 0 && (
                    <button type="button" className={toReview(r) ? 'primary' : 'secondary'} onClick={() => setOpen(r.employeeNo)}>
                      {toReview(r) ? t('essays.review') : t('essays.view')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
