import { useState } from 'react';
import { sayHere } from '../../lib/message-language';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../../electron/core/model';
import { api } from '../../lib/api';
import { useFileImport } from '../../lib/use-file-import';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { PeopleTable } from './PeopleTable';

/** Roster import: choose a file → preview with errors named by row and field → confirm. */
export function RosterPage({ isAdmin = false }: { isAdmin?: boolean }) {
  const { t } = useTranslation();
  const [deleted, setDeleted] = useState<string | null>(null);
  const [deleteError, setDeleteError] = useState<unknown>(null);
  /** an administrator deletes a person: with a reason, recorded in the audit log; records within the retention period are refused */
  async function remove(p: Person) {
    const reason = window.prompt(t('roster.deleteReason', { name: p.name, no: p.employeeNo }));
    if (reason === null) return;
    setDeleteError(null);
    try {
      await api['people.delete']({ employeeNo: p.employeeNo, reason });
      setDeleted(t('roster.deleted', { name: p.name }));
      people.reload();
    } catch (e) {
      setDeleteError(e);
    }
  }
  const people = useLoad(() => api['roster.list']({}), []);
  async function setHiredOn(p: Person, hiredOn: string | null) {
    const saved = await api['roster.setHiredOn']({ employeeNo: p.employeeNo, hiredOn });
    people.reload();
    return saved;
  }
  const [error, setError] = useState<unknown>(null);
  const [filter, setFilter] = useState('');
  const { preview, result, choose, commit } = useFileImport({ preview: (u) => api['roster.preview'](u), commit: (u) => api['roster.commit'](u), onCommitted: people.reload, onError: setError });

  const counts = preview?.rows.reduce((a, r) => ({ ...a, [r.action]: (a[r.action] ?? 0) + 1 }), {} as Record<string, number>);
  const shown = (people.data ?? []).filter((p) => !filter || p.dept === filter || p.team === filter);
  const depts = [...new Set((people.data ?? []).map((p) => p.dept))];
  return (
    <div className="stack">
      <section className="card">
        <h1>{t('roster.title')}</h1>
        <p className="muted">{t('roster.columns')}</p>
        <label className="file">
          {t('roster.choose')}
          <input type="file" accept=".xlsx,.csv" onChange={(e) => void choose(e.target.files?.[0])} data-testid="roster-file" />
        </label>
        <ErrorNote error={error} />
        {preview && !preview.ok && (
          <div className="error-box" role="alert">
            <strong>{t('roster.hasErrors', { file: preview.fileName })}</strong>
            <ul>
              {preview.errors.map((e, i) => (
                <li key={i}>{t('roster.rowError', { row: e.row, field: e.field, message: sayHere(e.message) })}</li>
              ))}
            </ul>
          </div>
        )}
        {preview?.ok && (
          <>
            <p>{t('roster.previewSummary', { create: counts?.create ?? 0, update: counts?.update ?? 0, same: counts?.same ?? 0 })}</p>
            <PeopleTable rows={preview.rows} showAction />
            <button type="button" className="primary big" onClick={() => void commit()}>
              {t('roster.confirm')}
            </button>
          </>
        )}
        {result && (
          <div className="ok-box" role="status">
            <p>{t('roster.done', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</p>
            {result.initialPasswords.length > 0 && (
              <>
                <p>{t('roster.passwordsNote')}</p>
                <table className="table">
                  <thead>
                    <tr>
                      <th>{t('people.employeeNo')}</th>
                      <th>{t('people.name')}</th>
                      <th>{t('roster.initialPassword')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.initialPasswords.map((p) => (
                      <tr key={p.employeeNo}>
                        <td>{p.employeeNo}</td>
                        <td>{p.name}</td>
                        <td className="mono">{p.password}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <button type="button" className="secondary" onClick={() => window.print()}>
                  {t('common.print')}
                </button>
              </>
            )}
          </div>
        )}
      </section>
      <section className="card">
        <div className="row-between">
          <h2>{t('roster.people', { n: people.data?.length ?? 0 })}</h2>
          <select value={filter} onChange={(e) => setFilter(e.target.value)} aria-label={t('people.dept')}>
            <option value="">{t('common.all')}</option>
            {depts.map((d) => (
              <option key={d}>{d}</option>
            ))}
          </select>
        </div>
        {deleted && <p className="ok">{deleted}</p>}
        <ErrorNote error={deleteError} />
        <PeopleTable rows={shown} onSetHiredOn={setHiredOn} onDelete={isAdmin ? (p) => void remove(p) : undefined} />
      </section>
    </div>
  );
}
