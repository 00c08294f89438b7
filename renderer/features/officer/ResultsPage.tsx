import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary } from '../../../electron/shared/api';
import { EChart } from '../../components/EChart';
import { api, downloadBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';

/** 考核结果: the paper's distribution and pass rates, each question's facility and discrimination. */
export function ResultsPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const stats = useLoad(() => api['quiz.stats']({ campaignId: campaign.id }), [campaign.id]);
  const hist = useMemo(
    () => ({
      grid: { left: 40, right: 12, top: 16, bottom: 30 },
      tooltip: {},
      xAxis: { type: 'category', data: ['0–', '10–', '20–', '30–', '40–', '50–', '60–', '70–', '80–', '90–100'] },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: stats.data?.paper.histogram ?? [], itemStyle: { color: '#0b5cad' } }],
    }),
    [stats.data],
  );
  if (stats.error) return <ErrorNote error={stats.error} />;
  if (!stats.data) return <p className="muted">{t('common.loading')}</p>;
  const p = stats.data.paper;
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <h1>{t('results.title')}</h1>
          <button type="button" className="secondary" onClick={() => void api['quiz.scoreSheet']({ campaignId: campaign.id }).then((x) => downloadBase64(x.fileName, x.base64))}>
            {t('results.scoreSheet')}
          </button>
        </div>
        <p data-testid="paper-stats">{p.attempts === 0 ? t('results.none') : t('results.paper', { n: p.attempts, mean: p.mean, median: p.median, pass: p.passRate, mark: campaign.quiz.passMark })}</p>
        <EChart option={hist} height={220} label={t('results.histogram')} />
        <table className="table">
          <tbody>
            {stats.data.byDept.map((d) => (
              <tr key={d.dept}>
                <td>{d.dept}</td>
                <td>{t('results.deptLine', { n: d.attempts, pass: d.passRate })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t('results.questions')}</h2>
        <p className="muted small">{t('results.explain')}</p>
        <table className="table">
          <thead>
            <tr>
              <th>{t('results.question')}</th>
              <th>{t('results.facility')}</th>
              <th>{t('results.discrimination')}</th>
              <th>{t('progress.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {stats.data.questions.map((q) => (
              <tr key={q.questionId}>
                <td>
                  <span className="tag">{t(`quiz.type.${q.type}`)}</span> {q.stem}
                </td>
                <td>{q.facility ?? '—'}</td>
                <td>{q.discrimination ?? '—'}</td>
                <td className="notice">{q.flags.map((f) => t(`results.flag.${f}`)).join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
