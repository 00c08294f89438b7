import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Question, QuestionType } from '../../../electron/core/model';
import type { DraftsAdded, DraftsView, Input, QuestionDraft } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { go } from '../shell/route';
import { useLoad } from '../shell/use-load';
import { QuestionEditor } from './QuestionEditor';

type Reviewed = Input<'bank.addDrafts'>['questions'][number];
interface Row {
  /** the draft's own id: the key while the officer edits it */
  key: string;
  draft: QuestionDraft;
  q: Reviewed;
  checked: boolean;
  edited: boolean;
}
const ALL = '';
const TYPES: QuestionType[] = ['single', 'fill', 'truefalse'];

function reviewedOf(q: Question): Reviewed {
  const { id: _id, version: _v, ...rest } = q;
  return rest;
}

/**
 * 从正式文本出题: the questions the server drafts from a document's imported official text, for the
 * officer to check, edit or reject; only the checked ones go into the bank the officer names.
 */
export function DraftsPanel({ docId }: { docId: string | null }) {
  const { t } = useTranslation();
  const docs = useLoad(() => api['corpus.list']({}), []);
  const bank = useLoad(() => api['bank.list']({}), []);
  const withText = (docs.data ?? []).filter((d) => d.texts.some((x) => x.kind === 'official'));
  const [view, setView] = useState<DraftsView | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [rejected, setRejected] = useState(0);
  const [type, setType] = useState<string>(ALL);
  const [unit, setUnit] = useState<string>(ALL);
  const [editing, setEditing] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [done, setDone] = useState<DraftsAdded | null>(null);
  /** drafts accepted here: an edited one is in the bank under its new content, which the drafts do not know */
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  // the document in the address (#/bank/drafts/<docId>) is drafted when it changes
  useEffect(() => {
    let live = true;
    setError(null);
    setDone(null);
    setAdded(new Set());
    setView(null);
    setRows([]);
    if (!docId) return;
    api['bank.drafts']({ docId }).then(
      (v) => {
        if (!live) return;
        const inBank = new Set(v.inBank);
        setView(v);
        setRows(v.drafts.map((d) => ({ key: d.question.id, draft: d, q: reviewedOf(d.question), checked: !inBank.has(d.question.id), edited: false })));
        setRejected(0);
        setType(ALL);
        setUnit(ALL);
        setName(v.shortTitle);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [docId]);

  const units = useMemo(() => [...new Set(rows.map((r) => r.draft.unit))], [rows]);
  const shown = rows.filter((r) => (type === ALL || r.q.type === type) && (unit === ALL || r.draft.unit === unit));
  const checked = rows.filter((r) => r.checked);
  const inBank = new Set([...(view?.inBank ?? []), ...added]);
  const counts = Object.fromEntries(TYPES.map((x) => [x, rows.filter((r) => r.q.type === x).length]));
  const banks = [...new Set((bank.data ?? []).map((q) => q.bank).filter(Boolean))];
  const update = (key: string, p: Partial<Row>) => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...p } : r)));

  async function accept() {
    setError(null);
    setBusy(true);
    try {
      const r = await api['bank.addDrafts']({ bank: name.trim(), questions: checked.map((x) => x.q) });
      setDone(r);
      setAdded((a) => new Set([...a, ...checked.map((x) => x.key)]));
      bank.reload();
      // the accepted ones are in the bank now: shown so, and unchecked
      setView(await api['bank.drafts']({ docId: view!.docId }));
      setRows((rs) => rs.map((x) => ({ ...x, checked: false })));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stack drafts">
      <section className="card stack">
        <div className="row-between">
          <h1>{t('drafts.title')}</h1>
          <button type="button" className="secondary" onClick={() => go('bank')}>
            {t('drafts.back')}
          </button>
        </div>
        {/* once the drafts are there, the list gets the room at 1366×768 */}
        {!view && <p className="muted">{t('drafts.intro')}</p>}
        {docs.data && withText.length === 0 ? (
          <p className="notice-box" data-testid="drafts-no-text">
            {t('drafts.noOfficialText')}
          </p>
        ) : (
          <label className="inline">
            {t('drafts.document')}
            <select aria-label={t('drafts.document')} value={view?.docId ?? docId ?? ''} onChange={(e) => go('bank', 'drafts', e.target.value || null)} data-testid="drafts-doc">
              <option value="">{t('drafts.chooseDocument')}</option>
              {withText.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.title}
                </option>
              ))}
            </select>
          </label>
        )}
        <ErrorNote error={error} />
        {view && (
          <p data-testid="drafts-summary">
            {t('drafts.summary', { title: view.shortTitle, file: view.fileName, total: rows.length, ...counts, inBank: rows.filter((r) => inBank.has(r.key)).length, rejected })}
          </p>
        )}
        {view && view.drafts.length === 0 && <p className="notice-box">{t('drafts.none')}</p>}
      </section>
      {done && (
        <div className="ok-box" role="status" data-testid="drafts-done">
          <strong>{t('drafts.done', { ...done })}</strong>{' '}
          <button type="button" className="link" onClick={() => go('bank')}>
            {t('drafts.seeBank')}
          </button>
        </div>
      )}
      {view && rows.length > 0 && (
        <section className="card stack">
          <div className="row filters">
            <select aria-label={t('paper.type')} value={type} onChange={(e) => setType(e.target.value)}>
              <option value={ALL}>{t('drafts.allTypes')}</option>
              {TYPES.map((x) => (
                <option key={x} value={x}>
                  {t(`quiz.type.${x}`)}
                </option>
              ))}
            </select>
            <select aria-label={t('drafts.unit')} value={unit} onChange={(e) => setUnit(e.target.value)}>
              <option value={ALL}>{t('drafts.allUnits')}</option>
              {units.map((u) => (
                <option key={u} value={u}>
                  {u}
                </option>
              ))}
            </select>
            <span className="muted">{t('drafts.shown', { n: shown.length })}</span>
            <button type="button" className="link" onClick={() => setRows((rs) => rs.map((r) => (shown.includes(r) && !inBank.has(r.key) ? { ...r, checked: true } : r)))}>
              {t('drafts.checkShown')}
            </button>
            <button type="button" className="link" onClick={() => setRows((rs) => rs.map((r) => (shown.includes(r) ? { ...r, checked: false } : r)))}>
              {t('drafts.uncheckShown')}
            </button>
          </div>
          <ol className="draft-list" data-testid="draft-list">
            {shown.map((r) =>
              editing === r.key ? (
                <li key={r.key}>
                  <QuestionEditor
                    original={{ ...r.q, id: r.key, version: 1 }}
                    banks={banks}
                    categories={[]}
                    docs={docs.data ?? []}
                    onKeep={(q) => {
                      update(r.key, { q: { ...q, bank: '' }, edited: true, checked: true });
                      setEditing(null);
                    }}
                    onSaved={() => setEditing(null)}
                    onCancel={() => setEditing(null)}
                  />
                </li>
              ) : (
                <DraftItem
                  key={r.key}
                  row={r}
                  inBank={inBank.has(r.key)}
                  onCheck={(c) => update(r.key, { checked: c })}
                  onEdit={() => setEditing(r.key)}
                  onReject={() => {
                    setRows((rs) => rs.filter((x) => x.key !== r.key));
                    setRejected((n) => n + 1);
                  }}
                />
              ),
            )}
          </ol>
          <div className="action-bar drafts-accept">
            <label className="inline">
              {t('drafts.bank')}
              <input list="draft-banks" value={name} onChange={(e) => setName(e.target.value)} data-testid="drafts-bank" />
              <datalist id="draft-banks">
                {banks.map((b) => (
                  <option key={b} value={b} />
                ))}
              </datalist>
            </label>
            <button type="button" className="primary big" disabled={busy || checked.length === 0 || !name.trim()} onClick={() => void accept()} data-testid="drafts-accept">
              {t('drafts.accept', { n: checked.length })}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

/** One draft: what it asks, its answer marked, where it comes from, the sentence it quotes. */
function DraftItem({ row, inBank, onCheck, onEdit, onReject }: { row: Row; inBank: boolean; onCheck: (c: boolean) => void; onEdit: () => void; onReject: () => void }) {
  const { t } = useTranslation();
  const q = row.q;
  const answer = q.type === 'truefalse' ? (q.answer[0] === 'T' ? t('quiz.true') : t('quiz.false')) : q.answer.join(' | ');
  return (
    <li className={row.checked ? 'draft checked' : 'draft'} data-testid="draft">
      <div className="row draft-head">
        <label className="inline">
          <input type="checkbox" checked={row.checked} onChange={(e) => onCheck(e.target.checked)} aria-label={t('drafts.take')} />
          <span className="tag">{t(`quiz.type.${q.type}`)}</span>
          <span className="muted">{q.source}</span>
          {row.edited && <span className="tag">{t('drafts.edited')}</span>}
          {inBank && <span className="tag">{t('drafts.inBank')}</span>}
        </label>
        <span className="grow" />
        <button type="button" className="link" onClick={onEdit}>
          {t('drafts.edit')}
        </button>
        <button type="button" className="link danger" onClick={onReject}>
          {t('drafts.reject')}
        </button>
      </div>
      <p className="draft-stem">{q.stem}</p>
      {q.type === 'single' || q.type === 'multiple' ? (
        <ol className="draft-options" type="A">
          {q.options.map((o, i) => {
            const right = q.answer.includes(String.fromCharCode(65 + i));
            return (
              <li key={i} className={right ? 'right-answer' : undefined}>
                {o}
                {right && <strong> ✓ {t('drafts.rightAnswer')}</strong>}
              </li>
            );
          })}
        </ol>
      ) : (
        <p>
          {t('drafts.answer')}
          <strong className="right-answer">{answer}</strong>
        </p>
      )}
      <p className="muted draft-quote">{t('drafts.quote', { quote: row.draft.quote })}</p>
    </li>
  );
}
