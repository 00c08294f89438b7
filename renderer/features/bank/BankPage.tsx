import { useConfirm } from '../../components/ConfirmDialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question } from '../../../electron/core/model';
import type { QuestionVersion } from '../../../electron/shared/api';
import { api, downloadBase64 } from '../../lib/api';
import { useFileImport } from '../../lib/use-file-import';
import { ErrorNote } from '../shell/ErrorNote';
import { go } from '../shell/route';
import { SourceLink } from '../study/SourceLink';
import { useLoad } from '../shell/use-load';
import { BankImportPreview } from './BankImportPreview';
import { BankTypeSelects } from './BankTypeSelects';
import { QuestionEditor, QuestionHistory } from './QuestionEditor';
import { ALL_CATEGORIES, useQuestionFilter } from './use-question-filter';

const PAGE = 50;
const NONE: Question[] = [];

/** 题库: import question banks from Excel, Word, text or Moodle's formats (preview first), download our template. */
export function BankPage() {
  const { t } = useTranslation();
  const { dialog, ask } = useConfirm();
  const bank = useLoad(() => api['bank.list']({}), []);
  const [name, setName] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const file = useFileImport({
    preview: (u) => api['bank.importPreview'](u),
    // a file with refused questions: only its good ones, which the officer saw and chose to import
    commit: (u, preview) => api['bank.importCommit']({ ...u, bank: name, ...(!preview.ok ? { skipRefused: true } : {}) }),
    onCommitted: (r) => {
      setDone(r.refused > 0 ? t('bank.doneSkipped', r) : t('bank.done', r));
      bank.reload();
    },
    onError: setError,
  });
  const preview = file.preview;
  function choose(e: React.ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0];
    setDone(null);
    if (f) setName(f.name.replace(/\.[^.]+$/, ''));
    void file.choose(f);
  }
  const docs = useLoad(() => api['corpus.list']({}), []);
  const [editing, setEditing] = useState<Question | 'new' | null>(null);
  const [history, setHistory] = useState<{ id: string; versions: QuestionVersion[] } | null>(null);
  const all = bank.data ?? NONE;
  const { filter, change, banks, categories, matches, visible, more, showMore } = useQuestionFilter(all, PAGE);
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
          <div className="row">
            <button type="button" className="primary" onClick={() => go('bank', 'drafts')} data-testid="open-drafts">
              {t('drafts.open')}
            </button>
            <button type="button" className="secondary" onClick={() => void api['bank.template']({}).then((x) => downloadBase64(x.fileName, x.base64), setError)}>
              {t('bank.template')}
            </button>
          </div>
        </div>
        <p className="muted">{t('bank.intro')}</p>
        <label className="file">
          {t('bank.choose')}
          <input type="file" accept=".xlsx,.csv,.docx,.md,.txt,.gift,.xml" onChange={choose} data-testid="bank-file" />
        </label>
        <ErrorNote error={error} />
        {done && <p className="ok">{done}</p>}
        {preview && <BankImportPreview preview={preview} upload={file.upload} name={name} onName={setName} onCommit={() => void file.commit()} onError={setError} />}
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
          <input type="search" placeholder={t('bank.list.search')} aria-label={t('bank.list.search')} value={filter.text} onChange={(e) => change({ text: e.target.value })} />
          <BankTypeSelects banks={banks} bank={filter.bank} type={filter.type} onBank={(bank) => change({ bank })} onType={(type) => change({ type })} />
          <select aria-label={t('paper.category')} value={filter.category} onChange={(e) => change({ category: e.target.value })}>
            <option value={ALL_CATEGORIES}>{t('bank.list.allCategories')}</option>
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
            {visible.map((q) => (
              <tr key={q.id}>
                <td>
                  <span className="tag">{t(`quiz.type.${q.type}`)}</span>
                </td>
                <td>
                  {q.stem}
                  {q.source && (
                    <div className="muted small">
                      {t('practice.source')}
                      {q.source} <SourceLink docId={q.docId} source={q.source} />
                    </div>
                  )}
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
        {more > 0 && (
          <button type="button" className="secondary" onClick={showMore}>
            {t('bank.list.more', { n: more })}
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
