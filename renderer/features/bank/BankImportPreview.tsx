import { useTranslation } from 'react-i18next';
import type { BankPreview } from '../../../electron/shared/api';
import { api, downloadBase64 } from '../../lib/api';
import type { Upload } from '../../lib/use-file-import';
import { sayHere } from '../../lib/message-language';

/**
 * What a bank file would give: the refused questions, each by its row, line or paragraph with the
 * reason and the start of its text, to download as a sheet to correct; then the good ones, which
 * the officer may import without the refused.
 */
export function BankImportPreview(p: { preview: BankPreview; upload: Upload | null; name: string; onName: (n: string) => void; onCommit: () => void; onError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const { preview } = p;
  const textOf = new Map(preview.refused.map((r) => [r.row, r.text]));
  const upload = p.upload;
  return (
    <>
      {!preview.ok && (
        <div className="error-box" role="alert" data-testid="bank-refused">
          <strong>{preview.total > 0 ? t('bank.hasRefused', { file: preview.fileName, n: preview.errors.length }) : t('roster.hasErrors', { file: preview.fileName })}</strong>
          <ul className="refused-list">
            {preview.errors.map((e, i) => (
              <li key={i}>
                {t(`bank.refused.${preview.numbering}`, { row: e.row, field: e.column, message: sayHere(e.message) })}
                {textOf.get(e.row) && <span className="muted refused-text">{textOf.get(e.row)}</span>}
              </li>
            ))}
          </ul>
          {preview.refused.length > 0 && upload && (
            <button
              type="button"
              className="secondary"
              data-testid="bank-refused-sheet"
              onClick={() => void api['bank.refusedSheet'](upload).then((x) => downloadBase64(x.fileName, x.base64), p.onError)}
            >
              {t('bank.downloadRefused', { n: preview.refused.length })}
            </button>
          )}
        </div>
      )}
      {preview.total > 0 && (
        <div className="stack" data-testid="bank-preview">
          <p>{t('bank.previewLine', { total: preview.total, ...preview.counts, duplicates: preview.duplicates })}</p>
          <ol className="small">
            {preview.sample.map((q) => (
              <li key={q.id}>
                <span className="tag">{t(`quiz.type.${q.type}`)}</span> {q.stem}{' '}
                <span className="muted">→ {q.type === 'truefalse' ? (q.answer[0] === 'T' ? t('quiz.true') : t('quiz.false')) : q.answer.join(q.type === 'fill' ? ' | ' : '')}</span>
              </li>
            ))}
          </ol>
          <label className="inline">
            {t('bank.name')}
            <input value={p.name} onChange={(e) => p.onName(e.target.value)} />
          </label>
          <button type="button" className="primary" disabled={!p.name.trim()} onClick={p.onCommit}>
            {preview.ok ? t('bank.confirm') : t('bank.confirmGood', { n: preview.total })}
          </button>
        </div>
      )}
    </>
  );
}
