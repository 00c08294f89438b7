import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary, ProgressRow } from '../../../electron/shared/api';
import { EChart } from '../../components/EChart';
import { api, downloadBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { hours } from '../shell/format';
import { useLoad } from '../shell/use-load';
import { PersonSessionsPanel } from './PersonSessionsPanel';
import { PersonHeadCells } from '../../components/PersonHeadCells';
import { Pager } from '../../components/Pager';

type GroupBy = 'dept' | 'team' | 'category';

/** 进度: completion by 部门 / 班组 / 人员类别, who is behind, patterns worth a look, drill-down, 学时台账. */
export function ProgressPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const [dept, setDept] = useState('');
  const [team, setTeam] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('dept');
  const [onlyBehind, setOnlyBehind] = useState(false);
  const [find, setFind] = useState('');
  const [page, setPage] = useState(0);
  const [person, setPerson] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  // the server counts everyone and sends one page: a plant of 3,000 is never drawn row by row
  const view = useLoad(
    () => api['progress.table']({ campaignId: campaign.id, ...(dept ? { dept } : {}), ...(team ? { team } : {}), onlyBehind, ...(find.trim() ? { find: find.trim() } : {}), page }),
    [campaign.id, dept, team, onlyBehind, find, page],
  );
  const v = view.data;
  const teams = v?.depts.filter((d) => !dept || d.dept === dept).flatMap((d) => d.teams) ?? [];
  const groups = useMemo(() => v?.groups[groupBy] ?? [], [v, groupBy]);
  const chart = useMemo(
    () => ({
      grid: { left: 120, right: 30, top: 40, bottom: 46 },
      tooltip: { trigger: 'axis' },
      legend: { show: true, top: 0, textStyle: { fontSize: 14 } },
      xAxis: { type: 'value', minInterval: 1, name: t('charts.people'), nameLocation: 'middle', nameGap: 28, nameTextStyle: { fontSize: 14 } },
      yAxis: { type: 'category', data: groups.map((g) => g.key), axisLabel: { fontSize: 13 } },
      series: [
        { name: t('charts.reached'), type: 'bar', stack: 'n', data: groups.map((g) => g.reached), itemStyle: { color: '#1b7a3a' } },
        { name: t('charts.notReached'), type: 'bar', stack: 'n', data: groups.map((g) => g.notReached), itemStyle: { color: '#e0a030' } },
      ],
    }),
    [groups, t],
  );
  // a new filter starts again at the first page
  const refilter = (f: () => void) => (f(), setPage(0));

  async function exportLedger() {
    try {
      const x = await api['progress.ledger']({ campaignId: campaign.id });
      downloadBase64(x.fileName, x.base64);
    } catch (e) {
      setError(e);
    }
  }
  if (view.error && !v) return <ErrorNote error={view.error} />;
  if (!v) return <p className="muted">{t('common.loading')}</p>;
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <h1>{t('progress.title')}</h1>
          <div className="row">
            <select value={dept} onChange={(e) => refilter(() => (setDept(e.target.value), setTeam('')))} aria-label={t('people.dept')}>
              <option value="">{t('progress.allDepts')}</option>
              {v.depts.map((d) => (
                <option key={d.dept}>{d.dept}</option>
              ))}
            </select>
            <select value={team} onChange={(e) => refilter(() => setTeam(e.target.value))} aria-label={t('people.team')}>
              <option value="">{t('progress.allTeams')}</option>
              {teams.map((d) => (
                <option key={d}>{d}</option>
              ))}
            </select>
            <button type="button" className="secondary" onClick={() => void exportLedger()}>
              {t('progress.exportLedger')}
            </button>
          </div>
        </div>
        <p data-testid="progress-summary">{t('progress.summary2', { n: v.total, behind: v.behind, flagged: v.flagged })}</p>
        <ErrorNote error={error ?? view.error} />
        <div className="row">
          <span>{t('charts.byGroup')}：</span>
          {(['dept', 'team', 'category'] as const).map((g) => (
            <button key={g} type="button" className={groupBy === g ? 'tab active' : 'tab'} onClick={() => setGroupBy(g)}>
              {t(`people.${g}`)}
            </button>
          ))}
        </div>
        <EChart option={chart} height={Math.max(160, 36 * groups.length + 60)} label={t('charts.byGroup')} />
      </section>
      {person && <PersonSessionsPanel campaignId={campaign.id} employeeNo={person} onClose={() => setPerson(null)} />}
      <section className="card">
        <div className="row">
          <label className="option">
            <input type="checkbox" checked={onlyBehind} onChange={(e) => refilter(() => setOnlyBehind(e.target.checked))} />
            <span>{t('progress.onlyBehind')}</span>
          </label>
          <input
            type="search"
            className="find-field"
            value={find}
            onChange={(e) => refilter(() => setFind(e.target.value))}
            placeholder={t('progress.find')}
            aria-label={t('progress.find')}
            maxLength={50}
          />
        </div>
        <table className="table wrap-head" data-testid="progress-table">
          <thead>
            <tr>
              <PersonHeadCells />
              <th>{t('people.category')}</th>
              <th>{t('progress.collective')}</th>
              <th>{t('progress.self')}</th>
              <th>{t('progress.credit')}</th>
              <th>{t('progress.quiz')}</th>
              <th>{t('progress.essay')}</th>
              <th>{t('progress.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r: ProgressRow) => (
              <tr key={r.employeeNo} className={r.creditHours < r.targetCreditHours ? 'behind' : ''}>
                <td>{r.employeeNo}</td>
                <td>
                  <button type="button" className="link" onClick={() => setPerson(r.employeeNo)}>
                    {r.name}
                  </button>
                </td>
                <td>{r.dept}</td>
                <td>{r.team}</td>
                <td>{r.category}</td>
                <td>{hours(r.collectiveMs)}</td>
                <td>{hours(r.selfMs)}</td>
                <td>
                  {r.creditHours} / {r.targetCreditHours}
                </td>
                <td>{r.quizPercent === null ? '—' : r.quizPending ? t('progress.quizPending') : `${r.quizPercent}${r.quizPassed ? ' ✓' : ' ✗'}`}</td>
                <td>{t(`essay.status.${r.essayStatus}`)}</td>
                <td className="notice">{[...r.flags.map((f) => t(`progress.flag.${f}`)), ...(r.quizLeaves > 0 ? [t('progress.quizLeaves', { n: r.quizLeaves })] : [])].join('；')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Pager page={v.page} pageSize={v.pageSize} total={v.matching} onPage={setPage} />
      </section>
    </div>
  );
}
