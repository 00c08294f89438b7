import { useTranslation } from 'react-i18next';
import type { QuizReview } from '../../../electron/shared/api';

/** After submitting: one block per question — the question, your answer, the right answer, the points, 解析. */
export function QuizReviewList({ items }: { items: QuizReview['items'] }) {
  const { t } = useTranslation();
  const show = (type: string, v: string[]) => (type === 'truefalse' ? v.map((x) => (x === 'T' ? t('quiz.true') : t('quiz.false'))).join('') : v.join(type === 'fill' ? ' | ' : '、'));
  return (
    <ol className="review" data-testid="quiz-review">
      {items.map((it, i) => {
        const state = it.pending ? 'q-pending' : it.score === it.max ? 'q-right' : 'q-wrong';
        return (
          <li key={i} className={`qblock ${state}`}>
            <div className="qhead">
              <span className="qno">{t('review.number', { n: i + 1 })}</span>
              <span className="tag">{t(`quiz.type.${it.type}`)}</span>
              <span className={`qpoints ${state}`} data-testid="review-points">
                {it.pending ? t('review.pendingPoints', { max: it.max }) : t('review.points', { score: it.score, max: it.max })}
              </span>
            </div>
            <p className="qstem">{it.stem}</p>
            {it.options.length > 0 && (
              <ol className="qoptions">
                {it.options.map((o, k) => {
                  const letter = String.fromCharCode(65 + k);
                  return (
                    <li key={k} className={it.answer.includes(letter) ? 'is-right' : it.given.includes(letter) ? 'is-given' : ''}>
                      <b>{letter}.</b> {o}
                    </li>
                  );
                })}
              </ol>
            )}
            <dl className="qanswers">
              <dt>{t('review.yours')}</dt>
              <dd>{show(it.type, it.given) || '—'}</dd>
              <dt>{it.type === 'short' ? t('review.keyPoints') : t('review.right')}</dt>
              <dd>
                {show(it.type, it.answer) || '—'}
                {it.type === 'short' && <span className="muted small">（{t('review.byGrader')}）</span>}
              </dd>
              {it.explanation && (
                <>
                  <dt>{t('review.explanation')}</dt>
                  <dd>{it.explanation}</dd>
                </>
              )}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}
