import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../electron/core/model';
import type { CampaignSummary, VerifyReport } from '../../../electron/shared/api';
import { api, downloadBase64 } from '../../lib/api';
import { sayHere } from '../../lib/message-language';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';
import { PersonHeadCells } from '../../components/PersonHeadCells';
import { AuditPanel } from './AuditPanel';
import { BatchPanel } from './BatchPanel';
import { SigningPanel } from './SigningPanel';
import { useArchiveExport } from './use-archive-export';

const NO_PEOPLE: Person[] = [];
/** the years one person's file may be limited to: this one and the nine before */
const YEARS = Array.from({ length: 10 }, (_, i) => String(new Date().getFullYear() - i));

async function download(exportId: string, name: string) {
  const f = await api['archive.file']({ exportId, name });
  downloadBase64(`${exportId}-${name}`, f.base64);
}

/**
 * 档案, in an archivist's words: what a 一人一档 holds, the people to export (chosen with ticks, one
 * export for the choice), what was exported and when, and 校验 — does a file still read exactly as
 * exported. How that is proven (hashes, signatures) is there behind 详细信息 for whoever asks.
 */
export function ArchivePage({ campaign }: { campaign: CampaignSummary | null }) {
  const { t } = useTranslation();
  const people = useLoad(() => api['roster.list']({}), []);
  const exports = useLoad(() => api['archive.list']({}), []);
  const [verify, setVerify] = useState<Record<string, VerifyReport>>({});
  const [error, setError] = useState<unknown>(null);
  const {
    q,
    setQ,
    shown,
    chosen,
    allShown,
    toggle,
    toggleShown,
    busy,
    last,
    batches: batchKey,
    exportChosen,
    year,
    setYear,
  } = useArchiveExport(api, people.data ?? NO_PEOPLE, { onExported: exports.reload, onError: setError });
  const names = useMemo(() => new Map((people.data ?? []).map((p) => [p.employeeNo, p.name])), [people.data]);
  const lastExport = useMemo(() => {
    const m = new Map<string, string>();
    for (const x of exports.data ?? []) if ((m.get(x.employeeNo) ?? '') < x.at) m.set(x.employeeNo, x.at);
    return m;
  }, [exports.data]);

  async function check(exportId: string) {
    try {
      const r = await api['archive.verify']({ exportId });
      setVerify((v) => ({ ...v, [exportId]: r }));
    } catch (e) {
      setError(e);
    }
  }
  const history = [...(exports.data ?? [])].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <div className="stack">
      <section className="card">
        <h1>{t('archive.title')}</h1>
        <p>{t('archive.whatPerson')}</p>
        <p>{t('archive.whatVerify')}</p>
        <details className="details">
          <summary>{t('archive.details')}</summary>
          <p className="muted">{t('archive.technical')}</p>
        </details>
        <div className="row">
          <input className="grow" type="search" placeholder={t('archive.search')} value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('archive.search')} />
        </div>
        <ErrorNote error={error ?? people.error} />
        <div className="table-scroll">
          <table className="table" data-testid="archive-people">
            <thead>
              <tr>
                <th className="check">
                  <input type="checkbox" checked={allShown} onChange={toggleShown} aria-label={t('archive.chooseAll', { n: shown.length })} />
                </th>
                <PersonHeadCells />
                <th>{t('archive.lastExport')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((p) => (
                <tr key={p.employeeNo} className={chosen.has(p.employeeNo) ? 'chosen' : ''} onClick={(e) => (e.target as HTMLElement).tagName !== 'INPUT' && toggle(p.employeeNo)}>
                  <td className="check">
                    <input
                      type="checkbox"
                      checked={chosen.has(p.employeeNo)}
                      onChange={() => toggle(p.employeeNo)}
                      aria-label={t('archive.choose', { name: p.name, no: p.employeeNo })}
                      data-testid={`choose-${p.employeeNo}`}
                    />
                  </td>
                  <td>{p.employeeNo}</td>
                  <td>{p.name}</td>
                  <td>{p.dept}</td>
                  <td>{p.team}</td>
                  <td className="muted">{lastExport.has(p.employeeNo) ? localDateTime(lastExport.get(p.employeeNo)!) : t('archive.never')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="action-bar">
          <span data-testid="chosen-count">{chosen.size > 0 ? t('archive.chosen', { n: chosen.size }) : t('archive.chooseHint')}</span>
          {chosen.size <= 1 && (
            <label className="row">
              {t('archive.year')}
              <select value={year} onChange={(e) => setYear(e.target.value)} data-testid="export-year">
                <option value="">{t('archive.allYears')}</option>
                {YEARS.map((y) => (
                  <option key={y} value={y}>
                    {t('archive.yearN', { y })}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="button" className="primary big" disabled={chosen.size === 0 || busy} onClick={() => void exportChosen()} data-testid="export-chosen">
            {busy ? t('archive.exporting') : chosen.size > 1 ? t('archive.exportMany', { n: chosen.size }) : t('archive.exportOne')}
          </button>
        </div>
        {last && (
          <div className="ok-box" role="status" data-testid="export-result">
            <p>{t('archive.exported', { name: names.get(last.employeeNo) ?? last.employeeNo })}</p>
            <ul>
              {last.files.map((f) => (
                <li key={f.name}>
                  <button type="button" className="link" onClick={() => void download(last.exportId, f.name)}>
                    {t(`archive.files.${f.name.replace(/[.-]/g, '_')}`, { defaultValue: f.name })}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <BatchPanel key={batchKey} campaign={campaign} people={people.data ?? []} onFinished={exports.reload} />
      <section className="card">
        <h2>{t('archive.history')}</h2>
        <p className="muted">{t('archive.historyIntro')}</p>
        {history.length === 0 ? (
          <p className="muted" data-testid="no-exports">
            {t('archive.noExports')}
          </p>
        ) : (
          <table className="table" data-testid="export-history">
            <thead>
              <tr>
                <th>{t('archive.whose')}</th>
                <th>{t('archive.when')}</th>
                <th>{t('archive.by')}</th>
                <th />
                <th>{t('archive.result')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((x) => {
                const v = verify[x.exportId];
                return (
                  <tr key={x.exportId}>
                    <td>
                      {names.get(x.employeeNo) ?? ''}（{x.employeeNo}）
                    </td>
                    <td>{localDateTime(x.at)}</td>
                    <td>{names.get(x.by) ?? x.by}</td>
                    <td>
                      <button type="button" className="secondary" onClick={() => void check(x.exportId)}>
                        {t('archive.verify')}
                      </button>
                    </td>
                    <td>
                      {v &&
                        (v.ok ? (
                          <span className="ok">{v.signedBy ? t('archive.intactSigned') : t('archive.intactUnsigned')}</span>
                        ) : v.unreadable ? (
                          <span className="notice">{t('archive.unreadable', { problems: v.problems.map(sayHere).join('；') })}</span>
                        ) : (
                          <span className="error">{t('archive.altered', { problems: v.problems.map(sayHere).join('；') })}</span>
                        ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <SigningPanel key={`${exports.data?.length ?? 0}-${batchKey}`} />
      <AuditPanel />
    </div>
  );
}
