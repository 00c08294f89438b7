import { useTranslation } from 'react-i18next';
import type { QuizResultView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { useLoad } from '../shell/use-load';
import { QuizReviewList } from './QuizReviewList';

/**
 * One attempt's result. While anything awaits grading the objective points are shown as just that
 * — "客观题 20 分，简答题待阅卷" — with no pass/fail; the final score and the verdict once graded.
 */
export function QuizResult({ result: r }: { result: QuizResultView }) {
  const { t } = useTranslation();
  // the review has each question's points; a campaign that does not show answers refuses it
  const review = useLoad(() => api['quiz.review']({ attemptId: r.attemptId }), [r.attemptId]);
  const pendingPoints = review.data?.items.filter((i) => i.pending).reduce((n, i) => n + i.max, 0) ?? null;
  const pending = r.passed === null;
  return (
    <div className="stack">
      <h1>{t('quiz.resultTitle')}</h1>
      {pending ? (
        <>
          <p className="big-number pending-score" data-testid="quiz-score">
            {t('quiz.objectivePending', { score: r.score })}
          </p>
          <p className="notice" data-testid="quiz-result">
            {pendingPoints !== null ? t('quiz.pendingDetail', { points: pendingPoints }) : t('quiz.pendingDetailCount', { n: r.pendingCount })}
          </p>
        </>
      ) : (
        <>
          <p className="big-number" data-testid="quiz-score">
            {t('quiz.score', { score: r.score, max: r.max })}
          </p>
          <p className={r.passed ? 'ok' : 'error'} data-testid="quiz-result">
            {r.passed ? t('quiz.passedLine', { mark: r.passMark }) : t('quiz.failedLine', { mark: r.passMark })}
          </p>
        </>
      )}
      <h2>{t('review.title')}</h2>
      {review.error ? <p className="muted">{t('quiz.noAnswers')}</p> : review.data ? <QuizReviewList items={review.data.items} /> : <p className="muted">{t('common.loading')}</p>}
    </div>
  );
}
