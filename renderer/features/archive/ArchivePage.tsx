import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportResult, VerifyReport } from '../../../electron/shared/api';
import { api, downloadBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';
import { PersonHeadCells } from '../../components/PersonHeadCells';
import { AuditPanel } from './AuditPanel';
import { BatchPanel } from './BatchPanel';
import { SigningPanel } from './SigningPanel';

async function download(exportId: string, name: string) {
  const f = await api['archive.file']({ exportId, name });
  downloadBase64(`${exportId}-${name}`, f.base64);
}

/** 档案: export one person's training file (一人一档), download it, verify it. */
export function ArchivePage() {
  const { t } = useTranslation();
  const people = useLoad(() => api['roster.list']({}), []);
  const exports = useLoad(() => api['archive.list']({}), []);
  const [q, setQ] = useState('');
  const [last, setLast] = useState<ExportResult | null>(null);
  const [verify, setVerify] = useState<Record<string, VerifyReport>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [batchKey, setBatchKey] = useState(0);

  async function exportOne(employeeNo: string) {
    setBusy(employeeNo);
    setError(null);
    try {
      setLast(await api['archive.exportPerson']({ employeeNo }));
      exports.reload();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  }
  /** the people the search shows, as one batch (a .zip) */
  async function exportShown() {
    setError(null);
    try {
      await api['archive.batchStart']({ employeeNos: shown.map((p) => p.employeeNo), zip: true });
      setBatchKey((k) => k + 1);
    } catch (e) {
      setError(e);
    }
  }
  async function check(exportId: string) {
    try {
      const r = await api['archive.verify']({ exportId });
      setVerify((v) => ({ ...v, [exportId]: r }));
    } catch (e) {
      setError(e);
    }
  }
  const shown = (people.data ?? []).filter((p) => !q || p.name.includes(q) || p.employeeNo.includes(q) || p.dept.includes(q) || p.team.includes(q));
  return (
    <div className="stack">
      <BatchPanel key={batchKey} people={people.data ?? []} onFinished={exports.reload} />
      <section className="card">
        <h1>{t('archive.title')}</h1>
        <p className="muted">{t('archive.intro')}</p>
        <div className="row">
          <input className="grow" placeholder={t('archive.search')} value={q} onChange={(e) => setQ(e.target.value)} aria-label={t('archive.search')} />
          {q && shown.length > 0 && (
            <button type="button" className="secondary" onClick={() => void exportShown()} data-testid="export-shown">
              {t('archive.exportShown', { n: shown.length })}
            </button>
          )}
        </div>
        <ErrorNote error={error ?? people.error} />
        {last && (
          <div className="ok-box" role="status" data-testid="export-result">
            <p>{t('archive.exported', { id: last.exportId })}</p>
            <ul>
              {last.files.map((f) => (
                <li key={f.name}>
                  <button type="button" className="link" onClick={() => void download(last.exportId, f.name)}>
                    {f.name}
                  </button>{' '}
                  <span className="muted small mono">SHA-256 {f.sha256.slice(0, 16)}…</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        <table className="table">
          <thead>
            <tr>
              <PersonHeadCells />
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.employeeNo}>
                <td>{p.employeeNo}</td>
                <td>{p.name}</td>
                <td>{p.dept}</td>
                <td>{p.team}</td>
                <td>
                  <button type="button" className="primary" disabled={busy !== null} onClick={() => void exportOne(p.employeeNo)} data-testid={`export-${p.employeeNo}`}>
                    {busy === p.employeeNo ? t('archive.exporting') : t('archive.export')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <SigningPanel key={`${exports.data?.length ?? 0}-${batchKey}`} />
      <AuditPanel />
      <section className="card">
        <h2>{t('archive.history')}</h2>
        <table className="table">
          <tbody>
            {(exports.data ?? []).map((x) => (
              <tr key={x.exportId}>
                <td className="mono">{x.exportId}</td>
                <td>{localDateTime(x.at)}</td>
                <td>{x.by}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => void check(x.exportId)}>
                    {t('archive.verify')}
                  </button>
                </td>
                <td>
                  {verify[x.exportId] &&
                    (verify[x.exportId]!.ok ? (
                      <span className="ok">{verify[x.exportId]!.signedBy ? t('archive.intactSigned') : t('archive.intactUnsigned')}</span>
                    ) : verify[x.exportId]!.unreadable ? (
                      <span className="notice">{t('archive.unreadable', { problems: verify[x.exportId]!.problems.join('；') })}</span>
                    ) : (
                      <span className="error">{t('archive.altered', { problems: verify[x.exportId]!.problems.join('；') })}</span>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
