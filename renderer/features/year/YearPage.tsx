import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { YearGroupRow, YearView } from '../../../electron/shared/api';
import { PersonHeadCells } from '../../components/PersonHeadCells';
import { api, downloadBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { dayText } from '../shell/format';
import { useLoad } from '../shell/use-load';
import { filterChoices, shownRows, type YearFilter, type YearSort } from './year-table';

type GroupBy = keyof YearView['groups'];

/** 年度培训: everyone's 学时 of a calendar year over every campaign, who is short, totals, the 年度学时台账. */
export function YearPage() {
  const { t } = useTranslation();
  // none picked yet: the backend's this year (by the app's clock, not this workstation's)
  const [year, setYear] = useState<string | undefined>(undefined);
  const view = useLoad(() => api['year.view'](year ? { year } : {}), [year]);
  const [filter, setFilter] = useState<YearFilter>({ dept: '', team: '', category: '', onlyShort: false });
  const [sort, setSort] = useState<YearSort>('short');
  const [groupBy, setGroupBy] = useState<GroupBy>('dept');
  const [exported, setExported] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const set = (f: Partial<YearFilter>) => setFilter((x) => ({ ...x, ...f }));

  async function exportLedger(shownYear: string) {
    setError(null);
    setExported(null);
    try {
      const x = await api['year.ledger']({ year: shownYear });
      downloadBase64(x.fileName, x.base64);
      setExported(x.fileName);
    } catch (e) {
      setError(e);
    }
  }
  if (view.error) return <ErrorNote error={view.error} />;
  const v = view.data;
  if (!v) return <p className="muted">{t('common.loading')}</p>;
  const choices = filterChoices(v.rows, filter.dept);
  const shown = shownRows(v.rows, filter, sort);
  const names = new Map(v.campaigns.map((c) => [c.id, c.name]));
  return (
    <div className="stack year-page">
      <section className="card">
        <div className="row-between">
          <h1>{t('year.title')}</h1>
          <button type="button" className="big" onClick={() => void exportLedger(v.year)} data-testid="year-export">
            {t('year.exportLedger')}
          </button>
        </div>
        <div className="row year-head">
          <div className="row" role="group" aria-label={t('year.yearLabel')}>
            <span>{t('year.yearPick')}</span>
            {v.years.map((y) => (
              <button key={y} type="button" className={y === v.year ? 'tab big-tab active' : 'tab big-tab'} aria-pressed={y === v.year} onClick={() => (setYear(y), setExported(null))}>
                {t('year.yearButton', { year: y })}
              </button>
            ))}
          </div>
          <div className="row year-counts" data-testid="year-counts">
            <span>
              <span className="stat-label">{t('year.people')}</span> <span className="stat">{v.totals.people}</span>
            </span>
            <span>
              <span className="stat-label">{t('year.met')}</span> <span className="stat ok">✓ {v.totals.met}</span>
            </span>
            <span>
              <span className="stat-label">{t('year.short')}</span> <span className="stat short-text">✗ {v.totals.short}</span>
            </span>
          </div>
        </div>
        <p className="small">{t('year.asOf', { date: dayText(v.asOf), year: v.year, minutes: v.minutesPerCreditHour })}</p>
        <p className="small muted" data-testid="year-source">
          {t('year.source')} {t('year.targets')}
          {Object.entries(v.targets)
            .map(([category, x]) => t('year.targetOne', { category, annual: x.annual, initial: x.initial }))
            .join(t('year.joiner'))}
        </p>
        {exported && (
          <p className="ok" role="status">
            {t('year.exported', { file: exported })}
          </p>
        )}
        <ErrorNote error={error} />
      </section>
      <section className="card">
        <div className="row year-filters">
          <select value={filter.dept} onChange={(e) => set({ dept: e.target.value, team: '' })} aria-label={t('people.dept')}>
            <option value="">{t('progress.allDepts')}</option>
            {choices.depts.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <select value={filter.team} onChange={(e) => set({ team: e.target.value })} aria-label={t('people.team')}>
            <option value="">{t('progress.allTeams')}</option>
            {choices.teams.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <select value={filter.category} onChange={(e) => set({ category: e.target.value })} aria-label={t('people.category')}>
            <option value="">{t('year.allCategories')}</option>
            {choices.categories.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
          <label className={filter.onlyShort ? 'option checked' : 'option'}>
            <input type="checkbox" checked={filter.onlyShort} onChange={(e) => set({ onlyShort: e.target.checked })} />
            <span>{t('year.onlyShort')}</span>
          </label>
          <span role="group" aria-label={t('year.sortBy')} className="row">
            <span>{t('year.sortPick')}</span>
            {(['short', 'employeeNo'] as const).map((k) => (
              <button key={k} type="button" className={sort === k ? 'tab big-tab active' : 'tab big-tab'} aria-pressed={sort === k} onClick={() => setSort(k)}>
                {t(`year.sort.${k}`)}
              </button>
            ))}
          </span>
        </div>
        <p className="muted" data-testid="year-shown">
          {t('year.shown', { n: shown.length })}
        </p>
        <table className="table wrap-head year-table" data-testid="year-table">
          <thead>
            <tr>
              <PersonHeadCells />
              <th>{t('people.category')}</th>
              <th>{t('year.credit')}</th>
              <th>{t('year.required')}</th>
              <th aria-sort={sort === 'short' ? 'descending' : 'none'}>{t('year.status')}</th>
              <th>{t('year.campaigns')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.employeeNo} className={r.met ? '' : 'behind'} data-testid={`year-row-${r.employeeNo}`}>
                <td>{r.employeeNo}</td>
                <td>{r.name}</td>
                <td>{r.dept}</td>
                <td>{r.team}</td>
                <td>{r.category}</td>
                <td className="num" data-testid="year-credit">
                  {r.creditHours}
                </td>
                <td>
                  <span className="num">{r.requiredCreditHours}</span> <span className="small muted">{t(`year.requirement.${r.requirement}`)}</span>
                </td>
                <td className={r.met ? 'ok' : 'short-text'} data-testid="year-status">
                  {r.met ? t('year.isMet') : t('year.isShort', { n: r.shortCreditHours })}
                </td>
                <td className="small">{r.campaignIds.map((id) => names.get(id)).join(t('year.joiner'))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 && <p className="muted">{t('year.noPeople')}</p>}
      </section>
      <section className="card">
        <div className="row">
          <h2>{t('year.groups')}</h2>
          {(['dept', 'team', 'category'] as const).map((g) => (
            <button key={g} type="button" className={groupBy === g ? 'tab big-tab active' : 'tab big-tab'} aria-pressed={groupBy === g} onClick={() => setGroupBy(g)}>
              {t(`year.groupBy.${g}`)}
            </button>
          ))}
        </div>
        <GroupTable rows={v.groups[groupBy]} groupBy={groupBy} />
      </section>
    </div>
  );
}

function GroupTable({ rows, groupBy }: { rows: YearGroupRow[]; groupBy: GroupBy }) {
  const { t } = useTranslation();
  return (
    <table className="table" data-testid="year-groups">
      <thead>
        <tr>
          {groupBy === 'team' && <th>{t('people.dept')}</th>}
          <th>{t(groupBy === 'team' ? 'people.team' : groupBy === 'dept' ? 'people.dept' : 'people.category')}</th>
          <th>{t('year.people')}</th>
          <th>{t('year.met')}</th>
          <th>{t('year.short')}</th>
          <th>{t('year.average')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((g) => (
          <tr key={`${g.dept ?? ''}/${g.key}`} className={g.short > 0 ? 'behind' : ''}>
            {groupBy === 'team' && <td>{g.dept}</td>}
            <td>{g.key || t('year.noTeam')}</td>
            <td className="num">{g.people}</td>
            <td className="num">✓ {g.met}</td>
            <td className="num">{g.short > 0 ? `✗ ${g.short}` : '0'}</td>
            <td className="num">{g.averageCreditHours}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
