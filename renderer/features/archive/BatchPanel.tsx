import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../electron/core/model';
import type { CampaignSummary, JobView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';

type Scope = 'campaign' | 'all' | 'dept' | 'team';

/**
 * Batch archives: a campaign's whole file (一期一档), everyone, a 部门 or a 班组, as a folder or one
 * .zip; a progress bar, cancel, and resume for a job the app was running when it stopped.
 */
/** `campaign`: the one picked in the bar, whose 一期一档 is offered */
export function BatchPanel({ campaign, people, onFinished }: { campaign: CampaignSummary | null; people: Person[]; onFinished: () => void }) {
  const { t } = useTranslation();
  const jobs = useLoad(() => api['archive.batchList']({}), []);
  const [scope, setScope] = useState<Scope>('campaign');
  const [dept, setDept] = useState('');
  const [team, setTeam] = useState('');
  const [zip, setZip] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const running = (jobs.data ?? []).filter((j) => j.state === 'running');
  // poll while something runs
  useEffect(() => {
    if (running.length === 0) return;
    const id = window.setTimeout(() => {
      jobs.reload();
      if (running.some((j) => j.done + 1 >= j.total)) onFinished();
    }, 1000);
    return () => window.clearTimeout(id);
  });
  const depts = [...new Set(people.map((p) => p.dept))];
  const teams = [
    ...new Set(
      people
        .filter((p) => !dept || p.dept === dept)
        .map((p) => p.team)
        .filter(Boolean),
    ),
  ];
  async function start() {
    setError(null);
    try {
      const sel = scope === 'campaign' ? { campaignId: campaign!.id } : scope === 'dept' ? { dept } : scope === 'team' ? { dept: dept || undefined, team } : {};
      await api['archive.batchStart']({ ...sel, zip });
      jobs.reload();
    } catch (e) {
      setError(e);
    }
  }
  const act = (call: 'archive.batchCancel' | 'archive.batchResume', j: JobView) =>
    api[call]({ jobId: j.jobId }).then(() => {
      jobs.reload();
      onFinished();
    }, setError);
  return (
    <section className="card stack" data-testid="batch-panel">
      <h2>{t('batch.title')}</h2>
      <p className="muted">{t('batch.intro')}</p>
      <div className="row" role="radiogroup" aria-label={t('batch.scope')}>
        {(['campaign', 'all', 'dept', 'team'] as const).map((s) => (
          <label key={s} className={scope === s ? 'option checked' : 'option'}>
            <input type="radio" name="scope" checked={scope === s} disabled={s === 'campaign' && !campaign} onChange={() => setScope(s)} />
            <span>{s === 'campaign' ? t('batch.scope_campaign', { name: campaign?.name ?? '' }) : t(`batch.scope_${s}`)}</span>
          </label>
        ))}
      </div>
      {(scope === 'dept' || scope === 'team') && (
        <div className="row">
          <label className="inline">
            {t('people.dept')}
            <select value={dept} onChange={(e) => (setDept(e.target.value), setTeam(''))}>
              <option value="">{t('batch.choose')}</option>
              {depts.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
          </label>
          {scope === 'team' && (
            <label className="inline">
              {t('people.team')}
              <select value={team} onChange={(e) => setTeam(e.target.value)}>
                <option value="">{t('batch.choose')}</option>
                {teams.map((x) => (
                  <option key={x}>{x}</option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
      <div className="row">
        <label className="option">
          <input type="checkbox" checked={zip} onChange={(e) => setZip(e.target.checked)} />
          <span>{t('batch.zip')}</span>
        </label>
        <button type="button" className="primary big" disabled={(scope === 'dept' && !dept) || (scope === 'team' && !team)} onClick={() => void start()}>
          {t('batch.start')}
        </button>
      </div>
      <ErrorNote error={error ?? jobs.error} />
      {(jobs.data ?? []).length > 0 && (
        <table className="table" data-testid="batch-jobs">
          <tbody>
            {jobs.data!.slice(0, 10).map((j) => (
              <tr key={j.jobId}>
                <td>
                  <div>{j.name}</div>
                  <div className="muted small">
                    {localDateTime(j.createdAt)} · {j.by}
                    {j.result && ` · ${t('batch.where', { path: j.result })}`}
                  </div>
                </td>
                <td style={{ width: '30%' }}>
                  <progress max={j.total} value={j.done} aria-label={t('batch.progress', { done: j.done, total: j.total })} />
                  <div className="small">
                    {t(`batch.state_${j.state}`)} · {t('batch.progress', { done: j.done, total: j.total })}
                  </div>
                  {j.error && <div className="error small">{j.error}</div>}
                </td>
                <td>
                  {j.state === 'running' && (
                    <button type="button" className="secondary" onClick={() => void act('archive.batchCancel', j)}>
                      {t('common.cancel')}
                    </button>
                  )}
                  {(j.state === 'interrupted' || j.state === 'failed') && (
                    <button type="button" className="primary" onClick={() => void act('archive.batchResume', j)}>
                      {t('batch.resume')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
