import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BankPreview } from '../../../electron/shared/api';
import { api, downloadBase64, fileToBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';

/** 题库: import question banks from Excel (preview first), download our template. */
export function BankPage() {
  const { t } = useTranslation();
  const bank = useLoad(() => api['bank.list']({}), []);
  const [upload, setUpload] = useState<{ fileName: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<BankPreview | null>(null);
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  async function choose(e: React.ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    setPreview(null);
    setDone(null);
    setError(null);
    if (!file) return;
    try {
      const u = { fileName: file.name, base64: await fileToBase64(file) };
      setUpload(u);
      setName(file.name.replace(/\.[^.]+$/, ''));
      setPreview(await api['bank.importPreview'](u));
    } catch (err) {
      setError(err);
    }
  }
  async function commit() {
    if (!upload) return;
    try {
      const r = await api['bank.importCommit']({ ...upload, bank: name });
      setDone(t('bank.done', r));
      setPreview(null);
      bank.reload();
    } catch (err) {
      setError(err);
    }
  }
  const byBank = new Map<string, number>();
  for (const q of bank.data ?? []) byBank.set(q.bank || t('bank.bundled'), (byBank.get(q.bank || t('bank.bundled')) ?? 0) + 1);
  return (
    <div className="stack">
      <section className="card">
        <div className="row-between">
          <h1>{t('bank.title')}</h1>
          <button type="button" className="secondary" onClick={() => void api['bank.template']({}).then((x) => downloadBase64(x.fileName, x.base64), setError)}>
            {t('bank.template')}
          </button>
        </div>
        <p className="muted">{t('bank.intro')}</p>
        <label className="file">
          {t('bank.choose')}
          <input type="file" accept=".xlsx,.csv,.gift,.txt,.xml" onChange={(e) => void choose(e)} data-testid="bank-file" />
        </label>
        <ErrorNote error={error} />
        {done && <p className="ok">{done}</p>}
        {preview && !preview.ok && (
          <div className="error-box" role="alert">
            <strong>{t('roster.hasErrors', { file: preview.fileName })}</strong>
            <ul>
              {preview.errors.map((e, i) => (
                <li key={i}>{t('roster.rowError', { row: e.row, field: e.column, message: e.message })}</li>
              ))}
            </ul>
          </div>
        )}
        {preview?.ok && (
          <div className="stack" data-testid="bank-preview">
            <p>{t('bank.previewLine', { total: preview.total, ...preview.counts, duplicates: preview.duplicates })}</p>
            <ol className="small">
              {preview.sample.map((q) => (
                <li key={q.id}>
                  <span className="tag">{t(`quiz.type.${q.type}`)}</span> {q.stem} <span className="muted">→ {q.type === 'truefalse' ? (q.answer[0] === 'T' ? t('quiz.true') : t('quiz.false')) : q.answer.join(q.type === 'fill' ? ' | ' : '')}</span>
                </li>
              ))}
            </ol>
            <label className="inline">
              {t('bank.name')}
              <input value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <button type="button" className="primary" disabled={!name.trim()} onClick={() => void commit()}>
              {t('bank.confirm')}
            </button>
          </div>
        )}
      </section>
      <section className="card">
        <h2>{t('bank.banks')}</h2>
        <ul>
          {[...byBank].map(([b, n]) => (
            <li key={b}>
              {t('bank.bankLine', { name: b, n })}{' '}
              {(['xlsx', 'gift'] as const).map((format) => (
                <button
                  key={format}
                  type="button"
                  className="link"
                  onClick={() => void api['bank.export']({ bank: b === t('bank.bundled') ? '' : b, format }).then((x) => downloadBase64(x.fileName, x.base64), setError)}
                >
                  {t(`bank.export.${format}`)}
                </button>
              ))}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
