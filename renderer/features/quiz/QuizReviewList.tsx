import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';

/** After submitting: each question with the person's answer, the right answer and 解析 (when allowed). */
export function QuizReviewList({ attemptId }: { attemptId: string }) {
  const { t } = useTranslation();
  const r = useLoad(() => api['quiz.review']({ attemptId }), [attemptId]);
  if (r.error) return <ErrorNote error={r.error} />;
  if (!r.data) return <p className="muted">{t('common.loading')}</p>;
  const show = (type: string, v: string[]) => (type === 'truefalse' ? v.map((x) => (x === 'T' ? t('quiz.true') : t('quiz.false'))).join('') : v.join(type === 'fill' ? ' | ' : ''));
  return (
    <ol className="review" data-testid="quiz-review">
      {r.data.items.map((it, i) => (
        <li key={i} className={it.pending ? '' : it.score === it.max ? 'right' : 'wrong'}>
          <div>
            <span className="tag">{t(`quiz.type.${it.type}`)}</span> {it.stem}
          </div>
          {it.options.length > 0 && (
            <div className="muted small">{it.options.map((o, k) => `${String.fromCharCode(65 + k)}. ${o}`).join('　')}</div>
          )}
          <div>
            {t('review.yours')}：{show(it.type, it.given) || '—'}　{t('review.right')}：{it.type === 'short' ? t('review.byGrader') : show(it.type, it.answer)}　
            {it.pending ? t('review.pending') : t('review.points', { score: it.score, max: it.max })}
          </div>
          {it.explanation && <div className="muted small">{t('review.explanation')}：{it.explanation}</div>}
        </li>
      ))}
    </ol>
  );
}
