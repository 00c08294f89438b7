import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary, QuizAttemptView, QuizResultView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { useLoad } from '../shell/use-load';
import { QuizReviewList } from './QuizReviewList';
import { QuizTaking } from './QuizTaking';

type Phase = { kind: 'intro' } | { kind: 'taking'; attempt: QuizAttemptView } | { kind: 'result'; result: QuizResultView };

export function QuizPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const progress = useLoad(() => api['progress.mine']({ campaignId: campaign.id }), [campaign.id]);
  const [phase, setPhase] = useState<Phase>({ kind: 'intro' });
  const [error, setError] = useState<unknown>(null);

  async function start() {
    setError(null);
    try {
      setPhase({ kind: 'taking', attempt: await api['quiz.start']({ campaignId: campaign.id }) });
    } catch (e) {
      setError(e);
    }
  }
  if (phase.kind === 'taking') return <QuizTaking attempt={phase.attempt} onDone={(result) => setPhase({ kind: 'result', result })} />;
  if (phase.kind === 'result') {
    const r = phase.result;
    return (
      <section className="card">
        <h1>{t('quiz.resultTitle')}</h1>
        <p className="big-number" data-testid="quiz-score">
          {t('quiz.score', { score: r.score, max: r.max })}
        </p>
        <p className={r.passed ? 'ok' : r.passed === false ? 'error' : 'notice'} data-testid="quiz-result">
          {r.passed === null ? t('quiz.pendingNote', { n: r.pendingCount }) : r.passed ? t('quiz.passedLine', { mark: r.passMark }) : t('quiz.failedLine', { mark: r.passMark })}
        </p>
        <a href="#/study" className="button primary">
          {t('quiz.backHome')}
        </a>
        <h2>{t('review.title')}</h2>
        <QuizReviewList attemptId={r.attemptId} />
      </section>
    );
  }
  const p = progress.data;
  return (
    <section className="card">
      <h1>{t('nav.quiz')}</h1>
      <ul className="facts">
        <li>{t('quiz.factQuestions', { n: campaign.quiz.questionCount })}</li>
        <li>{t('quiz.factTime', { n: campaign.quiz.timeLimitMinutes })}</li>
        <li>{t('quiz.factPass', { n: campaign.quiz.passMark })}</li>
        <li>{t('quiz.factAttempts', { used: p?.quiz.attemptsUsed ?? 0, max: campaign.quiz.maxAttempts })}</li>
      </ul>
      {p?.quiz.best && <p>{p.quiz.best.passed === null ? t('quiz.pendingScore', { score: p.quiz.best.score, max: p.quiz.best.max }) : t('quiz.bestScore', { percent: p.quiz.best.percent, result: p.quiz.best.passed ? t('quiz.passed') : t('quiz.failed') })}</p>}
      <ErrorNote error={error ?? progress.error} />
      <button type="button" className="primary big" onClick={() => void start()} disabled={!p}>
        {p?.quiz.openAttemptId ? t('quiz.resume') : t('quiz.start')}
      </button>
    </section>
  );
}
