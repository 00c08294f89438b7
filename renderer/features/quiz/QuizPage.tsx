import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignSummary, QuizAttemptView, QuizResultView } from '../../../electron/shared/api';
import { api } from '../../lib/api';
import { ErrorNote } from '../shell/ErrorNote';
import { clock } from '../shell/format';
import { useLoad } from '../shell/use-load';
import { QuestionView } from './QuestionView';

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

function QuizTaking({ attempt, onDone }: { attempt: QuizAttemptView; onDone: (r: QuizResultView) => void }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Record<string, string[]>>(attempt.answers);
  const [index, setIndex] = useState(0);
  const [deadline] = useState(() => Date.now() + attempt.remainingMs);
  const [left, setLeft] = useState(attempt.remainingMs);
  const [error, setError] = useState<unknown>(null);
  const submitting = useRef(false);
  const answersRef = useRef(answers);
  answersRef.current = answers;

  async function submit() {
    if (submitting.current) return;
    submitting.current = true;
    try {
      onDone(await api['quiz.submit']({ attemptId: attempt.attemptId, answers: answersRef.current }));
    } catch (e) {
      submitting.current = false;
      setError(e);
    }
  }
  useEffect(() => {
    const id = window.setInterval(() => {
      const l = deadline - Date.now();
      setLeft(l);
      if (l <= 0) void submit();
    }, 500);
    return () => window.clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  // Save answers as they change, so a crash or a closed window resumes with them.
  useEffect(() => {
    const id = window.setTimeout(() => void api['quiz.save']({ attemptId: attempt.attemptId, answers }).catch(() => undefined), 400);
    return () => window.clearTimeout(id);
  }, [answers, attempt.attemptId]);

  const q = attempt.questions[index]!;
  const answered = attempt.questions.filter((x) => (answers[x.id] ?? []).some((a) => a.trim() !== '')).length;
  const last = index === attempt.questions.length - 1;
  return (
    <section className="card quiz" onCopy={(e) => e.preventDefault()} onPaste={(e) => e.preventDefault()}>
      <div className="row-between">
        <span data-testid="answered">{t('quiz.answered', { n: answered, total: attempt.questions.length })}</span>
        <span className={left < 60_000 ? 'countdown urgent' : 'countdown'} role="timer">
          {t('quiz.timeLeft', { time: clock(left) })}
        </span>
      </div>
      <QuestionView
        index={index}
        question={q}
        value={answers[q.id] ?? []}
        onChange={(v) => setAnswers((a) => ({ ...a, [q.id]: v }))}
      />
      <ErrorNote error={error} />
      <div className="row-between">
        <button type="button" className="secondary big" disabled={index === 0} onClick={() => setIndex(index - 1)}>
          {t('quiz.prev')}
        </button>
        {!last ? (
          <button type="button" className="primary big" onClick={() => setIndex(index + 1)}>
            {t('quiz.next')}
          </button>
        ) : (
          <button
            type="button"
            className="primary big"
            onClick={() => {
              const unanswered = attempt.questions.length - answered;
              if (window.confirm(unanswered > 0 ? t('quiz.confirmUnanswered', { n: unanswered }) : t('quiz.confirm'))) void submit();
            }}
          >
            {t('quiz.submit')}
          </button>
        )}
      </div>
    </section>
  );
}
