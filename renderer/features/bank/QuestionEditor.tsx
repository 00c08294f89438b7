import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUESTION_TYPES, type Question, type QuestionType } from '../../../electron/core/model';
import type { DocMeta, Input, QuestionVersion } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { SourceLink } from '../study/SourceLink';

type Draft = Input<'bank.save'>;
const letter = (i: number) => String.fromCharCode(65 + i);
const isChoice = (t: QuestionType) => t === 'single' || t === 'multiple';

export const emptyDraft = (bank = ''): Draft => ({
  type: 'single',
  stem: '',
  options: ['', '', '', ''],
  answer: [],
  explanation: '',
  score: 2,
  source: '',
  bank,
  difficulty: 0,
  category: '',
  tags: [],
  docId: '',
});

export function draftOf(q: Question): Draft {
  const { version: _v, ...rest } = q;
  return { ...rest, options: isChoice(q.type) ? q.options : [] };
}

/**
 * Write or edit one question. An edit is saved as a new version (the bank keeps the old one, and
 * attempts keep what they were given). A changed key can instead be saved as a correction, which
 * regrades every submitted attempt that had the question.
 */
export function QuestionEditor({
  original,
  banks,
  categories,
  docs,
  onSaved,
  onCancel,
  onKeep,
}: {
  original: Question | null;
  banks: string[];
  categories: string[];
  docs: DocMeta[];
  onSaved: (msg: string) => void;
  onCancel: () => void;
  /** a draft under review: the edited question goes back to the caller, nothing is saved */
  onKeep?: (q: Input<'bank.save'>) => void;
}) {
  const { t } = useTranslation();
  const [d, setD] = useState<Draft>(() => (original ? draftOf(original) : emptyDraft(banks.find(Boolean) ?? '')));
  const [tagsText, setTagsText] = useState(() => d.tags.join('，'));
  const [regrade, setRegrade] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (p: Partial<Draft>) => setD((x) => ({ ...x, ...p }));
  const formRef = useRef<HTMLFormElement>(null);
  // the editor opens above the list: bring it into view, focus the stem
  useEffect(() => {
    formRef.current?.scrollIntoView({ block: 'start' });
    formRef.current?.querySelector('textarea')?.focus();
  }, []);
  const keyChanged = !onKeep && !!original && JSON.stringify(original.answer) !== JSON.stringify(d.answer) && original.type === d.type;

  function setType(type: QuestionType) {
    set({ type, answer: [], options: isChoice(type) ? (d.options.length >= 2 ? d.options : ['', '', '', '']) : [] });
  }
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const draft = { ...d, tags: tagsText.split(/[,，;；、\s]+/).filter(Boolean), options: isChoice(d.type) ? d.options.map((o) => o.trim()) : [] };
      if (onKeep) {
        const { id: _id, ...kept } = draft;
        onKeep(kept);
        return;
      }
      let regraded: number | null = null;
      if (original && keyChanged && regrade) {
        regraded = (await api['bank.correctKey']({ questionId: original.id, answer: draft.answer })).regraded;
        const after = (await api['bank.list']({})).find((q) => q.id === original.id);
        if (after) draft.answer = after.answer;
      }
      const q = await api['bank.save'](draft);
      onSaved(regraded !== null ? t('bank.edit.regraded', { n: regraded, version: q.version }) : original ? t('bank.edit.savedVersion', { version: q.version }) : t('bank.edit.created'));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form ref={formRef} className="card stack question-editor" onSubmit={save} data-testid="question-editor">
      <h2>{onKeep ? t('drafts.editTitle') : original ? t('bank.edit.titleEdit', { version: original.version }) : t('bank.edit.titleNew')}</h2>
      {original && !onKeep && <p className="muted small">{t('bank.edit.versionNote')}</p>}
      <div className="grid2">
        <label>
          {t('paper.type')}
          <select value={d.type} onChange={(e) => setType(e.target.value as QuestionType)}>
            {QUESTION_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`quiz.type.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bank.edit.score')}
          <input type="number" min={0.5} step={0.5} max={100} value={d.score} onChange={(e) => set({ score: Number(e.target.value) })} />
        </label>
        <label className="span2">
          {t('bank.edit.stem')}
          <textarea rows={3} required value={d.stem} onChange={(e) => set({ stem: e.target.value })} />
        </label>
      </div>
      {isChoice(d.type) && (
        <fieldset className="options-edit">
          <legend>{t('bank.edit.optionsLegend')}</legend>
          {d.options.map((o, i) => {
            const l = letter(i);
            const right = d.answer.includes(l);
            return (
              <div key={i} className="row option-row">
                <label className="inline">
                  <input
                    type={d.type === 'single' ? 'radio' : 'checkbox'}
                    name="right"
                    checked={right}
                    aria-label={t('bank.edit.isRight', { l })}
                    onChange={() => set({ answer: d.type === 'single' ? [l] : right ? d.answer.filter((x) => x !== l) : [...d.answer, l].sort() })}
                  />
                  <strong>{l}</strong>
                </label>
                <input className="grow" aria-label={t('bank.edit.option', { l })} value={o} onChange={(e) => set({ options: d.options.map((x, k) => (k === i ? e.target.value : x)) })} />
                <button
                  type="button"
                  className="link"
                  disabled={d.options.length <= 2}
                  aria-label={t('bank.edit.removeOption', { l })}
                  onClick={() => set({ options: d.options.filter((_, k) => k !== i), answer: d.answer.filter((x) => x !== l).map((x) => (x > l ? String.fromCharCode(x.charCodeAt(0) - 1) : x)) })}
                >
                  ✕
                </button>
              </div>
            );
          })}
          {d.options.length < 8 && (
            <button type="button" className="secondary" onClick={() => set({ options: [...d.options, ''] })}>
              {t('bank.edit.addOption')}
            </button>
          )}
        </fieldset>
      )}
      {d.type === 'truefalse' && (
        <div className="row" role="radiogroup" aria-label={t('bank.edit.answer')}>
          {(['T', 'F'] as const).map((v) => (
            <label key={v} className={d.answer[0] === v ? 'option checked' : 'option'}>
              <input type="radio" name="tf" checked={d.answer[0] === v} onChange={() => set({ answer: [v] })} />
              <span>{v === 'T' ? t('quiz.true') : t('quiz.false')}</span>
            </label>
          ))}
        </div>
      )}
      {d.type === 'fill' && (
        <label>
          {t('bank.edit.fillAnswers')}
          <input
            value={d.answer.join(' | ')}
            onChange={(e) =>
              set({
                answer: e.target.value
                  .split(/[|｜]/)
                  .map((x) => x.trim())
                  .filter(Boolean),
              })
            }
          />
        </label>
      )}
      {d.type === 'short' && (
        <label>
          {t('bank.edit.reference')}
          <textarea rows={3} value={d.answer[0] ?? ''} onChange={(e) => set({ answer: e.target.value.trim() ? [e.target.value] : [] })} />
        </label>
      )}
      <label>
        {t('bank.edit.explanation')}
        <textarea rows={2} value={d.explanation} onChange={(e) => set({ explanation: e.target.value })} />
      </label>
      <div className="grid2">
        {/* a draft's bank is chosen once for all the drafts accepted */}
        {!onKeep && (
          <label>
            {t('paper.bank')}
            <input list="bank-names" value={d.bank} onChange={(e) => set({ bank: e.target.value })} />
            <datalist id="bank-names">
              {banks.filter(Boolean).map((b) => (
                <option key={b} value={b} />
              ))}
            </datalist>
          </label>
        )}
        <label>
          {t('paper.category')}
          <input list="category-names" value={d.category} onChange={(e) => set({ category: e.target.value })} />
          <datalist id="category-names">
            {categories.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>
        <label>
          {t('paper.difficulty')}
          <select value={d.difficulty} onChange={(e) => set({ difficulty: Number(e.target.value) })}>
            {[0, 1, 2, 3].map((x) => (
              <option key={x} value={x}>
                {t(`bank.difficulty_${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bank.edit.tags')}
          <input value={tagsText} onChange={(e) => setTagsText(e.target.value)} />
        </label>
        <label>
          {t('paper.doc')}
          <select value={d.docId} onChange={(e) => set({ docId: e.target.value })}>
            <option value="">{t('bank.edit.noDoc')}</option>
            {docs.map((x) => (
              <option key={x.id} value={x.id}>
                {x.title}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bank.edit.source')}
          <input value={d.source} onChange={(e) => set({ source: e.target.value })} placeholder={t('bank.edit.sourceHint')} />
          <SourceLink docId={d.docId} source={d.source} />
        </label>
      </div>
      {keyChanged && (
        <label className="option notice-box">
          <input type="checkbox" checked={regrade} onChange={(e) => setRegrade(e.target.checked)} />
          <span>{t('bank.edit.regrade')}</span>
        </label>
      )}
      <ErrorNote error={error} />
      <div className="row">
        <button type="submit" className="primary big" disabled={busy}>
          {onKeep ? t('drafts.keepEdit') : t('bank.edit.save')}
        </button>
        <button type="button" className="secondary big" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Every version of a question, newest first. */
export function QuestionHistory({ versions }: { versions: QuestionVersion[] }) {
  const { t } = useTranslation();
  return (
    <ol className="history small" data-testid="question-history">
      {versions.map((v) => (
        <li key={`${v.version}-${v.replacedAt ?? 'now'}`}>
          <strong>{t('bank.history.version', { version: v.version })}</strong>{' '}
          {v.replacedAt === null
            ? t('bank.history.current')
            : v.removed
              ? t('bank.history.removed', { at: v.replacedAt.slice(0, 16).replace('T', ' '), by: v.replacedBy })
              : t('bank.history.replaced', { at: v.replacedAt.slice(0, 16).replace('T', ' '), by: v.replacedBy })}
          <div>
            {v.stem} <span className="muted">→ {v.answer.join(v.type === 'fill' ? ' | ' : '')}</span>
          </div>
        </li>
      ))}
    </ol>
  );
}
