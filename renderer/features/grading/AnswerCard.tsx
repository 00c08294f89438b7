import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GradingQueue } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';

/** Enter saves the score (the next card then takes the focus): grading by keyboard alone. Read-only: the answer, nothing to score. */
export function AnswerCard({ item, onDone, autoFocus, readOnly = false }: { item: GradingQueue['answers'][number]; onDone: () => void; autoFocus: boolean; readOnly?: boolean }) {
  const { t } = useTranslation();
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    try {
      await api['grading.gradeAnswer']({ ref: item.ref, questionId: item.questionId, score: Number(score), comment });
      onDone();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form className="card" onSubmit={save} data-testid="answer-card">
      <h3>
        {t('grading.shortAnswer')} · {item.employeeNo === null ? t('grading.paperNo', { paper: `${item.paper.slice(0, 4)}-${item.paper.slice(4)}` }) : `${item.name}（${item.employeeNo}）`}
        {item.attempt > 1 && ` · ${t('grading.attemptNo', { n: item.attempt })}`}
      </h3>
      <p>
        <strong>{item.stem}</strong>
      </p>
      <p className="muted small">
        {t('grading.reference')}：{item.reference}
      </p>
      <blockquote className="answer">{item.given || t('grading.blank')}</blockquote>
      {!readOnly && (
        <div className="row">
          <label className="inline">
            {t('grading.score', { max: item.max })}
            <input type="number" min={0} max={item.max} step={0.5} required className="narrow" value={score} onChange={(e) => setScore(e.target.value)} autoFocus={autoFocus} />
          </label>
          <button type="button" className="secondary" onClick={() => setScore(String(item.max))}>
            {t('grading.full')}
          </button>
          <input className="grow" placeholder={t('grading.comment')} value={comment} onChange={(e) => setComment(e.target.value)} />
          <button type="submit" className="primary">
            {t('grading.save')}
          </button>
        </div>
      )}
      <ErrorNote error={error} />
    </form>
  );
}
