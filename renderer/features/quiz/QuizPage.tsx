import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary, QuizAttemptView, QuizResultView } from '../../../electron/shared/api';
import { useConfirm } from '../../components/ConfirmDialog';
import { api, ApiFailure } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { localDateTime } from '../shell/format';
import { useLoad } from '../shell/use-load';
import { QuizResult } from './QuizResult';
import { QuizTaking } from './QuizTaking';

type Phase = { kind: 'intro' } | { kind: 'taking'; attempt: QuizAttemptView } | { kind: 'result'; result: QuizResultView };

/**
 * 考核: the facts of the paper, one's attempts (each opens its result), and starting — after saying
 * what starting means. A closed campaign starts nothing, but an attempt left open at the close is
 * resumed and handed in (quiz.start answers with it there; campaign/guard.ts).
 */
export function QuizPage({ campaign }: { campaign: CampaignSummary }) {
  const { t } = useTranslation();
  const { dialog, ask } = useConfirm();
  const progress = useLoad(() => api['progress.mine']({ campaignId: campaign.id }), [campaign.id]);
  const [phase, setPhase] = useState<Phase>({ kind: 'intro' });
  const [error, setError] = useState<unknown>(null);
  const [handedIn, setHandedIn] = useState(false);
  const p = progress.data;
  const closed = !!campaign.closedAt;

  async function start() {
    setError(null);
    if (!p) return;
    // a new paper starts the clock and uses an attempt: say so first (resuming one does neither)
    if (!p.quiz.openAttemptId) {
      const q = campaign.quiz;
      const lines = [t('quiz.startFacts', { n: q.questionCount, min: q.timeLimitMinutes }), t('quiz.startAttempt', { used: p.quiz.attemptsUsed, max: q.maxAttempts })];
      if (q.maxLeaves > 0) lines.push(t('quiz.startLeaves', { n: q.maxLeaves }));
      if (!(await ask({ title: t('quiz.startTitle'), lines, confirm: t('quiz.startNow'), cancel: t('quiz.notNow') }))) return;
    }
    try {
      setPhase({ kind: 'taking', attempt: await api['quiz.start']({ campaignId: campaign.id }) });
    } catch (e) {
      // closed: an attempt whose time ran out was handed in with what was saved, and none begun
      if (closed && e instanceof ApiFailure && e.said?.key === 'campaign.closedReadOnly') {
        setHandedIn(true);
        progress.reload();
      } else setError(e);
    }
  }
  if (phase.kind === 'taking')
    return (
      <QuizTaking
        attempt={phase.attempt}
        onDone={(result) => {
          setPhase({ kind: 'result', result });
          progress.reload();
        }}
      />
    );
  if (phase.kind === 'result')
    return (
      <section className="card">
        <QuizResult result={phase.result} />
        <div className="row">
          <a href="#/study" className="button primary">
            {t('quiz.backHome')}
          </a>
          <button type="button" className="secondary" onClick={() => setPhase({ kind: 'intro' })}>
            {t('quiz.attemptsTitle')}
          </button>
        </div>
      </section>
    );
  const left = p ? campaign.quiz.maxAttempts - p.quiz.attemptsUsed : 0;
  const mayGo = closed ? !!p?.quiz.openAttemptId : !!p?.quiz.openAttemptId || left > 0;
  return (
    <div className="stack">
      {dialog}
      <section className="card">
        <h1>{t('nav.quiz')}</h1>
        <ul className="facts">
          <li>{t('quiz.factQuestions', { n: campaign.quiz.questionCount })}</li>
          <li>{t('quiz.factTime', { n: campaign.quiz.timeLimitMinutes })}</li>
          <li>{t('quiz.factPass', { n: campaign.quiz.passMark })}</li>
          <li>{t('quiz.factAttempts', { used: p?.quiz.attemptsUsed ?? 0, max: campaign.quiz.maxAttempts })}</li>
        </ul>
        {closed
          ? // said once the progress is in: whether an attempt is left open changes what is said
            p && (
              <p className="notice" data-testid="quiz-closed">
                {p.quiz.openAttemptId ? t('quiz.closedOpenAttempt') : t('quiz.closed')}
              </p>
            )
          : p?.quiz.openAttemptId && <p className="notice">{t('quiz.resumeNote')}</p>}
        {handedIn && (
          <p className="ok" data-testid="quiz-handed-in">
            {t('quiz.closedHandedIn')}
          </p>
        )}
        <ErrorNote error={error ?? progress.error} />
        {mayGo && (
          <button type="button" className="primary big" onClick={() => void start()} disabled={!p} data-testid="quiz-start">
            {p?.quiz.openAttemptId ? t('quiz.resume') : t('quiz.start')}
          </button>
        )}
      </section>
      {p && p.quiz.results.length > 0 && (
        <section className="card">
          <h2>{t('quiz.attemptsTitle')}</h2>
          <ul className="plain-list attempts" data-testid="quiz-attempts">
            {p.quiz.results.map((r, i) => (
              <li key={r.attemptId} className="row-between">
                <span>
                  {t('quiz.attemptLine', { n: i + 1, when: localDateTime(r.submittedAt) })}
                  {' · '}
                  <ScoreWords r={r} />
                </span>
                <button type="button" className="secondary" onClick={() => setPhase({ kind: 'result', result: r })}>
                  {t('quiz.view')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** An attempt's score in words: final, or the objective part while short answers await grading. */
export function ScoreWords({ r }: { r: QuizResultView }) {
  const { t } = useTranslation();
  if (r.passed === null) return <span className="pending-score">{t('quiz.objectivePending', { score: r.score })}</span>;
  return (
    <span className={r.passed ? 'ok-text' : 'err-text'}>
      {t('quiz.score', { score: r.score, max: r.max })} · {r.passed ? t('quiz.passed') : t('quiz.failed')}
    </span>
  );
}
