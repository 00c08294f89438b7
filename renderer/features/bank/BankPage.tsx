import { useConfirm } from '../../components/ConfirmDialog';
import { useMemo, useState } from 'react';
import { inLanguage } from '../../lib/message-language';
import { useTranslation } from 'react-i18next';
import type { Question } from '../../../electron/core/model';
import type { BankPreview, QuestionVersion } from '../../../electron/shared/api';
import { api, downloadBase64, fileToBase64 } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { BankTypeSelects } from './BankTypeSelects';
import { QuestionEditor, QuestionHistory } from './QuestionEditor';

const PAGE = 50;

/** 题库: import question banks from Excel (preview first), download our template. */
export function BankPage() {
  const { t, i18n } = useTranslation();
  const { dialog, ask } = useConfirm();
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
      // a file with refused questions: only its good ones, which the officer saw and chose to import
      const skipRefused = preview ? !preview.ok : false;
      const r = await api['bank.importCommit']({ ...upload, bank: name, ...(skipRefused ? { skipRefused } : {}) });
      setDone(r.refused > 0 ? t('bank.doneSkipped', r) : t('bank.done', r));
      setPreview(null);
      bank.reload();
    } catch (err) {
      setError(err);
    }
  }
  const docs = useLoad(() => api['corpus.list']({}), []);
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [history, setHistory] = useState<{ id: string; versions: QuestionVersion[] } | null>(null);
  const [filter, setFilter] = useState({ text: '', bank: '\u0000', type: '', category: '\u0000' });
  const [shown, setShown] = useState(PAGE);
  const all = useMemo(() => bank.data ?? [], [bank.data]);
  const banks = useMemo(() => [...new Set(all.map((q) => q.bank))].sort(), [all]);
  const categories = useMemo(() => [...new Set(all.map((q) => q.category).filter(Boolean))].sort(), [all]);
  const matches = all.filter(
    (q) =>
      (filter.bank === '\u0000' || q.bank === filter.bank) &&
      (!filter.type || q.type === filter.type) &&
      (filter.category === '\u0000' || q.category === filter.category) &&
      (!filter.text.trim() || q.stem.includes(filter.text.trim()) || q.tags.includes(filter.text.trim())),
  );
  async function showHistory(id: string) {
    try {
      setHistory(history?.id === id ? null : { id, versions: await api['bank.history']({ questionId: id }) });
    } catch (err) {
      setError(err);
    }
  }
  async function remove(q: Question) {
    if (!(await ask({ title: t('bank.list.removeTitle'), lines: t('bank.list.confirmRemove', { stem: q.stem.slice(0, 40) }).split('\n'), confirm: t('bank.list.removeNow'), danger: true }))) return;
    try {
      await api['bank.remove']({ questionIds: [q.id] });
      setDone(t('bank.list.removed'));
      bank.reload();
    } catch (err) {
      setError(err);
    }
  }
  const byBank = new Map<string, number>();
  for (const q of bank.data ?? []) byBank.set(q.bank || t('bank.bundled'), (byBank.get(q.bank || t('bank.bundled')) ?? 0) + 1);
  return (
    <div className="stack">
      {dialog}
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
          <div className="error-box" role="alert" data-testid="bank-refused">
            <strong>{preview.total > 0 ? t('bank.hasRefused', { file: preview.fileName, n: preview.errors.length }) : t('roster.hasErrors', { file: preview.fileName })}</strong>
            <ul>
              {preview.errors.map((e, i) => (
                <li key={i}>{t('roster.rowError', { row: e.row, field: e.column, message: inLanguage(e.message, i18n.language) })}</li>
              ))}
            </ul>
          </div>
        )}
        {preview && preview.total > 0 && (
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
              {preview.ok ? t('bank.confirm') : t('bank.confirmGood', { n: preview.total })}
            </button>
          </div>
        )}
      </section>
      {editing && (
        <QuestionEditor
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          original={editing === 'new' ? null : editing}
          banks={banks}
          categories={categories}
          docs={docs.data ?? []}
          onCancel={() => setEditing(null)}
          onSaved={(msg) => {
            setEditing(null);
            setHistory(null);
            setDone(msg);
            bank.reload();
          }}
        />
      )}
      <section className="card stack">
        <div className="row-between">
          <h2>{t('bank.list.title', { n: all.length })}</h2>
          <button type="button" className="primary" onClick={() => setEditing('new')}>
            {t('bank.list.new')}
          </button>
        </div>
        <div className="row filters">
          <input type="search" placeholder={t('bank.list.search')} aria-label={t('bank.list.search')} value={filter.text} onChange={(e) => setFilter({ ...filter, text: e.target.value })} />
          <BankTypeSelects banks={banks} bank={filter.bank} type={filter.type} onBank={(bank) => setFilter({ ...filter, bank })} onType={(type) => setFilter({ ...filter, type })} />
          <select aria-label={t('paper.category')} value={filter.category} onChange={(e) => setFilter({ ...filter, category: e.target.value })}>
            <option value={'\u0000'}>{t('bank.list.allCategories')}</option>
            {categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <span className="muted">{t('bank.list.matches', { n: matches.length })}</span>
        </div>
        <table className="table" data-testid="question-list">
          <thead>
            <tr>
              <th>{t('paper.type')}</th>
              <th>{t('bank.edit.stem')}</th>
              <th>{t('bank.edit.answer')}</th>
              <th>{t('bank.edit.score')}</th>
              <th>{t('paper.difficulty')}</th>
              <th>{t('paper.category')}</th>
              <th>{t('bank.list.version')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {matches.slice(0, shown).map((q) => (
              <tr key={q.id}>
                <td>
                  <span className="tag">{t(`quiz.type.${q.type}`)}</span>
                </td>
                <td>
                  {q.stem}
                  {history?.id === q.id && <QuestionHistory versions={history.versions} />}
                </td>
                <td>{q.type === 'truefalse' ? (q.answer[0] === 'T' ? t('quiz.true') : t('quiz.false')) : q.type === 'short' ? '…' : q.answer.join(q.type === 'fill' ? ' | ' : '')}</td>
                <td>{q.score}</td>
                <td>{q.difficulty ? t(`bank.difficulty_${q.difficulty}`) : ''}</td>
                <td>{q.category}</td>
                <td>{q.version}</td>
                <td className="nowrap">
                  <button type="button" className="link" onClick={() => setEditing(q)}>
                    {t('bank.list.edit')}
                  </button>
                  <button type="button" className="link" onClick={() => void showHistory(q.id)}>
                    {t('bank.list.history')}
                  </button>
                  <button type="button" className="link danger" onClick={() => void remove(q)}>
                    {t('bank.list.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {matches.length > shown && (
          <button type="button" className="secondary" onClick={() => setShown(shown + PAGE)}>
            {t('bank.list.more', { n: matches.length - shown })}
          </button>
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
